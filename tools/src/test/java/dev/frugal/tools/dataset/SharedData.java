package dev.frugal.tools.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The shared benchmark data folder ({@code ../shared/data} beside the repository, or the system
 * property {@code frugal.data.dir}); tests that need a file from it are skipped when it is absent.
 */
final class SharedData {
  private SharedData() {}

  static Optional<Path> file(String relative) {
    String dir = System.getProperty("frugal.data.dir");
    Path base = dir != null ? Path.of(dir) : Path.of("..", "..", "shared", "data");
    Path f = base.resolve(relative);
    return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
  }
}
