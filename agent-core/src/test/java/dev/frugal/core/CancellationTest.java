package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The hooks of running calls: each still registered runs once on cancel, the others never. */
class CancellationTest {

  @Test
  void registeredHooksRunOnceAndUnregisteredOnesNeverAlsoBeyondTheSmallArray() throws Exception {
    Cancellation c = new Cancellation();
    int n = 100; // past the eight hooks kept in the array
    AtomicIntegerArray runs = new AtomicIntegerArray(n);
    List<Runnable> unhooks = new ArrayList<>();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      int from = t * n / threads.length;
      int to = (t + 1) * n / threads.length;
      List<Runnable> mine = new ArrayList<>();
      threads[t] =
          new Thread(
              () -> {
                for (int i = from; i < to; i++) {
                  int k = i;
                  mine.add(c.whileRunning(() -> runs.incrementAndGet(k)));
                }
                synchronized (unhooks) {
                  unhooks.addAll(mine);
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) t.join();
    // unregister every third hook, in the order the threads finished
    for (int i = 0; i < unhooks.size(); i += 3) unhooks.get(i).run();
    int unregistered = (unhooks.size() + 2) / 3;
    c.cancel();
    int ran = 0;
    for (int i = 0; i < n; i++) {
      assertThat(runs.get(i)).isBetween(0, 1);
      ran += runs.get(i);
    }
    assertThat(ran).isEqualTo(n - unregistered);
    assertThat(c.isCancelled()).isTrue();
  }

  @Test
  void aHookRegisteredAfterTheCancelRunsAtOnce() {
    Cancellation c = new Cancellation();
    c.cancel();
    int[] ran = {0};
    c.whileRunning(() -> ran[0]++).run(); // the unhook is harmless
    assertThat(ran[0]).isEqualTo(1);
  }
}
