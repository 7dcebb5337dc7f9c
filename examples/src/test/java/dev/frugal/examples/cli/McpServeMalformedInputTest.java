package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code frugal mcp serve} driven over real pipes with lines that are not valid JSON-RPC messages:
 * each gets a JSON-RPC error, the server keeps serving, and it ends when its stdin ends.
 */
@Timeout(300)
class McpServeMalformedInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyMalformedLineGetsAnErrorAndTheServerKeepsServingAndEndsAtEof() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", Terminal.launcherClasspath(), FrugalCli.class.getName()));
    cmd.addAll(List.of("mcp", "serve"));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) lines.add(l);
              } catch (java.io.IOException ignored) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    try {
      OutputStream in = p.getOutputStream();
      String[][] bad = {
        {"this is not json", "-32700"},
        {"[]", "-32600"},
        {"null", "-32600"},
        {"{", "-32700"},
        {"{\"jsonrpc\":\"2.0\"}", "-32600"},
        {"{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}", "-32600"},
      };
      for (String[] b : bad) {
        send(in, b[0]);
        JsonNode reply = next(lines);
        assertThat(reply.path("error").path("code").asText()).as(b[0]).isEqualTo(b[1]);
        assertThat(reply.get("id").isNull()).as(b[0]).isTrue();
        assertThat(reply.path("error").path("message").asText()).as(b[0]).isNotBlank();
      }
      // a message over 16 MiB is skipped with an error
      byte[] huge = new byte[17 * 1024 * 1024];
      java.util.Arrays.fill(huge, (byte) 'a');
      in.write("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\",\"x\":\"".getBytes());
      in.write(huge);
      send(in, "\"}");
      JsonNode tooLong = next(lines);
      assertThat(tooLong.path("error").path("code").asInt()).isEqualTo(-32600);
      assertThat(tooLong.path("error").path("message").asText()).contains("16777216 bytes");
      // and the server still serves
      send(
          in,
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
              + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
      JsonNode init = next(lines);
      assertThat(init.path("id").asInt()).isEqualTo(1);
      assertThat(init.path("result").path("serverInfo").path("name").asText()).isEqualTo("frugal");
      send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
      JsonNode list = next(lines);
      assertThat(list.path("id").asInt()).isEqualTo(2);
      assertThat(list.path("result").path("tools").toString()).contains("\"search\"");
      in.close();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the server ends when stdin ends").isTrue();
      assertThat(p.exitValue()).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  private static void send(OutputStream in, String line) throws Exception {
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  private static JsonNode next(BlockingQueue<String> lines) throws Exception {
    String line = lines.poll(120, TimeUnit.SECONDS);
    assertThat(line).as("a reply from the server").isNotNull();
    return JSON.readTree(line);
  }
}
