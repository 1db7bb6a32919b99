package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.internal.timer.RuntimeThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The timer only decides that a deadline has passed: the futures it fails, and so everything that
 * depends on them, run elsewhere, and a dependent that blocks cannot make other deadlines late.
 */
@org.junit.jupiter.api.Timeout(60)
class OffTimerThreadTest extends ConcurrencyTestSupport {

  private static boolean onTimerThread() {
    return Thread.currentThread().getName().startsWith("asyncdsl-deadlines");
  }

  @Test
  void dependentsOfAnExpiredCallDoNotRunOnTheTimerThread() throws Exception {
    ExecutorService pool = newPool(1);
    CompletableFuture<Integer> call =
        AsyncRuntime.call(
            pool,
            20,
            TimeUnit.MILLISECONDS,
            () -> {
              Thread.sleep(FOREVER_MS);
              return 1;
            });
    CompletableFuture<String> thread = call.handle((v, e) -> Thread.currentThread().getName());
    assertInstanceOf(TimeoutException.class, failure(call));
    assertFalse(value(thread).startsWith("asyncdsl-deadlines"), value(thread));
  }

  @Test
  void dependentsOfWaitForDoNotRunOnTheTimerThread() throws Exception {
    CompletableFuture<Integer> never = new CompletableFuture<>();
    CompletableFuture<Integer> bounded = Tasks.waitFor(never, 20, TimeUnit.MILLISECONDS);
    CompletableFuture<Boolean> onTimer = bounded.handle((v, e) -> onTimerThread());
    assertInstanceOf(TimeoutException.class, failure(bounded));
    assertFalse(value(onTimer), "a waitFor dependent ran on the timer thread");
    // The input is cancelled by a dependent of the returned future, which may run after a waiter
    // of that future has been woken: wait for it (bounded).
    assertEndsCancelled(never);
  }

