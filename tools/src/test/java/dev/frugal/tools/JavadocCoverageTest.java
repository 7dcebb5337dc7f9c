package dev.frugal.tools;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public or protected type and member of the tools module has a Javadoc comment: javac's
 * doclint (group {@code missing}) over {@code src/main/java}. Tags ({@code @param},
 * {@code @return}) may be left out where the summary says it; the build's compiler flags check the
 * rest of doclint (HTML, references, tag syntax).
 */
class JavadocCoverageTest {

  @Test
  void everyPublicTypeAndMemberHasAComment(@TempDir Path out) throws IOException {
    Path sources = Path.of("src/main/java");
    List<Path> files;
    try (Stream<Path> s = Files.walk(sources)) {
      files = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(files).hasSizeGreaterThan(20);
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
              "-Xdoclint/package:dev.frugal.*",
              "-Xmaxwarns",
              "10000");
      boolean compiled =
          javac
              .getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
              .call();
      assertThat(compiled).as("tools compiles: %s", diagnostics.getDiagnostics()).isTrue();
    }
    List<String> undocumented = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getMessage(Locale.ROOT).equals("no comment")) {
        undocumented.add(Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber());
      }
    }
    assertThat(undocumented).as("public types and members without a Javadoc comment").isEmpty();
  }
}
