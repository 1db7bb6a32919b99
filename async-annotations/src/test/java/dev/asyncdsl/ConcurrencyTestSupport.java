package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.asyncdsl.internal.AsyncCall;
import dev.asyncdsl.internal.CallScope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;

/**
 * Shared plumbing for the concurrency tests, in the spirit of jsr166's JSR166TestCase: every pool a
 * test makes is registered here and torn down after the test, and the tear-down fails the test if a
 * pool does not terminate (a task stuck in our code), if the test thread was left interrupted, or
 * if it was left inside some call's deadline scope.
 *
 * <p>Every wait in a test is bounded by {@link #LONG_DELAY_MS}, which is far longer than anything
 * should take, so a broken test fails instead of hanging (and the JUnit {@code @Timeout} on each
 * class is the last resort).
 */
abstract class ConcurrencyTestSupport {
  /** An upper bound for waits that should be short; generous so slow CI machines do not flake. */
  static final long LONG_DELAY_MS = 10_000;

  /** How long a body "blocks" when a test expects it to be stopped long before that. */
  static final long FOREVER_MS = 10_000;

  /**
   * The deadline of a call whose body must have started before the deadline fires, for a test that
   * then waits for it (to see the running method interrupted, or its slot kept). A short deadline
   * can pass before a pool thread reaches the body on a loaded machine (a thread may wait 100 ms
   * and more for a core), and then the call fails without running, which is correct but is not what
   * the test is about. Long enough for a starved machine, short enough to wait for.
   */
  static final long STARTS_IN_TIME_MS = 1_000;

  private final List<ExecutorService> pools = new ArrayList<>();
  private final List<SerialExecutor> serials = new ArrayList<>();

