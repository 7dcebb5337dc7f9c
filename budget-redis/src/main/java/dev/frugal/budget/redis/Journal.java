package dev.frugal.budget.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The local, append-only file of settles, releases and records that Redis could not take (see
 * README, "Shared budgets across processes"): one JSON array of strings per line, the operation's
 * script arguments. Each line is forced to disk before the call that wrote it returns, so a process
 * that ends (even by SIGKILL) loses nothing it had been told was spent. Any process on the same
 * store replays the file when it starts and whenever it has written to it; every operation is
 * idempotent by its reservation id, so a line delivered twice counts once. The file is emptied only
 * once every line in it was delivered.
 *
 * <p>Processes share the file through an exclusive {@link FileLock}; threads of one process through
 * this object's monitor (a JVM holds a file lock for all of its threads).
 */
final class Journal {
  private final Path file;

  Journal(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Appends one operation and forces it to disk. */
  synchronized void append(List<String> args) {
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel ch =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          FileLock lock = ch.lock()) {
        ByteBuffer line = ByteBuffer.wrap((encode(args) + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) ch.write(line);
        ch.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the budget journal " + file, e);
    }
  }

  /**
   * Delivers every line through {@code deliver} (which throws when the store is unreachable), and
   * empties the file once all were delivered; returns how many lines were delivered.
   */
  synchronized int replay(Predicate<List<String>> deliver) {
    if (!Files.exists(file)) return 0;
    try (FileChannel ch =
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      if (ch.size() == 0) return 0;
      ByteBuffer all = ByteBuffer.allocate((int) Math.min(ch.size(), Integer.MAX_VALUE - 8));
      while (all.hasRemaining() && ch.read(all) >= 0) {}
      String text = new String(all.array(), 0, all.position(), StandardCharsets.UTF_8);
      int n = 0;
      for (String line : text.split("\n")) {
        if (line.isBlank()) continue;
        List<String> args = decode(line);
        if (args == null) continue; // a line cut short by a crash mid-write: never acknowledged
        deliver.test(args);
        n++;
      }
      ch.truncate(0);
      ch.force(true);
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the budget journal " + file, e);
    }
  }

  /** How many lines wait in the file (0 when it does not exist). */
  synchronized int pending() {
    try {
      if (!Files.exists(file)) return 0;
      int n = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && decode(line) != null) n++;
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the budget journal " + file, e);
    }
  }

  static String encode(List<String> args) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) sb.append(',');
      sb.append('"');
      for (char c : args.get(i).toCharArray()) {
        if (c == '"' || c == '\\') sb.append('\\').append(c);
        else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
        else sb.append(c);
      }
      sb.append('"');
    }
    return sb.append(']').toString();
  }

  /** The strings of a line {@link #encode} wrote, or null for a line that is not one. */
  static List<String> decode(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    if (n < 2 || line.charAt(0) != '[' || line.charAt(n - 1) != ']') return null;
    i = 1;
    if (i == n - 1) return out;
    while (i < n - 1) {
      if (line.charAt(i) != '"') return null;
      StringBuilder sb = new StringBuilder();
      i++;
      while (true) {
        if (i >= n - 1) return null;
        char c = line.charAt(i++);
        if (c == '"') break;
        if (c == '\\') {
          if (i >= n - 1) return null;
          char e = line.charAt(i++);
          if (e == 'u') {
            if (i + 4 > n - 1) return null;
            try {
              sb.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
            } catch (NumberFormatException bad) {
              return null;
            }
            i += 4;
          } else {
            sb.append(e);
          }
        } else {
          sb.append(c);
        }
      }
      out.add(sb.toString());
      if (i == n - 1) return out;
      if (line.charAt(i) != ',') return null;
      i++;
    }
    return null;
  }
}
