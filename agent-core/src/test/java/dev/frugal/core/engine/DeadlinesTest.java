package dev.frugal.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The watchdog of inline calls: deadlines fire in order, once, and never after a cancel. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeadlinesTest {

  @Test
  void aNearDeadlineAddedWhileTheWatcherWaitsForAFarOneFiresFirst() throws Exception {
    List<String> fired = new CopyOnWriteArrayList<>();
    CountDownLatch near = new CountDownLatch(1);
    Deadlines.Entry far = Deadlines.after(TimeUnit.SECONDS.toNanos(30), () -> fired.add("far"));
    Thread.sleep(20); // let the watcher go to sleep towards its tick
    Deadlines.after(
        TimeUnit.MILLISECONDS.toNanos(5),
        () -> {
          fired.add("near");
          near.countDown();
        });
    assertThat(near.await(20, TimeUnit.SECONDS)).isTrue();
    far.cancel();
    assertThat(fired).containsExactly("near");
  }

  @Test
  void deadlinesFireInTheirOrderAndACancelledOneNeverFires() throws Exception {
    List<Integer> fired = new CopyOnWriteArrayList<>();
    CountDownLatch last = new CountDownLatch(1);
    Deadlines.after(TimeUnit.MILLISECONDS.toNanos(90), () -> fired.add(3));
    Deadlines.Entry cancelled =
        Deadlines.after(TimeUnit.MILLISECONDS.toNanos(60), () -> fired.add(2));
    Deadlines.after(TimeUnit.MILLISECONDS.toNanos(30), () -> fired.add(1));
    Deadlines.after(
        TimeUnit.MILLISECONDS.toNanos(150),
        () -> {
          fired.add(4);
          last.countDown();
        });
    cancelled.cancel();
    assertThat(last.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(fired).containsExactly(1, 3, 4);
  }

  @Test
  void anActionThatThrowsDoesNotStopTheWatcher() throws Exception {
    CountDownLatch after = new CountDownLatch(1);
    Deadlines.after(
        0,
        () -> {
          throw new IllegalStateException("boom");
        });
    Deadlines.after(TimeUnit.MILLISECONDS.toNanos(10), after::countDown);
    assertThat(after.await(20, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void farDeadlinesFireInOrderAfterTheirTimeAndACancelledFarOneNeverFires() throws Exception {
    // beyond FAR_NANOS: they wait unordered until the watcher moves them into the ordered list
    long far = Deadlines.FAR_NANOS;
    List<Integer> fired = new CopyOnWriteArrayList<>();
    CountDownLatch last = new CountDownLatch(1);
    long t0 = System.nanoTime();
    long[] firedAt = new long[1];
    Deadlines.after(
        far + TimeUnit.MILLISECONDS.toNanos(200),
        () -> {
          firedAt[0] = System.nanoTime();
          fired.add(2);
        });
    Deadlines.Entry cancelled =
        Deadlines.after(far + TimeUnit.MILLISECONDS.toNanos(150), () -> fired.add(-1));
    Deadlines.after(far + TimeUnit.MILLISECONDS.toNanos(100), () -> fired.add(1));
    Deadlines.after(
        far + TimeUnit.MILLISECONDS.toNanos(300),
        () -> {
          fired.add(3);
          last.countDown();
        });
    cancelled.cancel();
    assertThat(last.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(fired).containsExactly(1, 2, 3);
    assertThat(firedAt[0] - t0).isGreaterThanOrEqualTo(far + TimeUnit.MILLISECONDS.toNanos(200));
  }

  @Test
  void manyFarDeadlinesCancelledWhileTheWatcherMovesThemNeverFire() throws Exception {
    // cancels racing the watcher's moves from the unordered set into the ordered list
    java.util.concurrent.atomic.AtomicInteger fired =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Deadlines.Entry> entries = new java.util.ArrayList<>();
    long base = Deadlines.FAR_NANOS + TimeUnit.MILLISECONDS.toNanos(1);
    for (int i = 0; i < 20_000; i++) {
      entries.add(Deadlines.after(base + i * 20_000L, fired::incrementAndGet)); // over 0.4 s
    }
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(Deadlines.TICK_NANOS)); // the watcher moves some
    entries.forEach(Deadlines.Entry::cancel);
    CountDownLatch probe = new CountDownLatch(1);
    Deadlines.after(base + TimeUnit.MILLISECONDS.toNanos(600), probe::countDown);
    assertThat(probe.await(20, TimeUnit.SECONDS)).isTrue(); // every cancelled one is due by now
    assertThat(fired.get()).isZero();
  }

  @Test
  void aFarDeadlineInALaneFiresAfterItsTimeAndTheLaneServesTheNextCall() throws Exception {
    Deadlines.Lane lane = Deadlines.Lane.open();
    try {
      long far = Deadlines.FAR_NANOS + TimeUnit.MILLISECONDS.toNanos(100);
      List<String> fired = new CopyOnWriteArrayList<>();
      // a first call ends in time: its deadline is cancelled and the lane is free again
      Deadlines.Entry done = Deadlines.after(far, () -> fired.add("done"), lane);
      done.cancel();
      CountDownLatch second = new CountDownLatch(1);
      long t0 = System.nanoTime();
      long[] firedAt = new long[1];
      Deadlines.after(
          far,
          () -> {
            firedAt[0] = System.nanoTime();
            fired.add("second");
            second.countDown();
          },
          lane);
      assertThat(second.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(fired).containsExactly("second");
      assertThat(firedAt[0] - t0).isGreaterThanOrEqualTo(far);
    } finally {
      lane.close();
    }
  }

  @Test
  void aCallThatFindsItsLaneTakenOrClosedIsStillWatched() throws Exception {
    Deadlines.Lane lane = Deadlines.Lane.open();
    long far = Deadlines.FAR_NANOS + TimeUnit.MILLISECONDS.toNanos(100);
    List<String> fired = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(3);
    Deadlines.after(
        far,
        () -> {
          fired.add("in the lane");
          all.countDown();
        },
        lane);
    Deadlines.after(
        far + TimeUnit.MILLISECONDS.toNanos(50),
        () -> {
          fired.add("lane taken");
          all.countDown();
        },
        lane);
    lane.close(); // the run ends while its call is in flight: the deadline still fires
    Deadlines.after(
        far + TimeUnit.MILLISECONDS.toNanos(100),
        () -> {
          fired.add("lane closed");
          all.countDown();
        },
        lane);
    assertThat(all.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(fired).containsExactly("in the lane", "lane taken", "lane closed");
  }

  @Test
  void manyLanesWhoseDeadlinesAreCancelledWhileTheWatcherMovesThemNeverFire() throws Exception {
    // cancels racing the watcher's moves out of the lanes, and lanes closed after their cancels
    java.util.concurrent.atomic.AtomicInteger fired =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Deadlines.Lane> lanes = new java.util.ArrayList<>();
    List<Deadlines.Entry> entries = new java.util.ArrayList<>();
    long base = Deadlines.FAR_NANOS + TimeUnit.MILLISECONDS.toNanos(1);
    for (int i = 0; i < 20_000; i++) {
      Deadlines.Lane lane = Deadlines.Lane.open();
      lanes.add(lane);
      entries.add(Deadlines.after(base + i * 20_000L, fired::incrementAndGet, lane)); // 0.4 s
    }
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(Deadlines.TICK_NANOS)); // the watcher moves some
    entries.forEach(Deadlines.Entry::cancel);
    lanes.forEach(Deadlines.Lane::close);
    CountDownLatch probe = new CountDownLatch(1);
    Deadlines.after(base + TimeUnit.MILLISECONDS.toNanos(600), probe::countDown);
    assertThat(probe.await(20, TimeUnit.SECONDS)).isTrue(); // every cancelled one is due by now
    assertThat(fired.get()).isZero();
  }
}
