package dev.frugal.examples.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every public or protected type and member of the library modules whose API users program against
 * (agent-core's public packages, tools, router, memory's public packages) has a Javadoc comment:
 * javac's doclint (group {@code missing}) over each module's {@code src/main/java}, run here
 * because this module's test class path holds them all. Tags ({@code @param}, {@code @return}) may
 * be left out where the summary says it, which is why the modules' own compiles leave {@code
 * missing} out; their compiler flags check the rest of doclint (HTML, references, tag syntax).
 */
class JavadocCoverageTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "agent-core, 50, 'dev.frugal.*,-dev.frugal.core.strategy.internal'",
    "tools, 20, 'dev.frugal.*'",
    "router, 20, 'dev.frugal.*'",
    "memory, 20, 'dev.frugal.*,-dev.frugal.memory.internal'"
  })
  void everyPublicTypeAndMemberHasAComment(
      String module, int atLeast, String packages, @TempDir Path out) throws IOException {
    Path sources = Path.of("..", module, "src", "main", "java");
    List<Path> files;
    try (Stream<Path> s = Files.walk(sources)) {
      files = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(files).hasSizeGreaterThan(atLeast);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, null)) {
      List<String> options =
          List.of(
              "-proc:none",
              "-d",
              out.toString(),
              "-cp",
              System.getProperty("java.class.path"),
              "-Xdoclint:missing/protected",
              "-Xdoclint/package:" + packages,
              "-Xmaxwarns",
              "10000");
      boolean compiled =
          javac
              .getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
              .call();
      assertThat(compiled).as("%s compiles: %s", module, diagnostics.getDiagnostics()).isTrue();
    }
    List<String> undocumented = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getMessage(Locale.ROOT).equals("no comment")) {
        undocumented.add(Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber());
      }
    }
    assertThat(undocumented)
        .as("public types and members of %s without a Javadoc comment", module)
        .isEmpty();
  }
}
