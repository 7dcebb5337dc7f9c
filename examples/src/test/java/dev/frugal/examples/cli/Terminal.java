package dev.frugal.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real CLI entry point in a child {@code java} process, as a person would from a shell,
 * and keeps its exit code, stdout and stderr apart. The child gets the launcher's classpath (what
 * {@code ./frugal} runs: {@code target/classes} and the runtime dependencies Maven writes to {@code
 * target/classpath.txt}), never the test classpath, so a dependency missing at run time fails here.
 */
final class Terminal {
  record Run(int exitCode, String stdout, String stderr) {}

  private Terminal() {}

  static Run frugal(Path workDir, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(launcherClasspath());
    cmd.add(FrugalCli.class.getName());
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(workDir, "stdout", ".txt");
      Path err = Files.createTempFile(workDir, "stderr", ".txt");
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(workDir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      pb.environment().remove("FRUGAL_API_KEY");
      pb.environment().remove("OPENAI_API_KEY");
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("frugal did not finish within 120 s: " + cmd);
      }
      return new Run(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** What the {@code frugal} script puts on the classpath. */
  static String launcherClasspath() {
    Path classes = Path.of("target", "classes").toAbsolutePath();
    Path file = Path.of("target", "classpath.txt");
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(
          file.toAbsolutePath()
              + " is missing: run the tests through Maven (mvn -pl examples -am test), which"
              + " writes the launcher's classpath before the tests");
    }
    try {
      return classes + java.io.File.pathSeparator + Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").toLowerCase().startsWith("win") ? "NUL" : "/dev/null");
  }
}
