package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.mcp.client.McpConnection;
import dev.frugal.mcp.client.McpServerSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frugal mcp serve --http PORT}, run as a separate process the way a user runs it: the
 * budgeted tools over streamable HTTP on 127.0.0.1, a budget per client session; and a bad {@code
 * --http} value is refused with exit code 2 saying what is valid.
 */
@Timeout(300)
class McpHttpCliTest {
  @TempDir Path dir;

  private static final Pattern URL = Pattern.compile("streamable HTTP at (http://\\S+/mcp)");

  /** A running {@code frugal mcp serve --http 0 ...} and the URL it printed. */
  record Served(Process process, String url, List<String> stderr) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    }
  }

  static Served serve(String... options) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", Terminal.launcherClasspath(), FrugalCli.class.getName()));
    cmd.addAll(List.of("mcp", "serve", "--http", "0"));
    cmd.addAll(List.of(options));
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  all.add(line);
                  lines.add(line);
                }
              } catch (java.io.IOException e) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    while (true) {
      String line = lines.poll(240, TimeUnit.SECONDS);
      if (line == null) {
        p.destroyForcibly();
        throw new AssertionError("frugal mcp serve --http printed no URL: " + all);
      }
      Matcher m = URL.matcher(line);
      if (m.find()) return new Served(p, m.group(1), all);
    }
  }

  static ToolResult search(McpConnection c, String query) throws Exception {
    Tool t =
        c.tools().stream().filter(x -> x.name().equals("web_search")).findFirst().orElseThrow();
    return t.execute(
        new ToolCall(
            "1", "web_search", new ObjectMapper().readTree("{\"queries\": [\"" + query + "\"]}")));
  }

  @Test
  void mcpServeHttpServesTheToolsWithABudgetPerSessionOn127001() throws Exception {
    try (Served s = serve("--search", "1")) {
      assertThat(s.url()).startsWith("http://127.0.0.1:").doesNotContain(":0/");
      McpServerSpec spec = McpServerSpec.parse("web=" + s.url());
      try (McpConnection a = McpConnection.builder(spec).open();
          McpConnection b = McpConnection.builder(spec).open()) {
        assertThat(a.serverInfo()).startsWith("frugal ");
        assertThat(a.tools()).extracting(Tool::name).contains("web_search", "web_open");
        ToolResult first = search(a, "Corliss Archer");
        assertThat(first.error()).isFalse();
        assertThat(first.text())
            .contains("Corliss Archer")
            .contains("Remaining this session: open 10 of 10 units, search 0 of 1 units.");
        assertThat(search(a, "Kiss and Tell").text())
            .contains("tool units of 'search'")
            .contains("The call was not made");
        // the second client is another session, with its own unit
        assertThat(search(b, "Kiss and Tell").error()).isFalse();
      }
    }
  }

  @Test
  void aBadHttpValueOrBindAddressExitsTwoSayingWhatIsValid() {
    Terminal.Run run = Terminal.frugal(dir, Map.of(), "mcp", "serve", "--http", "eighty");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr())
        .contains("--http takes a TCP port, a whole number from 0 to 65535 (0 picks a free port)")
        .contains("got 'eighty'")
        .doesNotContain("\tat ");
    Terminal.Run tooBig = Terminal.frugal(dir, Map.of(), "mcp", "serve", "--http", "70000");
    assertThat(tooBig.exitCode()).isEqualTo(2);
    assertThat(tooBig.stderr()).contains("got '70000'");
    Terminal.Run bind =
        Terminal.frugal(dir, Map.of(), "mcp", "serve", "--http", "0", "--bind", "192.0.2.1");
    assertThat(bind.exitCode()).isEqualTo(2);
    assertThat(bind.stderr()).contains("--bind: '192.0.2.1' is not an address of this machine");
    Terminal.Run bindAlone = Terminal.frugal(dir, Map.of(), "mcp", "serve", "--bind", "::1");
    assertThat(bindAlone.exitCode()).isEqualTo(2);
    assertThat(bindAlone.stderr()).contains("--bind applies to --http only");
  }

  @Test
  void aServersInstructionsAreLoggedAtDebugNotAtInfo() throws Exception {
    try (Served s = serve()) {
      // the launcher's logging, with every logger at INFO
      Terminal.Run info =
          Terminal.frugal(
              dir,
              Map.of("JAVA_TOOL_OPTIONS", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"),
              "tools",
              "--mcp",
              "web=" + s.url());
      assertThat(info.exitCode()).as(info.stderr()).isZero();
      assertThat(info.stdout()).contains("web_search");
      assertThat(info.stderr() + info.stdout()).doesNotContain("Plan your calls");
      // at DEBUG they are there, so the check above could see them
      Terminal.Run debug =
          Terminal.frugal(
              dir,
              Map.of("JAVA_TOOL_OPTIONS", "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"),
              "tools",
              "--mcp",
              "web=" + s.url());
      assertThat(debug.exitCode()).as(debug.stderr()).isZero();
      assertThat(debug.stderr()).contains("instructions: Budgeted search tools.");
    }
  }
}