  /**
   * Callbacks that block (until the unrelated calls are checked) on calls expiring in eight
   * consecutive milliseconds (so on every shard), while 40 unrelated calls must time out: each of
   * those fails while the callbacks still block, not after them.
   */
  @Test
  void aBlockingCallbackOnAnExpiredCallDoesNotDelayOtherDeadlinesOnAnyShard() throws Exception {
    ExecutorService pool = newPool(64);
    CountDownLatch releaseCallbacks = new CountDownLatch(1);
    List<CompletableFuture<Integer>> blockers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      CompletableFuture<Integer> blocker =
          AsyncRuntime.call(
              pool,
              50 + i,
              TimeUnit.MILLISECONDS,
              () -> {
                Thread.sleep(FOREVER_MS);
                return 0;
              });
      blocker.whenComplete(
          (v, e) -> {
            try {
              releaseCallbacks.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
              Thread.currentThread().interrupt();
            }
          });
      blockers.add(blocker);
    }
    int unrelated = 40;
    long[] deadline = new long[unrelated];
    List<CompletableFuture<Long>> failedAt = new ArrayList<>();
    for (int i = 0; i < unrelated; i++) {
      long timeoutMs = 150 + i;
      deadline[i] = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
      CompletableFuture<Integer> call =
          AsyncRuntime.call(
              pool,
              timeoutMs,
              TimeUnit.MILLISECONDS,
              () -> {
                Thread.sleep(FOREVER_MS);
                return 0;
              });
      failedAt.add(completionTime(call));
    }
    try {
      for (int i = 0; i < unrelated; i++) {
        long lateMs = TimeUnit.NANOSECONDS.toMillis(value(failedAt.get(i)) - deadline[i]);
        // Held up by the callbacks, it would fail only once they are released (after LONG_DELAY_MS,
        // or never: value() gives up first); half of that leaves a starved machine its waits.
        assertTrue(
            lateMs < LONG_DELAY_MS / 2, "unrelated call " + i + " failed " + lateMs + " ms late");
      }
    } finally {
      releaseCallbacks.countDown();
    }
    for (CompletableFuture<Integer> blocker : blockers) {
      assertInstanceOf(TimeoutException.class, failure(blocker));
    }
  }

  /** A callback on an expired call that waits for another timed call gets its answer. */
  @Test
  void aCallbackThatWaitsForAnotherTimedCallDoesNotDeadlockTheTimer() throws Exception {
    ExecutorService pool = newPool(4);
    List<CompletableFuture<Object>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) { // eight consecutive milliseconds: every shard
      CompletableFuture<Integer> first =
          AsyncRuntime.call(
              pool,
              30 + i,
              TimeUnit.MILLISECONDS,
              () -> {
                Thread.sleep(FOREVER_MS);
                return 0;
              });
      answers.add(
          first.handle(
              (v, e) -> {
                CompletableFuture<Integer> second =
                    AsyncRuntime.call(
                        pool,
                        20,
                        TimeUnit.MILLISECONDS,
                        () -> {
                          Thread.sleep(FOREVER_MS);
                          return 0;
                        });
                try {
                  return second.get(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
                } catch (Exception waited) {
                  return waited.getCause() == null ? waited : waited.getCause();
                }
              }));
    }
    for (CompletableFuture<Object> answer : answers) {
      assertInstanceOf(TimeoutException.class, value(answer));
    }
  }

  @Test
  void runtimeThreadsInheritNothingFromTheThreadThatCreatesThem() throws Exception {
    InheritableThreadLocal<String> context = new InheritableThreadLocal<>();
    ClassLoader foreign = new ClassLoader(null) {};
    CompletableFuture<String> seenContext = new CompletableFuture<>();
    AtomicReference<Thread> created = new AtomicReference<>();
    Thread userThread =
        new Thread(
            () -> {
              context.set("a user's security context");
              Thread.currentThread().setContextClassLoader(foreign);
              Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
              created.set(
                  RuntimeThreads.newThread(
                      () -> seenContext.complete(String.valueOf(context.get())), "probe"));
            });
    userThread.start();
    userThread.join();
    Thread probe = created.get();
    probe.start();
    assertEquals("null", value(seenContext), "an inheritable thread-local was copied");
    assertSame(RuntimeThreads.class.getClassLoader(), probe.getContextClassLoader());
    assertEquals(Thread.NORM_PRIORITY, probe.getPriority());
    assertTrue(probe.isDaemon());
    probe.join();
  }

  /**
   * On JDK 17 the default executor is a pool whose threads are made by whichever caller needs a new
   * one; a later caller's method must not see that first caller's context.
   */
  @Test
  void theFallbackPoolDoesNotHandTheFirstCallersContextToLaterCalls() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(AsyncRuntime.usesVirtualThreads());
    InheritableThreadLocal<String> context = new InheritableThreadLocal<>();
    ClassLoader foreign = new ClassLoader(null) {};
    int calls = 16;
    Thread firstCaller =
        new Thread(
            () -> {
              context.set("first caller's");
              Thread.currentThread().setContextClassLoader(foreign);
              CountDownLatch all = new CountDownLatch(calls);
              List<CompletableFuture<Void>> started = new ArrayList<>();
              for (int i = 0; i < calls; i++) {
                started.add(
                    AsyncRuntime.run(
                        AsyncRuntime.defaultExecutor(),
                        () -> {
                          all.countDown();
                          all.await(); // all at once, so the pool makes a thread for each
                        }));
              }
              CompletableFuture.allOf(started.toArray(new CompletableFuture<?>[0])).join();
            });
    firstCaller.start();
    firstCaller.join();
    CountDownLatch all = new CountDownLatch(calls);
    List<CompletableFuture<String>> seen = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      seen.add(
          AsyncRuntime.call(
              AsyncRuntime.defaultExecutor(),
              () -> {
                all.countDown();
                all.await();
                return context.get()
                    + " / "
                    + (Thread.currentThread().getContextClassLoader() == foreign
                        ? "foreign loader"
                        : "ok");
              }));
    }
    for (CompletableFuture<String> view : seen) {
      assertEquals("null / ok", value(view));
    }
  }

  /**
   * One timeout after another, each alone: the completer that failed the call must go on to stop
   * its method, every time (a completer waiting on its queue once held an interrupt back for good).
   */
  @Test
  void everyTimedOutMethodIsInterruptedOneTimeoutAfterAnother() throws Exception {
    for (int i = 0; i < 100; i++) {
      CountDownLatch interrupted = new CountDownLatch(1);
      CountDownLatch started = new CountDownLatch(1);
      CompletableFuture<Void> call =
          AsyncRuntime.run(
              AsyncRuntime.defaultExecutor(),
              20,
              TimeUnit.MILLISECONDS,
              () -> {
                started.countDown();
                try {
                  Thread.sleep(FOREVER_MS);
                } catch (InterruptedException e) {
                  interrupted.countDown();
                }
              });
      assertInstanceOf(TimeoutException.class, failure(call));
      if (started.getCount() == 0) { // a method that never began has nothing to interrupt
        assertTrue(
            interrupted.await(5, TimeUnit.SECONDS), "method " + i + " was never interrupted");
      }
    }
  }
}
