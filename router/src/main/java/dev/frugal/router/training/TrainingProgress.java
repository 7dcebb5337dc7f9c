package dev.frugal.router.training;

import java.io.PrintStream;

/** Where the training pipeline reports what it is doing; must not throw. */
public interface TrainingProgress {

  /** A stage of {@code total} units of work begins. */
  void stage(String name, int total);

  /** One unit of the current stage is done. */
  void advance();

  /** A line worth showing (a stage's summary, an iteration's figures). */
  void note(String line);

  /** Prints stage starts, a line every tenth of a stage, and notes, to {@code out}. */
  static TrainingProgress printingTo(PrintStream out) {
    return new TrainingProgress() {
      private String stage = "";
      private int total;
      private int done;
      private long t0;

      @Override
      public synchronized void stage(String name, int total) {
        this.stage = name;
        this.total = total;
        this.done = 0;
        this.t0 = System.nanoTime();
        out.printf("[%s] %d to do%n", name, total);
      }

      @Override
      public synchronized void advance() {
        done++;
        int tenth = Math.max(1, total / 10);
        if (done % tenth == 0 || done == total) {
          out.printf(
              java.util.Locale.ROOT,
              "[%s] %d/%d (%.1f s)%n",
              stage,
              done,
              total,
              (System.nanoTime() - t0) / 1e9);
        }
      }

      @Override
      public synchronized void note(String line) {
        out.println("[" + stage + "] " + line);
      }
    };
  }

  /** Reports nothing. */
  static TrainingProgress silent() {
    return new TrainingProgress() {
      @Override
      public void stage(String name, int total) {}

      @Override
      public void advance() {}

      @Override
      public void note(String line) {}
    };
  }
}
