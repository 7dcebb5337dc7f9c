package dev.frugal.examples.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds the example plug-in project (examples/plugin-example) into a jar the way its own pom
 * would, so the tests load exactly what the README tells people to write.
 */
final class ExamplePlugin {
  private static final Path PROJECT = Path.of("plugin-example");

  private ExamplePlugin() {}

  static Path jar(Path dir) throws IOException {
    Path classes = Files.createDirectories(dir.resolve("plugin-classes"));
    List<Path> sources;
    try (Stream<Path> s = Files.walk(PROJECT.resolve("src/main/java"))) {
      sources = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      boolean ok =
          javac
              .getTask(
                  null,
                  files,
                  null,
                  List.of(
                      "-d",
                      classes.toString(),
                      "-classpath",
                      System.getProperty("java.class.path"),
                      "--release",
                      "17"),
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      if (!ok) throw new AssertionError("examples/plugin-example does not compile");
    }
    Path jar = Files.createDirectories(dir.resolve("plugins")).resolve("frugal-plugin-clock.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out)) {
      add(j, classes);
      add(j, PROJECT.resolve("src/main/resources"));
    }
    return jar;
  }

  private static void add(JarOutputStream j, Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        j.putNextEntry(new JarEntry(root.relativize(p).toString().replace('\\', '/')));
        j.write(Files.readAllBytes(p));
        j.closeEntry();
      }
    }
  }
}
