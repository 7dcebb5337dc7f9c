package dev.frugal.testbed.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** A one-line progress bar on a terminal stream, redrawn at most every 100 ms. */
final class Progress {
  private final PrintStream out;
  private final int total;
  private final AtomicInteger done = new AtomicInteger();
  private final long start = System.nanoTime();
  private volatile long lastDraw;

  Progress(PrintStream out, int total) {
    this.out = out;
    this.total = total;
  }

  void step() {
    int d = done.incrementAndGet();
    long now = System.nanoTime();
    if (d == total || now - lastDraw > 100_000_000L) {
      lastDraw = now;
      draw(d, now);
    }
  }

  private synchronized void draw(int d, long now) {
    int width = 30;
    int filled = total == 0 ? width : (int) ((long) d * width / total);
    double secs = (now - start) / 1e9;
    out.printf(
        Locale.ROOT,
        "\r[%s%s] %d/%d episodes  %.0f/s  %.1fs",
        "#".repeat(filled),
        ".".repeat(width - filled),
        d,
        total,
        secs > 0 ? d / secs : 0,
        secs);
    if (d == total) out.println();
    out.flush();
  }
}
