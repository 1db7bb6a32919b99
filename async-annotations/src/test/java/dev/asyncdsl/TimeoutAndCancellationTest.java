package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.internal.AsyncCall;
import dev.asyncdsl.internal.CallScope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Deadlines, cancellation and the interrupts they send: that they fire, not early, stop the method,
 * never leak onto the next task of a pooled thread, and nest.
 */
@org.junit.jupiter.api.Timeout(20)
class TimeoutAndCancellationTest extends ConcurrencyTestSupport {

  // ---- timeouts -------------------------------------------------------------------------------

  @Test
  void aTimeoutFailsWithTimeoutExceptionNotEarlyAndInterruptsTheMethod() throws Exception {
    ExecutorService pool = newPool(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    long start = System.nanoTime();
    CompletableFuture<String> future =
        AsyncRuntime.call(
            pool,
            STARTS_IN_TIME_MS,
            TimeUnit.MILLISECONDS,
            () -> {
              try {
                Thread.sleep(FOREVER_MS);
                return "slept";
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
              }
            });
    CompletableFuture<Long> failedAt = completionTime(future);
    // TimeoutException, not the InterruptedException the method threw in reaction to it.
    Throwable timeout = failure(future);
    assertInstanceOf(TimeoutException.class, timeout);
    assertInstanceOf(DeadlineExceededException.class, timeout);
    // The timer's stack would say nothing about the call; joining shows where it was awaited.
    assertEquals(0, timeout.getStackTrace().length);
    CompletionException joined = assertThrows(CompletionException.class, future::join);
    assertSame(timeout, joined.getCause());
    assertTrue(joined.getStackTrace().length > 0);
    long elapsed = millisUntil(failedAt, start);
    assertTrue(
        elapsed >= STARTS_IN_TIME_MS,
        "failed before its " + STARTS_IN_TIME_MS + " ms deadline: " + elapsed + " ms");
    assertTrue(elapsed < FOREVER_MS / 2, "failed only after " + elapsed + " ms");
    await(interrupted);
  }

  @Test
  void aLateResultDoesNotOverwriteTheTimeout() throws Exception {
    ExecutorService pool = newPool(1);
    CountDownLatch returned = new CountDownLatch(1);
    CompletableFuture<String> future =
        AsyncRuntime.call(
            pool,
            STARTS_IN_TIME_MS,
            TimeUnit.MILLISECONDS,
            () -> {
              try {
                Thread.sleep(FOREVER_MS);
              } catch (InterruptedException ignored) {
                // A method that swallows the interrupt and returns anyway.
              }
              returned.countDown();
              return "late";
            });
    assertInstanceOf(TimeoutException.class, failure(future));
    await(returned);
    assertInstanceOf(TimeoutException.class, failure(future));
    assertFalse(future.complete("later still"), "the timeout is final");
  }

  @Test
  void aMethodThatIgnoresInterruptsStillFailsAtTheDeadline() throws Exception {
    ExecutorService pool = newPool(1);
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    long start = System.nanoTime();
    CompletableFuture<Integer> future =
        AsyncRuntime.call(
            pool,
            STARTS_IN_TIME_MS,
            TimeUnit.MILLISECONDS,
            () -> {
              // Busy loop on a flag: never blocks, never looks at its interrupt status.
              int spins = 0;
              while (!stop.get()) {
                spins++;
                Thread.onSpinWait();
              }
              finished.countDown();
              return spins;
            });
    CompletableFuture<Long> failedAt = completionTime(future);
    assertInstanceOf(TimeoutException.class, failure(future));
    long elapsed = millisUntil(failedAt, start);
    assertTrue(elapsed >= STARTS_IN_TIME_MS, "failed before its deadline: " + elapsed + " ms");
    assertTrue(elapsed < FOREVER_MS / 2, "failed only after " + elapsed + " ms");
    assertFalse(finished.getCount() == 0, "the method is still running after the deadline");
    stop.set(true);
    await(finished);
    assertInstanceOf(TimeoutException.class, failure(future));
  }

  @Test
  void aVoidCallTimesOutToo() throws Exception {
    ExecutorService pool = newPool(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CompletableFuture<Void> future =
        AsyncRuntime.run(
            pool,
            STARTS_IN_TIME_MS,
            TimeUnit.MILLISECONDS,
            () -> {
              try {
                Thread.sleep(FOREVER_MS);
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
            });
    assertInstanceOf(TimeoutException.class, failure(future));
    await(interrupted);
  }

  @Test
  void aCallQueuedPastItsDeadlineNeverRuns() throws Exception {
    // The deadline counts from the call, queueing included: a call still queued when it expires
    // fails and must not run later.
    ExecutorService single = newSingleThreadPool();
    CountDownLatch release = new CountDownLatch(1);
    single.execute(() -> await(release));
    AtomicBoolean ran = new AtomicBoolean();
    CompletableFuture<Void> future =
        AsyncRuntime.run(single, 100, TimeUnit.MILLISECONDS, () -> ran.set(true));
    assertInstanceOf(TimeoutException.class, failure(future));
    release.countDown();
    CompletableFuture.runAsync(() -> {}, single).get(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
    assertFalse(ran.get());
  }

  @Test
  void aCallThatFinishesInTimeIsNotFailedByItsDeadlineLater() throws Exception {
    // The call must finish before its deadline, so the deadline is one a starved machine meets;
    // the test then waits until it has passed.
    ExecutorService pool = newPool(1);
    long start = System.nanoTime();
    CompletableFuture<Integer> future =
        AsyncRuntime.call(pool, STARTS_IN_TIME_MS, TimeUnit.MILLISECONDS, () -> 7);
    assertEquals(7, value(future));
    long pastTheDeadline = TimeUnit.MILLISECONDS.toNanos(STARTS_IN_TIME_MS + 50);
    sleepUninterruptibly(
        Math.max(0, TimeUnit.NANOSECONDS.toMillis(start + pastTheDeadline - System.nanoTime())));
    assertEquals(7, value(future));
    assertFalse(future.isCompletedExceptionally());
  }

  // ---- cancellation ---------------------------------------------------------------------------

  @Test
  void cancelWithInterruptInterruptsTheRunningMethod() throws Exception {
    ExecutorService pool = newPool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CompletableFuture<String> future =
        AsyncRuntime.call(
            pool,
            () -> {
              started.countDown();
              try {
                Thread.sleep(FOREVER_MS);
                return "slept";
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
              }
            });
    await(started);
    assertTrue(future.cancel(true));
    await(interrupted);
    assertEndsCancelled(future);
    assertThrows(CancellationException.class, future::join);
  }

  @Test
  void cancelBeforeStartMeansTheBodyNeverRunsAndNoOtherTaskIsInterrupted() throws Exception {
    ExecutorService single = newSingleThreadPool();
    CountDownLatch blockerStarted = new CountDownLatch(1);
    CountDownLatch releaseBlocker = new CountDownLatch(1);
    AtomicBoolean blockerInterrupted = new AtomicBoolean();
    single.execute(
        () -> {
          blockerStarted.countDown();
          try {
            assertTrue(releaseBlocker.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS));
          } catch (InterruptedException e) {
            blockerInterrupted.set(true);
          }
        });
    await(blockerStarted);
    AtomicBoolean ran = new AtomicBoolean();
    CompletableFuture<Void> queued = AsyncRuntime.run(single, () -> ran.set(true));
    assertTrue(queued.cancel(true));
    releaseBlocker.countDown();
    // The pool is FIFO on one thread: once this probe ran, the cancelled call had its turn.
    CompletableFuture.runAsync(() -> {}, single).get(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
    assertFalse(ran.get(), "a call cancelled before it started must never run");
    assertFalse(blockerInterrupted.get(), "cancel(true) of a queued call interrupted another task");
    assertEndsCancelled(queued);
  }

  @Test
  void cancelWithoutInterruptLetsTheMethodFinishButStaysCancelled() throws Exception {
    ExecutorService pool = newPool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    AtomicBoolean sawInterrupt = new AtomicBoolean();
    CompletableFuture<String> future =
        AsyncRuntime.call(
            pool,
            () -> {
              started.countDown();
              try {
                release.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                sawInterrupt.set(true);
              }
              finished.countDown();
              return "finished";
            });
    await(started);
    assertTrue(future.cancel(false));
    release.countDown();
    await(finished);
    assertFalse(sawInterrupt.get(), "cancel(false) must not interrupt");
    assertEndsCancelled(future);
  }

  @Test
  void cancelAfterCompletionChangesNothing() throws Exception {
    ExecutorService pool = newPool(1);
    CompletableFuture<Integer> future = AsyncRuntime.call(pool, () -> 1);
    assertEquals(1, value(future));
    assertFalse(future.cancel(true));
    assertEquals(1, value(future));
  }

  @Test
  void aCancelLandingBetweenTheRunnersCheckAndItsClaimNeverLetsTheBodyRunUninterrupted()
      throws Exception {
    // White-box: the runner checks isDone() and then claims the call. A cancel that lands between
    // the two must not let the body run uninterrupted. The hook below cancels exactly there, on the
    // first isDone() call the runner makes.
    AtomicBoolean ran = new AtomicBoolean();
    AtomicBoolean interruptedInBody = new AtomicBoolean();
    AsyncCall<String> call =
        new AsyncCall<String>(null, null) {
          private final AtomicBoolean hookArmed = new AtomicBoolean(true);

          @Override
          public boolean isDone() {
            boolean done = super.isDone();
            if (hookArmed.compareAndSet(true, false)) {
              cancel(true);
            }
            return done;
          }

          @Override
          protected Object invoke() {
            ran.set(true);
            interruptedInBody.set(Thread.currentThread().isInterrupted());
            return "ran";
          }

          @Override
          protected void releaseBody() {}
        };
    call.run(); // as an executor would; on this thread, so the test is deterministic
    // The interrupt a cancel might have sent must not be left on this (the runner's) thread.
    assertFalse(Thread.interrupted(), "the runner thread was left interrupted");
    // Either the body is skipped, or it runs but is interrupted, as cancel(true) promises.
    assertTrue(
        !ran.get() || interruptedInBody.get(),
        "the body ran, uninterrupted, although the call was cancelled before it started");
    assertEndsCancelled(call);
  }

  @Test
  void cancelRacingTheStartNeverLeavesABodyRunningUninterrupted() throws Exception {
    // Stress version of the test above: every cancel(true) that wins must either keep the body
    // from running or interrupt it. Each body that starts counts itself and then sleeps until
    // interrupted, so "started == interrupted" once the pool has drained.
    ExecutorService pool = newPool(2);
    int rounds = 2_000;
    AtomicInteger started = new AtomicInteger();
    AtomicInteger interrupted = new AtomicInteger();
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      CompletableFuture<Void> call =
          AsyncRuntime.run(
              pool,
              () -> {
                started.incrementAndGet();
                try {
                  Thread.sleep(6 * LONG_DELAY_MS);
                } catch (InterruptedException e) {
                  interrupted.incrementAndGet();
                }
              });
      assertTrue(call.cancel(true));
      calls.add(call);
    }
    pool.shutdown();
    // A body that ran and was never interrupted would hold its thread for a minute.
    assertTrue(
        pool.awaitTermination(LONG_DELAY_MS, TimeUnit.MILLISECONDS),
        "a cancelled call is still running, uninterrupted");
    assertEquals(started.get(), interrupted.get());
    for (CompletableFuture<Void> call : calls) {
      assertTrue(call.isCancelled());
    }
  }

  // ---- the interrupt never outlives the call ---------------------------------------------------

  @Test
  void afterATimeoutTheNextTaskOnTheSamePoolThreadIsNotInterrupted() throws Exception {
    ExecutorService single = newSingleThreadPool();
    CompletableFuture<Void> timedOut =
        AsyncRuntime.run(
            single,
            100,
            TimeUnit.MILLISECONDS,
            () -> {
              try {
                Thread.sleep(FOREVER_MS);
              } catch (InterruptedException e) {
                // Good practice: restore the flag. The runtime must still clear it afterwards.
                Thread.currentThread().interrupt();
              }
            });
    assertInstanceOf(TimeoutException.class, failure(timedOut));
    CompletableFuture<Boolean> next =
        AsyncRuntime.call(single, () -> Thread.currentThread().isInterrupted());
    assertFalse(value(next), "the next task on the thread saw the interrupt");
  }

  @Test
  void anInterruptIsNeverLeftForTheNextTaskEvenByAnExecutorThatDoesNotClearIt() throws Exception {
    // ThreadPoolExecutor clears the flag before each task anyway; this executor does not, so the
    // runtime's own clearing is what is tested here. One case per way the call can be stopped.
    SerialExecutor serial = newSerialExecutor();
    AtomicBoolean stop = new AtomicBoolean();

    // 1. a timeout on a method that ignores interrupts: the flag stays set until the runtime clears
    // it
    CompletableFuture<Void> busy =
        AsyncRuntime.run(
            serial,
            100,
            TimeUnit.MILLISECONDS,
            () -> {
              while (!stop.get()) {
                Thread.onSpinWait();
              }
            });
    assertInstanceOf(TimeoutException.class, failure(busy));
    stop.set(true);
    assertFalse(value(AsyncRuntime.call(serial, () -> Thread.currentThread().isInterrupted())));

    // 2. cancel(true) on a method that restores the interrupt before returning
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Void> cancelled =
        AsyncRuntime.run(
            serial,
            () -> {
              started.countDown();
              try {
                Thread.sleep(FOREVER_MS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    await(started);
    assertTrue(cancelled.cancel(true));
    assertEndsCancelled(cancelled);
    assertFalse(value(AsyncRuntime.call(serial, () -> Thread.currentThread().isInterrupted())));

    // 3. the same with a plain Runnable after it, not another call
    CompletableFuture<Boolean> plain = new CompletableFuture<>();
    serial.execute(() -> plain.complete(Thread.currentThread().isInterrupted()));
    assertFalse(value(plain));
  }

  @Test
  void cancelRacingCompletionNeverLeaksTheInterruptOntoTheNextTask() throws Exception {
    // The cancel may land while the runner is finishing; the FutureTask-style handshake makes the
    // runner wait for an interrupt in flight and clear it. A probe right after each call checks.
    SerialExecutor serial = newSerialExecutor();
    for (int i = 0; i < 500; i++) {
      CountDownLatch started = new CountDownLatch(1);
      // Bodies of varying length, so that some cancels land right as the runner finishes.
      int length = (i % 25) * 40;
      CompletableFuture<Integer> call =
          AsyncRuntime.call(
              serial,
              () -> {
                started.countDown();
                int spins = 0;
                for (int k = 0; k < length; k++) {
                  spins++;
                  Thread.onSpinWait();
                }
                return spins;
              });
      await(started);
      call.cancel(true);
      CompletableFuture<Boolean> probe = new CompletableFuture<>();
      serial.execute(
          () -> {
            boolean early = Thread.currentThread().isInterrupted();
            // Give an interrupt that is still in flight time to land on the probe.
            sleepUninterruptibly(1);
            probe.complete(early || Thread.interrupted());
          });
      assertFalse(value(probe), "round " + i + ": the probe after the call saw its interrupt");
    }
  }

  // ---- nested deadlines -----------------------------------------------------------------------

  @Test
  void aCallWithALongTimeoutInsideATimedCallFailsByTheOuterDeadline() throws Exception {
    ExecutorService pool = newPool(2);
    AtomicReference<CompletableFuture<String>> innerRef = new AtomicReference<>();
    AtomicReference<CompletableFuture<Long>> innerFailedAt = new AtomicReference<>();
    CountDownLatch innerInterrupted = new CountDownLatch(1);
    long start = System.nanoTime();
    CompletableFuture<String> outer =
        AsyncRuntime.call(
            pool,
            STARTS_IN_TIME_MS,
            TimeUnit.MILLISECONDS,
            () -> {
              CompletableFuture<String> inner =
                  AsyncRuntime.call(
                      pool,
                      6 * LONG_DELAY_MS,
                      TimeUnit.MILLISECONDS,
                      () -> {
                        try {
                          Thread.sleep(FOREVER_MS);
                          return "inner";
                        } catch (InterruptedException e) {
                          innerInterrupted.countDown();
                          throw e;
                        }
                      });
              innerRef.set(inner);
              innerFailedAt.set(completionTime(inner));
              return inner.join();
            });
    assertInstanceOf(TimeoutException.class, failure(outer));
    CompletableFuture<String> inner = innerRef.get();
    assertInstanceOf(TimeoutException.class, failure(inner));
    long elapsed = millisUntil(innerFailedAt.get(), start);
    assertTrue(
        elapsed >= STARTS_IN_TIME_MS, "inner failed before the outer deadline: " + elapsed + " ms");
    // Its own deadline is a minute away (failure(inner) would not even wait that long).
    assertTrue(
        elapsed < FOREVER_MS / 2, "inner got more than the caller's time: " + elapsed + " ms");
    await(innerInterrupted);
  }

  @Test
  void aCallWithoutTimeoutInsideATimedCallInheritsTheDeadline() throws Exception {
    ExecutorService pool = newPool(2);
    AtomicLong innerRemaining = new AtomicLong();
    AtomicReference<CompletableFuture<Void>> innerRef = new AtomicReference<>();
    AtomicReference<CompletableFuture<Long>> innerFailedAt = new AtomicReference<>();
    long start = System.nanoTime();
    CompletableFuture<Void> outer =
        AsyncRuntime.run(
            pool,
            STARTS_IN_TIME_MS,
            TimeUnit.MILLISECONDS,
            () -> {
              CompletableFuture<Void> inner =
                  AsyncRuntime.run(
                      pool,
                      () -> {
                        innerRemaining.set(CallScope.remainingNanos());
                        Thread.sleep(FOREVER_MS);
                      });
              innerRef.set(inner);
              innerFailedAt.set(completionTime(inner));
              inner.join();
            });
    assertInstanceOf(TimeoutException.class, failure(outer));
    assertInstanceOf(TimeoutException.class, failure(innerRef.get()));
    long elapsed = millisUntil(innerFailedAt.get(), start);
    assertTrue(
        elapsed >= STARTS_IN_TIME_MS, "inner failed before the outer deadline: " + elapsed + " ms");
    assertTrue(elapsed < FOREVER_MS / 2, "the untimed inner call ran on: " + elapsed + " ms");
    long remaining = innerRemaining.get();
    assertTrue(
        remaining >= 0 && remaining <= TimeUnit.MILLISECONDS.toNanos(STARTS_IN_TIME_MS),
        "inner call saw " + remaining + " ns left");
  }

  @Test
  void aShorterInnerTimeoutWinsOverTheOuterDeadline() throws Exception {
    ExecutorService pool = newPool(2);
    CompletableFuture<Long> outer =
        AsyncRuntime.call(
            pool,
            5,
            TimeUnit.SECONDS,
            () -> {
              long start = System.nanoTime();
              CompletableFuture<Void> inner =
                  AsyncRuntime.run(
                      pool, 100, TimeUnit.MILLISECONDS, () -> Thread.sleep(FOREVER_MS));
              CompletableFuture<Long> innerFailedAt = completionTime(inner);
              Throwable cause = assertThrows(CompletionException.class, inner::join).getCause();
              assertInstanceOf(TimeoutException.class, cause);
              return millisUntil(innerFailedAt, start);
            });
    long innerElapsed = value(outer);
    assertTrue(innerElapsed >= 100 && innerElapsed < 3_000, "inner took " + innerElapsed + " ms");
  }

  @Test
  void aCallStartedOutsideAnyCallHasNoDeadline() throws Exception {
    ExecutorService pool = newPool(1);
    assertEquals(-1L, value(AsyncRuntime.call(pool, CallScope::remainingNanos)));
  }

  @Test
  void theDeadlineScopeEndsWithTheCallOnAPooledThread() throws Exception {
    // A timed call sets the thread's current deadline; the next untimed call on the same thread
    // must not inherit it.
    ExecutorService single = newSingleThreadPool();
    long inside = value(AsyncRuntime.call(single, 5, TimeUnit.SECONDS, CallScope::remainingNanos));
    assertTrue(inside > 0 && inside <= TimeUnit.SECONDS.toNanos(5), inside + " ns");
    CompletableFuture<Void> failed =
        AsyncRuntime.run(
            single,
            5,
            TimeUnit.SECONDS,
            () -> {
              throw new IllegalStateException("fails inside its scope");
            });
    assertInstanceOf(IllegalStateException.class, failure(failed));
    assertEquals(-1L, value(AsyncRuntime.call(single, CallScope::remainingNanos)));
  }

  @Test
  void aContinuationOfATimedCallDoesNotInheritItsDeadline() throws Exception {
    // A dependent registered before the call completes runs on the runner thread, inside
    // complete(). It is not "inside" the call, so a call it starts must not get the finished call's
    // deadline: fetch().thenCompose(x -> process(x)) must not have process() killed at fetch's
    // deadline.
    ExecutorService pool = newPool(2);
    CountDownLatch gate = new CountDownLatch(1);
    CompletableFuture<Integer> first =
        AsyncRuntime.call(
            pool,
            5,
            TimeUnit.SECONDS,
            () -> {
              await(gate);
              return 1;
            });
    CompletableFuture<Long> inContinuation = first.thenApply(v -> CallScope.remainingNanos());
    CompletableFuture<Long> chainedCall =
        first.thenCompose(v -> AsyncRuntime.call(pool, CallScope::remainingNanos));
    gate.countDown();
    assertEquals(-1L, value(inContinuation), "the continuation ran inside the call's deadline");
    assertEquals(
        -1L, value(chainedCall), "a call chained after a timed call inherited its deadline");
  }

  @Test
  void aContinuationOfAFailedTimedCallDoesNotInheritItsDeadline() throws Exception {
    ExecutorService pool = newPool(1);
    CountDownLatch gate = new CountDownLatch(1);
    CompletableFuture<Integer> first =
        AsyncRuntime.call(
            pool,
            5,
            TimeUnit.SECONDS,
            () -> {
              await(gate);
              throw new IllegalStateException("failed");
            });
    CompletableFuture<Long> handled = first.handle((v, e) -> CallScope.remainingNanos());
    gate.countDown();
    assertEquals(-1L, value(handled));
  }

  @Test
  void aContinuationOfATimedRelayDoesNotInheritItsDeadline() throws Exception {
    ExecutorService pool = newPool(1);
    CountDownLatch gate = new CountDownLatch(1);
    CompletableFuture<Integer> relayed =
        AsyncRuntime.relay(
            pool,
            5,
            TimeUnit.SECONDS,
            () -> {
              await(gate);
              return CompletableFuture.completedFuture(1); // relayed synchronously, on the runner
            });
    CompletableFuture<Long> continuation = relayed.thenApply(v -> CallScope.remainingNanos());
    gate.countDown();
    assertEquals(-1L, value(continuation));
  }

  @Test
  void theTimeoutExceptionInstanceIsTheOneSeenEverywhere() throws Exception {
    ExecutorService pool = newPool(1);
    CompletableFuture<Void> future =
        AsyncRuntime.run(pool, 50, TimeUnit.MILLISECONDS, () -> Thread.sleep(FOREVER_MS));
    Throwable viaGet = failure(future);
    Throwable viaJoin = assertThrows(CompletionException.class, future::join);
    assertSame(viaGet, viaJoin.getCause());
  }
}
