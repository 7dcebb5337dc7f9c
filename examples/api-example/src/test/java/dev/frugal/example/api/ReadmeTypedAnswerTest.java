package dev.frugal.example.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.Agent;
import dev.frugal.core.budget.Budget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's typed-answer snippet, as written (its record is declared in a method, so it is
 * neither public nor in Frugal's package), compiled as a separate compilation unit in a package of
 * its own against this module's classpath, and run against the fake OpenAI-compatible server.
 */
class ReadmeTypedAnswerTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");

  @Test
  void theReadmeSnippetCompilesAndPrintsTheCity(@TempDir Path dir) throws Exception {
    String snippet = readmeBlockContaining("TypedResult<Capital>");
    String source =
        "package readme.snippet;\n"
            + "import dev.frugal.core.*;\n"
            + "public final class TypedAnswerSnippet {\n"
            + "  public static void run(Agent agent) {\n"
            + snippet
            + "\n  }\n}\n";
    Path src = dir.resolve("readme/snippet/TypedAnswerSnippet.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, source);
    Path classes = Files.createDirectories(dir.resolve("classes"));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled =
        javac
            .getTask(
                diagnostics,
                null,
                null,
                List.of(
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString()),
                null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(src.toFile()))
            .call();
    assertThat(compiled).as("javac says: %s\nsource:\n%s", diagnostics, source).isTrue();

    try (FakeOpenAiServer server = new FakeOpenAiServer();
        URLClassLoader loader =
            new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Examples ex = new Examples(server.baseUrl(), "test-key");
      Agent agent =
          Agent.builder()
              .model(Examples.SMALL, ex.model(Examples.SMALL))
              .prices(Examples.PRICES)
              .toolsFrom(new Almanac())
              .budget(Budget.builder().toolUnits("capital", 3).usd(0.01).build())
              .build();
      Method run =
          loader.loadClass("readme.snippet.TypedAnswerSnippet").getMethod("run", Agent.class);
      String printed = printedBy(() -> run.invoke(null, agent));
      assertThat(printed.strip()).isEqualTo("Paris");
    }
  }

  private static String readmeBlockContaining(String marker) throws Exception {
    String readme = Files.readString(Path.of("../../README.md"));
    Matcher m = JAVA_BLOCK.matcher(readme);
    while (m.find()) {
      if (m.group(1).contains(marker)) return m.group(1);
    }
    throw new AssertionError("README.md has no java block containing " + marker);
  }

  interface Action {
    void run() throws Exception;
  }

  private static String printedBy(Action a) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      a.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
