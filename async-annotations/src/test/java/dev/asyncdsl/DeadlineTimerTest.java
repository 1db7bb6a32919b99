package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.internal.timer.Completions;
import dev.asyncdsl.internal.timer.Deadlines;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/**
 * The deadline timer of {@link Deadlines}: sharded timer threads, each with a heap only it touches
 * and lock-free stacks for arrivals and disarmed entries. What it must keep: nothing fires early,
 * everything armed fires unless disarmed first, a disarmed entry never fires and leaves the heap,
 * an earlier deadline wakes a timer asleep on a later one, and neither a throwing action nor a
 * stray interrupt stops it.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeadlineTimerTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void thousandsOfActionsEachFireOnceAndNeverEarly() throws Exception {
    int count = 20_000;
    Random random = new Random(42);
    long[] due = new long[count];
    AtomicLongArray fired = new AtomicLongArray(count);
    AtomicInteger fires = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(count);
    for (int i = 0; i < count; i++) {
      int index = i;
      long delay = random.nextInt(200) * MS + random.nextInt(1000);
      due[i] = System.nanoTime() + delay;
      Deadlines.schedule(
          () -> {
            fired.set(index, System.nanoTime());
            fires.incrementAndGet();
            all.countDown();
          },
          delay);
    }
    assertTrue(all.await(20, TimeUnit.SECONDS), all.getCount() + " actions never fired");
    Thread.sleep(50);
    assertEquals(count, fires.get(), "an action fired twice");
    for (int i = 0; i < count; i++) {
      assertTrue(fired.get(i) - due[i] >= 0, "action " + i + " fired early");
    }
  }

  @Test
  void disarmedEntriesNeverFireAndTheRestAllDo() throws Exception {
    int count = 20_000;
    Random random = new Random(7);
    List<Future<?>> entries = new ArrayList<>(count);
    AtomicLongArray fired = new AtomicLongArray(count);
    AtomicInteger fireCount = new AtomicInteger();
    for (int i = 0; i < count; i++) {
      int index = i;
      entries.add(
          Deadlines.schedule(
              () -> {
                fired.set(index, 1);
                fireCount.incrementAndGet();
              },
              random.nextInt(100) * MS));
    }
    boolean[] cancelled = new boolean[count];
    // Cancel a random half, some while they are still arriving, some from the heap, some too late.
    for (int i = 0; i < count; i++) {
      if (random.nextBoolean()) {
        cancelled[i] = entries.get(i).cancel(false);
        assertTrue(entries.get(i).isDone());
      }
      if (i % 2_000 == 0) {
        Thread.sleep(5);
      }
    }
    int expected = 0;
    for (boolean c : cancelled) {
      expected += c ? 0 : 1;
    }
    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (fireCount.get() < expected && System.nanoTime() - waitUntil < 0) {
      Thread.sleep(10);
    }
    Thread.sleep(50); // a cancelled entry that fired anyway would show up by now
    int fires = 0;
    for (int i = 0; i < count; i++) {
      if (cancelled[i]) {
        assertEquals(0, fired.get(i), "cancelled entry " + i + " fired");
        assertTrue(entries.get(i).isCancelled());
        assertFalse(entries.get(i).cancel(false), "cancelled twice");
      } else {
        assertEquals(1, fired.get(i), "entry " + i + " never fired");
        assertFalse(entries.get(i).isCancelled());
        fires++;
      }
    }
    assertTrue(fires > 0 && fires < count, "fires: " + fires);
    assertEquals(expected, fireCount.get());
    assertEquals(0, Deadlines.pendingTimers());
  }

  @Test
  void anEarlierDeadlineWakesATimerAsleepOnALaterOne() throws Exception {
    List<Future<?>> late = new ArrayList<>();
    for (Deadlines.Timer ignored : Deadlines.Timer.SHARDS) {
      // Spread over a few milliseconds, so every shard sleeps on one.
      for (int i = 0; i < 8; i++) {
        late.add(Deadlines.schedule(() -> {}, TimeUnit.HOURS.toNanos(1) + i * MS));
      }
    }
    Thread.sleep(50); // the shards take them in and go to sleep until then
    CountDownLatch fired = new CountDownLatch(1);
    long start = System.nanoTime();
    Deadlines.schedule(fired::countDown, 20 * MS);
    assertTrue(fired.await(5, TimeUnit.SECONDS));
    long tookMs = (System.nanoTime() - start) / MS;
    assertTrue(tookMs >= 20 && tookMs < 2_000, "fired after " + tookMs + " ms");
    late.forEach(entry -> entry.cancel(false));
    assertEquals(0, Deadlines.pendingTimers());
  }

  @Test
  void aThrowingActionDoesNotStopTheTimer() throws Exception {
    int throwing = 2 * Deadlines.Timer.SHARDS.length;
    // What the actions throw reaches the default handler: capture it rather than print it.
    CountDownLatch reported = new CountDownLatch(throwing);
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, failure) -> {
          if ("thrown on purpose by DeadlineTimerTest".equals(failure.getMessage())) {
            reported.countDown();
          } else if (previous != null) {
            previous.uncaughtException(thread, failure);
          }
        });
    try {
      for (int i = 0; i < throwing; i++) {
        Deadlines.schedule(
            () -> {
              throw new IllegalStateException("thrown on purpose by DeadlineTimerTest");
            },
            i * MS);
      }
      Thread.sleep(20);
      CountDownLatch fired = new CountDownLatch(16);
      for (int i = 0; i < 16; i++) {
        Deadlines.schedule(fired::countDown, i * MS);
      }
      assertTrue(fired.await(5, TimeUnit.SECONDS));
      assertTrue(reported.await(5, TimeUnit.SECONDS), "the failures were not reported");
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
  }

  @Test
  void aStrayInterruptNeitherStopsNorSpinsTheTimer() throws Exception {
    Deadlines.pendingTimers(); // the timer threads are up
    List<Thread> timers = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("asyncdsl-deadlines")) {
        timers.add(thread);
      }
    }
    assertEquals(Deadlines.Timer.SHARDS.length, timers.size(), timers.toString());
    timers.forEach(Thread::interrupt);
    CountDownLatch fired = new CountDownLatch(8);
    for (int i = 0; i < 8; i++) {
      Deadlines.schedule(fired::countDown, i * MS);
    }
    assertTrue(fired.await(5, TimeUnit.SECONDS));

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    timers.forEach(Thread::interrupt);
    Thread.sleep(20);
    long before = 0;
    for (Thread thread : timers) {
      before += threads.getThreadCpuTime(thread.getId());
    }
    Thread.sleep(300);
    long after = 0;
    for (Thread thread : timers) {
      after += threads.getThreadCpuTime(thread.getId());
    }
    long busyMs = (after - before) / MS;
    assertTrue(busyMs < 100, "the idle timer threads used " + busyMs + " ms of CPU in 300 ms");
  }

  @Test
  void aBurstOfTimedOutCallsAllFailNotEarlyAndTheirMethodsAreInterrupted() throws Exception {
    int calls = 500;
    ExecutorService pool = Executors.newCachedThreadPool(ConcurrencyTestSupport.named("burst"));
    try {
      MethodsRun methods = new MethodsRun(-1);
      List<CompletableFuture<Integer>> futures = new ArrayList<>(calls);
      List<CompletableFuture<Long>> failedAt = new ArrayList<>(calls);
      long[] started = new long[calls];
      for (int i = 0; i < calls; i++) {
        started[i] = System.nanoTime();
        CompletableFuture<Integer> future =
            AsyncRuntime.call(pool, 30, TimeUnit.MILLISECONDS, methods.sleeper(i));
        failedAt.add(future.handle((value, failure) -> System.nanoTime()));
        futures.add(future);
      }
      for (int i = 0; i < calls; i++) {
        CompletionException failure = assertThrows(CompletionException.class, futures.get(i)::join);
        assertInstanceOf(TimeoutException.class, failure.getCause());
        assertTrue(failedAt.get(i).join() - started[i] >= 30 * MS, "call " + i + " failed early");
      }
      methods.assertEveryOneStartedIsInterrupted();
      assertEquals(0, Deadlines.pendingTimers());
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  /**
   * The timer holds interrupts back while more of its deadlines are about to pass, but a stream of
   * deadlines that never lets up must not keep a timed-out method running: it is interrupted while
   * the stream still runs (after at most {@code MAX_STOP_DELAY_NANOS}, far less than the stream has
   * left). The stream is made of plain timer actions, a deadline every quarter of a millisecond
   * (closer than the hold-back's quiet time): the hold-back looks at every deadline the timer holds
   * ({@link Deadlines#dueWithin}), and these need no thread each, so the stream can outlast the
   * watched call's deadline by seconds. Its last action marks its end; the watched method must be
   * stopped before that, which only a thread starved for seconds could miss.
   */
  @Test
  void aLongStreamOfDeadlinesDoesNotHoldBackTheFirstInterruptUntilItEnds() throws Exception {
    long watchedMs = ConcurrencyTestSupport.STARTS_IN_TIME_MS;
    long streamMs = watchedMs + 4_000;
    assertTrue(Completions.MAX_STOP_DELAY_NANOS * 40 < (streamMs - watchedMs) * MS);
    int entries = (int) (streamMs * 4);
    CountDownLatch streamOver = new CountDownLatch(1);
    List<Future<?>> stream = new ArrayList<>(entries);
    ExecutorService pool =
        Executors.newSingleThreadExecutor(ConcurrencyTestSupport.named("stream"));
    try {
      long start = System.nanoTime();
      for (int i = 0; i < entries; i++) {
        Runnable action = i == entries - 1 ? streamOver::countDown : () -> {};
        long due = start + i * MS / 4;
        stream.add(Deadlines.schedule(action, Math.max(0, due - System.nanoTime())));
      }
      // Armed once the stream is: its deadline falls inside it, seconds before the stream ends.
      MethodsRun methods = new MethodsRun(0);
      CompletableFuture<Integer> watched =
          AsyncRuntime.call(pool, watchedMs, TimeUnit.MILLISECONDS, methods.sleeper(0));
      assertTrue(
          methods.watchedInterrupted.await(20, TimeUnit.SECONDS), "the method was never stopped");
      assertEquals(
          1, streamOver.getCount(), "the method was stopped only once every deadline had passed");
      CompletionException failure = assertThrows(CompletionException.class, watched::join);
      assertInstanceOf(DeadlineExceededException.class, failure.getCause());
      methods.assertEveryOneStartedIsInterrupted();
      stream.forEach(entry -> entry.cancel(false));
      assertEquals(0, Deadlines.pendingTimers());
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  /**
   * Methods that sleep until interrupted, counting how many began and how many were interrupted. A
   * call that times out before its thread picks it up never runs its method (and so is never
   * interrupted): on a loaded machine that can happen to a few, so the check is that every method
   * that began was stopped.
   */
  private static final class MethodsRun {
    final AtomicInteger began = new AtomicInteger();
    final AtomicInteger interrupted = new AtomicInteger();

    /** Counted down when the method of call {@code watched} is interrupted. */
    final CountDownLatch watchedInterrupted = new CountDownLatch(1);

    private final int watched;

    MethodsRun(int watched) {
      this.watched = watched;
    }

    AsyncRuntime.ValueBody<Integer> sleeper(int index) {
      return () -> {
        began.incrementAndGet();
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          interrupted.incrementAndGet();
          if (index == watched) {
            watchedInterrupted.countDown();
          }
          throw e;
        }
        return 0;
      };
    }

    void assertEveryOneStartedIsInterrupted() throws InterruptedException {
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (interrupted.get() < began.get() && System.nanoTime() - giveUp < 0) {
        Thread.sleep(10);
      }
      assertTrue(began.get() > 0, "no method began");
      assertEquals(began.get(), interrupted.get(), "methods that began and were not interrupted");
    }
  }
}
