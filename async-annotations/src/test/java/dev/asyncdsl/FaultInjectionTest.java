package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime under load and faults: nothing lost, nothing completed twice, no interrupt left on a
 * pooled thread, no thread left behind. Each test is bounded to seconds.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultInjectionTest {
  private static final int POOL_SIZE = 8;

  private Set<Thread> threadsBefore;
  private PlainWorkers pool;

  @BeforeEach
  void startPool() {
    // The deadline timer thread starts on first use and stays: start it before the baseline.
    AsyncRuntime.call(Runnable::run, 1, TimeUnit.SECONDS, () -> 0).join();
    threadsBefore = liveThreads();
    pool = new PlainWorkers(POOL_SIZE);
  }

  @AfterEach
  void noThreadLeftBehind() throws InterruptedException {
    assertTrue(pool.stop(10, TimeUnit.SECONDS), "a call kept its worker thread");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Set<Thread> extra = new HashSet<>();
    do {
      extra = liveThreads();
      extra.removeAll(threadsBefore);
      extra.removeIf(thread -> !thread.getName().startsWith("plain-worker-"));
    } while (!extra.isEmpty() && System.nanoTime() < deadline && sleep(20));
    assertTrue(extra.isEmpty(), "threads left behind: " + extra);
    assertFalse(Thread.currentThread().isInterrupted(), "the test thread kept an interrupt");
  }

  private enum Fate {
    SUCCEED,
    SUCCEED_VOID,
    TIME_OUT,
    THROW_CHECKED,
    THROW_UNCHECKED,
    THROW_FROM_VOID
  }

  private static Fate fateOf(int i) {
    // 10% time out; 10% throw, split between checked, unchecked and void; the rest succeed.
    return switch (i % 10) {
      case 0 -> Fate.TIME_OUT;
      case 1 ->
          switch (i % 30) {
            case 1 -> Fate.THROW_CHECKED;
            case 11 -> Fate.THROW_UNCHECKED;
            default -> Fate.THROW_FROM_VOID;
          };
      case 2 -> Fate.SUCCEED_VOID;
      default -> Fate.SUCCEED;
    };
  }

  @Test
  void mixedSoakAddsUpExactly() throws Exception {
    int calls = 100_000;
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger startedWithInterrupt = new AtomicInteger();
    AtomicIntegerArray completions = new AtomicIntegerArray(calls);
    Throwable[] thrown = new Throwable[calls];
    List<CompletableFuture<?>> futures = new ArrayList<>(calls);

    for (int i = 0; i < calls; i++) {
      int id = i;
      Fate fate = fateOf(i);
      CompletableFuture<?> future =
          switch (fate) {
            case SUCCEED -> AsyncRuntime.call(pool, () -> checkFlag(startedWithInterrupt, id));
            case SUCCEED_VOID -> AsyncRuntime.run(pool, () -> checkFlag(startedWithInterrupt, id));
            case TIME_OUT ->
                AsyncRuntime.call(
                    pool,
                    1,
                    TimeUnit.MILLISECONDS,
                    // No flag check here: its own deadline may interrupt it before it starts.
                    () -> awaitPolitely(never, id % 20 == 0));
            case THROW_CHECKED ->
                AsyncRuntime.call(
                    pool,
                    () -> {
                      checkFlag(startedWithInterrupt, id);
                      throw remember(thrown, id, new IOException("call " + id));
                    });
            case THROW_UNCHECKED ->
                AsyncRuntime.call(
                    pool,
                    () -> {
                      checkFlag(startedWithInterrupt, id);
                      throw remember(thrown, id, new IllegalStateException("call " + id));
                    });
            case THROW_FROM_VOID ->
                AsyncRuntime.run(
                    pool,
                    () -> {
                      checkFlag(startedWithInterrupt, id);
                      throw remember(thrown, id, new IOException("void call " + id));
                    });
          };
      future.whenComplete((value, failure) -> completions.incrementAndGet(id));
      futures.add(future);
    }

    int succeeded = 0;
    int timedOut = 0;
    int failed = 0;
    for (int i = 0; i < calls; i++) {
      CompletableFuture<?> future = futures.get(i);
      try {
        Object expected = fateOf(i) == Fate.SUCCEED_VOID ? null : (Object) i;
        assertEquals(expected, future.get(30, TimeUnit.SECONDS));
        succeeded++;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof TimeoutException) {
          assertEquals(Fate.TIME_OUT, fateOf(i));
          timedOut++;
        } else {
          assertSame(thrown[i], e.getCause(), "call " + i + " lost its own exception");
          failed++;
        }
      }
    }
    assertEquals(calls / 10, timedOut, "timed out");
    assertEquals(calls / 10, failed, "failed");
    assertEquals(calls - calls / 5, succeeded, "succeeded");
    assertEquals(calls, succeeded + timedOut + failed);
    for (int i = 0; i < calls; i++) {
      assertEquals(1, completions.get(i), "call " + i + " completed other than once");
    }
    assertEquals(
        0, startedWithInterrupt.get(), "a call started on a thread with a leftover interrupt");
    assertNoPoolThreadInterrupted();
  }

  @Test
  void cancellationStormBeforeDuringAndAfterStart() throws Exception {
    int calls = 10_000;
    int third = calls / 6;
    AtomicInteger ranAfterCancel = new AtomicInteger();
    AtomicInteger interrupted = new AtomicInteger();
    AtomicInteger startedWithInterrupt = new AtomicInteger();

    // After: calls that completed before the cancel; cancel must fail and keep the value.
    List<CompletableFuture<Integer>> done = new ArrayList<>();
    for (int i = 0; i < third; i++) {
      int id = i;
      done.add(AsyncRuntime.call(pool, () -> checkFlag(startedWithInterrupt, id)));
    }
    for (int i = 0; i < third; i++) {
      assertEquals(i, done.get(i).get(10, TimeUnit.SECONDS));
      assertFalse(done.get(i).cancel(true));
      assertEquals(i, done.get(i).join());
    }

    // During: calls blocked inside the method when cancelled; each must see the interrupt.
    for (int round = 0; round < third / POOL_SIZE; round++) {
      CountDownLatch running = new CountDownLatch(POOL_SIZE);
      CountDownLatch finished = new CountDownLatch(POOL_SIZE);
      List<CompletableFuture<Integer>> blocked = new ArrayList<>();
      for (int i = 0; i < POOL_SIZE; i++) {
        blocked.add(
            AsyncRuntime.call(
                pool,
                () -> {
                  try {
                    running.countDown();
                    new CountDownLatch(1).await();
                    return 0;
                  } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    // Well-behaved code restores the flag: the runtime must not pass it on.
                    Thread.currentThread().interrupt();
                    return -1;
                  } finally {
                    finished.countDown();
                  }
                }));
      }
      assertTrue(running.await(10, TimeUnit.SECONDS));
      for (CompletableFuture<Integer> call : blocked) {
        assertTrue(call.cancel(true));
        assertTrue(call.isCancelled());
      }
      assertTrue(finished.await(10, TimeUnit.SECONDS), "a cancelled call kept running");
    }
    assertEquals((third / POOL_SIZE) * POOL_SIZE, interrupted.get());

    // Before: calls queued behind blockers; cancelled there, they must never run.
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blockersRunning = new CountDownLatch(POOL_SIZE);
    for (int i = 0; i < POOL_SIZE; i++) {
      AsyncRuntime.call(
          pool,
          () -> {
            blockersRunning.countDown();
            return release.await(10, TimeUnit.SECONDS);
          });
    }
    assertTrue(blockersRunning.await(10, TimeUnit.SECONDS));
    List<CompletableFuture<Integer>> queued = new ArrayList<>();
    for (int i = 0; i < calls / 2 - third - (third / POOL_SIZE) * POOL_SIZE; i++) {
      queued.add(
          AsyncRuntime.call(
              pool,
              () -> {
                ranAfterCancel.incrementAndGet();
                return 0;
              }));
    }
    for (CompletableFuture<Integer> call : queued) {
      assertTrue(call.cancel(false));
    }
    release.countDown();
    drain();
    assertEquals(0, ranAfterCancel.get(), "a call cancelled before it started still ran");
    for (CompletableFuture<Integer> call : queued) {
      assertInstanceOf(
          CancellationException.class, call.handle((value, failure) -> failure).join());
    }
    assertEquals(0, startedWithInterrupt.get());
    assertNoPoolThreadInterrupted();
  }

  @Test
  void nestedCallsOnOneThreadTimeOutInsteadOfHanging() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      // The outer call occupies the only thread and waits for an inner call queued behind it.
      // The inner call inherits the outer deadline, so both fail instead of waiting forever.
      CompletableFuture<Integer> outer =
          AsyncRuntime.call(
              single, 200, TimeUnit.MILLISECONDS, () -> AsyncRuntime.call(single, () -> 42).join());
      ExecutionException failure =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class, () -> outer.get(10, TimeUnit.SECONDS));
      assertInstanceOf(TimeoutException.class, failure.getCause());
      // The thread is free again: a later call runs.
      assertEquals(7, AsyncRuntime.call(single, () -> 7).get(10, TimeUnit.SECONDS));
    } finally {
      single.shutdownNow();
      assertTrue(single.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  /**
   * Waits until interrupted. With {@code restoreFlag} it does what careful code does with an
   * interrupt it cannot throw: sets the flag again and returns, leaving the flag on the thread.
   */
  private static int awaitPolitely(CountDownLatch never, boolean restoreFlag)
      throws InterruptedException {
    try {
      never.await();
      return -1;
    } catch (InterruptedException e) {
      if (!restoreFlag) {
        throw e;
      }
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static int checkFlag(AtomicInteger startedWithInterrupt, int id) {
    if (Thread.currentThread().isInterrupted()) {
      startedWithInterrupt.incrementAndGet();
    }
    return id;
  }

  private static <X extends Throwable> X remember(Throwable[] thrown, int id, X exception) {
    thrown[id] = exception;
    return exception;
  }

  private void assertNoPoolThreadInterrupted() {
    assertEquals(0, pool.leakedInterrupts.get(), "a call left an interrupt on its worker thread");
  }

  private void drain() throws Exception {
    List<CompletableFuture<Void>> markers = new ArrayList<>();
    for (int i = 0; i < POOL_SIZE; i++) {
      markers.add(AsyncRuntime.run(pool, () -> {}));
    }
    for (CompletableFuture<Void> marker : markers) {
      marker.get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Worker threads that, unlike {@link java.util.concurrent.ThreadPoolExecutor}, do not clear the
   * interrupt flag between tasks, so a call that leaves one behind is caught here.
   */
  private static final class PlainWorkers implements java.util.concurrent.Executor {
    final AtomicInteger leakedInterrupts = new AtomicInteger();
    private final java.util.concurrent.LinkedBlockingQueue<Runnable> queue =
        new java.util.concurrent.LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopped;

    PlainWorkers(int size) {
      for (int i = 0; i < size; i++) {
        Thread worker = new Thread(this::work, "plain-worker-" + i);
        worker.setDaemon(true);
        worker.start();
        workers.add(worker);
      }
    }

    @Override
    public void execute(Runnable task) {
      if (stopped) {
        throw new java.util.concurrent.RejectedExecutionException("stopped");
      }
      queue.add(task);
    }

    private void work() {
      while (!stopped) {
        Runnable task;
        try {
          task = queue.poll(20, TimeUnit.MILLISECONDS);
        } catch (InterruptedException leaked) {
          leakedInterrupts.incrementAndGet();
          continue;
        }
        if (task != null) {
          task.run();
          if (Thread.interrupted()) {
            leakedInterrupts.incrementAndGet();
          }
        }
      }
    }

    boolean stop(long timeout, TimeUnit unit) throws InterruptedException {
      stopped = true;
      long deadline = System.nanoTime() + unit.toNanos(timeout);
      for (Thread worker : workers) {
        worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
      return workers.stream().noneMatch(Thread::isAlive);
    }
  }

  private static Set<Thread> liveThreads() {
    Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
    threads.removeIf(thread -> !thread.isAlive());
    return threads;
  }

  private static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