  /** A fixed pool of named platform threads, shut down after the test. */
  ExecutorService newPool(int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, named("test-pool"));
    pools.add(pool);
    return pool;
  }

  /** A single-thread pool, so the task after a call runs on the same thread the call ran on. */
  ExecutorService newSingleThreadPool() {
    ExecutorService pool = Executors.newSingleThreadExecutor(named("test-single"));
    pools.add(pool);
    return pool;
  }

  /**
   * One thread running tasks in order that, unlike {@link java.util.concurrent.ThreadPoolExecutor},
   * never clears the interrupt flag between tasks. With it, an interrupt left behind by a call is
   * seen by the next task, which is exactly what the runtime promises not to do.
   */
  SerialExecutor newSerialExecutor() {
    SerialExecutor serial = new SerialExecutor();
    serials.add(serial);
    return serial;
  }

  @AfterEach
  void tearDownPoolsAndCheckTestThread() throws InterruptedException {
    List<String> problems = new ArrayList<>();
    // First, as the waits below would throw on it. Thread.interrupted() also clears the flag, so
    // one bad test does not poison the next.
    if (Thread.interrupted()) {
      problems.add("the test thread was left interrupted");
    }
    for (ExecutorService pool : pools) {
      pool.shutdownNow();
    }
    for (SerialExecutor serial : serials) {
      serial.shutdown();
    }
    for (ExecutorService pool : pools) {
      if (!pool.awaitTermination(LONG_DELAY_MS, TimeUnit.MILLISECONDS)) {
        problems.add("pool did not terminate: a task is stuck " + pool);
      }
    }
    for (SerialExecutor serial : serials) {
      serial.thread.join(LONG_DELAY_MS);
      if (serial.thread.isAlive()) {
        problems.add("serial executor thread did not terminate");
      }
    }
    pools.clear();
    serials.clear();
    String running = callStillRunning();
    if (running != null) {
      problems.add("a call is still running after the test: " + running);
    }
    if (CallScope.remainingNanos() != -1) {
      problems.add("the test thread was left inside a call's deadline scope");
    }
    if (!problems.isEmpty()) {
      fail(String.join("; ", problems));
    }
  }

  /**
   * The name of a platform thread still inside {@code AsyncCall.run} once a grace period has
   * passed, or null. Idle pool and timer threads ({@code asyncdsl-*}, {@code asyncdsl-deadlines})
   * are not in a call, so they pass; a body that ignored its cancel or deadline and runs on does
   * not. Virtual threads (the default executor on JDK 21+) are not listed by {@link
   * Thread#getAllStackTraces()}, so there the check covers our own pools only.
   */
  private static String callStillRunning() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LONG_DELAY_MS / 2);
    while (true) {
      String found = null;
      for (var entry : Thread.getAllStackTraces().entrySet()) {
        for (StackTraceElement frame : entry.getValue()) {
          if (frame.getClassName().startsWith(AsyncCall.class.getName())
              && frame.getMethodName().equals("run")) {
            found = entry.getKey().getName();
            break;
          }
        }
      }
      if (found == null || System.nanoTime() - deadline > 0) {
        return found;
      }
      Thread.sleep(10);
    }
  }

  static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Starts a call of {@code ft} on {@code pool} that takes a bulkhead slot (or passes the circuit)
   * and holds it until {@code release} opens, then returns {@code value}; returns once it runs.
   */
  static CompletableFuture<String> holdSlot(
      FaultTolerance ft, Executor pool, CountDownLatch release, String value) {
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> holder =
        ft.call(
            pool,
            () -> {
              started.countDown();
              await(release);
              return value;
            });
    await(started);
    return holder;
  }

  /** Awaits the latch, failing (not hanging) if it is not released in time. */
  static void await(CountDownLatch latch) {
    try {
      assertTrue(
          latch.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS), "latch was not released in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a latch", e);
    }
  }

  /**
   * Returns once every task given to {@code pool} (a FIFO pool of {@code threads} threads) before
   * this call has finished: a barrier that takes all its threads at once can only run when none of
   * them is busy with an earlier task. Bounded.
   */
  static void drain(ExecutorService pool, int threads) {
    CountDownLatch arrived = new CountDownLatch(threads);
    CountDownLatch left = new CountDownLatch(threads);
    for (int i = 0; i < threads; i++) {
      pool.execute(
          () -> {
            arrived.countDown();
            await(arrived);
            left.countDown(); // past its wait: a later shutdownNow() finds nothing to interrupt
          });
    }
    await(left);
  }

  /** The value of a future expected to succeed, bounded. */
  static <T> T value(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("future did not complete in time: " + future, e);
    }
  }

  /** The exception a future expected to fail failed with, as seen through {@code get()}. */
  static Throwable failure(CompletableFuture<?> future) throws Exception {
    try {
      Object value = future.get(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("future did not complete in time: " + future, e);
    }
  }

  /** Asserts the future ends cancelled, within the bound. */
  static void assertEndsCancelled(CompletableFuture<?> future) {
    assertThrows(
        CancellationException.class, () -> future.get(LONG_DELAY_MS, TimeUnit.MILLISECONDS));
    assertTrue(future.isCancelled());
  }

  static void sleepUninterruptibly(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }

  /**
   * A future of the {@link System#nanoTime()} at which {@code future} completes, taken by the
   * completing thread itself. Register it right after the call, before the future can be done, so
   * that "not before the deadline" is checked against the moment of failure and not against when
   * the test thread happened to notice it.
   */
  static CompletableFuture<Long> completionTime(CompletableFuture<?> future) {
    return future.handle((value, failure) -> System.nanoTime());
  }

  /** Milliseconds from {@code startNanos} to the time {@code completionTime} recorded. */
  static long millisUntil(CompletableFuture<Long> completionTime, long startNanos)
      throws Exception {
    return TimeUnit.NANOSECONDS.toMillis(value(completionTime) - startNanos);
  }

  /** An executor that refuses everything, as a saturated or shut-down pool would. */
  static final class RejectingExecutor implements Executor {
    final java.util.concurrent.RejectedExecutionException rejection =
        new java.util.concurrent.RejectedExecutionException("test: no room");

    @Override
    public void execute(Runnable command) {
      throw rejection;
    }
  }

  /** See {@link #newSerialExecutor()}. */
  static final class SerialExecutor implements Executor {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean stopped;
    final Thread thread;

    SerialExecutor() {
      thread = new Thread(this::loop, "test-serial");
      thread.setDaemon(true);
    }

    private void start() {
      if (thread.getState() == Thread.State.NEW) {
        thread.start();
      }
    }

    @Override
    public synchronized void execute(Runnable command) {
      start();
      queue.add(command);
      LockSupport.unpark(thread);
    }

    private void loop() {
      while (!stopped) {
        Runnable task = queue.poll();
        if (task == null) {
          // parkNanos neither throws on nor clears the interrupt flag (it just returns early).
          LockSupport.parkNanos(1_000_000);
        } else {
          task.run();
        }
      }
    }

    synchronized void shutdown() {
      stopped = true;
      start(); // so that join() in the tear-down does not wait for a never-started thread
      LockSupport.unpark(thread);
    }
  }

  /** An unchecked error of our own, so it cannot be confused with one the JDK or JUnit throws. */
  static final class TestError extends Error {
    private static final long serialVersionUID = 1L;

    TestError(String message) {
      super(message);
    }
  }
}
