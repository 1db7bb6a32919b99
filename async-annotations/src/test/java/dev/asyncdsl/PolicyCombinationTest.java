package dev.asyncdsl;

import static dev.asyncdsl.FaultTolerance.CircuitState.OPEN;
import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.internal.timer.Deadlines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * The policies together, and with the rest of the runtime: cancelling a running attempt or a
 * pending backoff, a deadline inherited from an enclosing call, gathers over guarded calls, inline
 * executors, interrupts on pooled threads. Modelled on the combination tests of MicroProfile Fault
 * Tolerance's TCK (retry with timeout, circuit breaker with retry and fallback, bulkhead with
 * retry).
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class PolicyCombinationTest extends ConcurrencyTestSupport {

  static void awaitCount(String what, int expected, IntSupplier reading) {
    BulkheadPolicyTest.awaitCount(what, expected, reading);
  }

  /** Runs a probe on {@code serial} and returns whether its thread was interrupted. */
  static boolean leftInterrupted(SerialExecutor serial) throws Exception {
    CompletableFuture<Boolean> probe = new CompletableFuture<>();
    serial.execute(() -> probe.complete(Thread.currentThread().isInterrupted()));
    return value(probe);
  }

  @Test
  void cancellingARunningAttemptInterruptsItAndStartsNoOther() throws Exception {
    SerialExecutor serial = newSerialExecutor();
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    FaultTolerance ft = FaultTolerance.of("P.cancelRunning()").retry(5).build();
    CompletableFuture<String> call =
        ft.call(
            serial,
            () -> {
              attempts.incrementAndGet();
              started.countDown();
              try {
                Thread.sleep(FOREVER_MS);
                return "never";
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
              }
            },
            failure -> "fallback must not run");
    await(started);
    assertTrue(call.cancel(true));
    await(interrupted);
    assertEndsCancelled(call);
    assertFalse(leftInterrupted(serial), "the cancel's interrupt outlived the attempt");
    sleepUninterruptibly(50);
    assertEquals(1, attempts.get(), "an attempt started after the call was cancelled");
  }

  @Test
  void cancellingDuringABackoffStartsNoOtherAttemptAndDropsItsTimer() throws Exception {
    ExecutorService pool = newPool(2);
    AtomicInteger attempts = new AtomicInteger();
    FaultTolerance ft =
        FaultTolerance.of("P.cancelBackoff()")
            .retry(5)
            .retryDelay(1, HOURS)
            .retryMaxDuration(2, HOURS)
            .build();
    CountDownLatch failedOnce = new CountDownLatch(1);
    CompletableFuture<String> call =
        ft.call(
            pool,
            () -> {
              attempts.incrementAndGet();
              failedOnce.countDown();
              throw new IOException("fail");
            });
    await(failedOnce);
    awaitCount("pending timers", 1, Deadlines::pendingTimers); // the backoff
    assertTrue(call.cancel(true));
    assertEndsCancelled(call);
    // The backoff's timer is dropped (with an hour's delay, it cannot have fired instead): nothing
    // is left that could start another attempt.
    awaitCount("pending timers", 0, Deadlines::pendingTimers);
    assertEquals(1, attempts.get());
  }

  @Test
  void aBackoffThatWouldOutliveTheInheritedDeadlineIsNotScheduled() throws Exception {
    ExecutorService pool = newPool(4);
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<CompletableFuture<String>> inner = new AtomicReference<>();
    FaultTolerance ft =
        FaultTolerance.of("P.inherited()")
            .retry(5)
            .retryDelay(1, HOURS)
            .retryMaxDuration(2, HOURS)
            .build();
    CompletableFuture<String> outer =
        AsyncRuntime.call(
            pool,
            LONG_DELAY_MS,
            MILLISECONDS,
            () -> {
              CompletableFuture<String> guarded =
                  ft.call(
                      pool,
                      () -> {
                        attempts.incrementAndGet();
                        throw new IOException("fail");
                      });
              inner.set(guarded);
              return guarded.get();
            });
    // The first attempt fails; a retry an hour later cannot end before the deadline, so the call
    // fails at once with the attempt's own failure instead of waiting for its deadline.
    Throwable outerFailure = failure(outer);
    assertInstanceOf(ExecutionException.class, outerFailure);
    assertInstanceOf(IOException.class, outerFailure.getCause());
    assertInstanceOf(IOException.class, failure(inner.get()), "the attempt's own failure");
    awaitCount("pending timers", 0, Deadlines::pendingTimers);
    assertEquals(1, attempts.get(), "a retry that could not end in time ran");
  }

  @Test
  void anInheritedDeadlineBoundsAllTheRetries() throws Exception {
    ExecutorService pool = newPool(4);
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<CompletableFuture<String>> inner = new AtomicReference<>();
    FaultTolerance ft =
        FaultTolerance.of("P.bounded()")
            .timeout(1, HOURS)
            .retry(-1)
            .retryDelay(10, MILLISECONDS)
            .retryMaxDuration(0, MILLISECONDS)
            .build();
    CompletableFuture<String> outer =
        AsyncRuntime.call(
            pool,
            STARTS_IN_TIME_MS,
            MILLISECONDS,
            () -> {
              CompletableFuture<String> guarded =
                  ft.call(
                      pool,
                      () -> {
                        attempts.incrementAndGet();
                        throw new IOException("fail");
                      });
              inner.set(guarded);
              return guarded.get();
            });
    // Whichever comes first: the deadline, during an attempt, or the last retry that could still
    // end before it, whose failure then ends the call at once.
    Throwable outerFailure = failure(outer);
    assertTrue(
        outerFailure instanceof DeadlineExceededException
            || outerFailure instanceof ExecutionException
                && outerFailure.getCause() instanceof IOException,
        outerFailure.toString());
    Throwable innerFailure = failure(inner.get());
    assertTrue(
        innerFailure instanceof DeadlineExceededException || innerFailure instanceof IOException,
        innerFailure.toString());
    int after = attempts.get();
    assertTrue(after >= 2, "retried within the deadline: " + after);
    sleepUninterruptibly(100);
    assertEquals(after, attempts.get(), "attempts went on after the inherited deadline");
    awaitCount("pending timers", 0, Deadlines::pendingTimers);
  }

  @Test
  void gatherAllOverGuardedCalls() throws Exception {
    ExecutorService pool = newPool(4);
    FaultTolerance ft =
        FaultTolerance.of("P.gather(int)").retry(3).retryDelay(5, MILLISECONDS).build();
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      AtomicInteger mine = new AtomicInteger();
      calls.add(
          ft.call(
              pool,
              () -> {
                if (mine.incrementAndGet() <= n % 3) {
                  throw new IOException("transient " + n);
                }
                return n * n;
              }));
    }
    assertEquals(List.of(0, 1, 4, 9, 16), value(Gather.all(calls)));
  }

  @Test
  void aFailedGatherCancelsGuardedCallsInTheirBackoff() throws Exception {
    ExecutorService pool = newPool(4);
    FaultTolerance retrying =
        FaultTolerance.of("P.retrying()")
            .retry(5)
            .retryDelay(1, HOURS)
            .retryMaxDuration(2, HOURS)
            .build();
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch bothFailedOnce = new CountDownLatch(2);
    List<CompletableFuture<String>> calls = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      calls.add(
          retrying.call(
              pool,
              () -> {
                attempts.incrementAndGet();
                bothFailedOnce.countDown();
                throw new IOException("transient");
              }));
    }
    await(bothFailedOnce);
    IllegalStateException fatal = new IllegalStateException("fatal");
    CompletableFuture<String> failing = new CompletableFuture<>();
    calls.add(failing);
    CompletableFuture<List<String>> all = Gather.all(calls);
    failing.completeExceptionally(fatal);
    assertSame(fatal, failure(all));
    assertEndsCancelled(calls.get(0));
    assertEndsCancelled(calls.get(1));
    // Both backoffs' timers are dropped (with an hour's delay, they cannot have fired instead):
    // nothing is left that could start another attempt.
    awaitCount("pending timers", 0, Deadlines::pendingTimers);
    assertEquals(2, attempts.get(), "a cancelled guarded call retried");
  }

  @Test
  void anInlineExecutorRetryingUntilMaxDurationDoesNotOverflowTheStack() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<IOException> last = new AtomicReference<>();
    FaultTolerance ft =
        FaultTolerance.of("P.inline()").retry(-1).retryMaxDuration(200, MILLISECONDS).build();
    CompletableFuture<String> call =
        ft.call(
            Runnable::run,
            () -> {
              IOException e = new IOException("attempt " + attempts.incrementAndGet());
              last.set(e);
              throw e;
            });
    assertTrue(call.isDone(), "an inline executor ends the call before call() returns");
    Throwable failure = failure(call);
    assertSame(last.get(), failure, "ended with " + failure);
    assertTrue(attempts.get() > 100, "attempts: " + attempts.get());
  }

  @Test
  void anInlineExecutorRetryingOverAnOpenCircuitDoesNotOverflowTheStack() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    FaultTolerance ft =
        FaultTolerance.of("P.inlineOpen()")
            .retry(200_000)
            .retryMaxDuration(0, MILLISECONDS)
            .circuitBreaker(1, 1.0, 1, HOURS, 1)
            .build();
    CompletableFuture<String> call =
        ft.call(
            Runnable::run,
            () -> {
              attempts.incrementAndGet();
              throw new IOException("opens it");
            },
            failure -> failure.getClass().getSimpleName());
    assertEquals("CircuitBreakerOpenException", value(call));
    assertEquals(1, attempts.get());
  }

  @Test
  void timeoutRetryCircuitAndFallbackTogether() throws Exception {
    ExecutorService pool = newPool(4);
    AtomicInteger attempts = new AtomicInteger();
    List<Throwable> received = new CopyOnWriteArrayList<>();
    FaultTolerance ft =
        FaultTolerance.of("P.all()")
            .timeout(100, MILLISECONDS)
            .retry(2)
            .circuitBreaker(3, 1.0, 1, HOURS, 1)
            .build();
    AsyncRuntime.ValueBody<String> slow =
        () -> {
          attempts.incrementAndGet();
          Thread.sleep(FOREVER_MS);
          return "late";
        };
    FaultTolerance.ValueFallback<String> fallback =
        failure -> {
          received.add(failure);
          return "fallback";
        };
    // Three attempts time out (a busy machine may time one out before its body ran): the third
    // fills the window and opens the circuit.
    assertEquals("fallback", value(ft.call(pool, slow, fallback)));
    assertInstanceOf(DeadlineExceededException.class, received.get(0));
    assertEquals(OPEN, ft.circuitState());
    assertEquals(1, ft.circuitOpenedCount());
    // Once the pool has drained, every attempt that was going to run has run (and was interrupted).
    pool.shutdown();
    assertTrue(pool.awaitTermination(LONG_DELAY_MS, MILLISECONDS), "a timed-out attempt runs on");
    int before = attempts.get();
    assertTrue(before <= 3, "attempts: " + before);
    // Now every attempt is rejected without running, and the fallback gets the rejection.
    ExecutorService fresh = newPool(4);
    assertEquals("fallback", value(ft.call(fresh, slow, fallback)));
    assertEquals(before, attempts.get());
    assertInstanceOf(CircuitBreakerOpenException.class, received.get(1));
  }

  @Test
  void aFullBulkheadIsRetriedUntilASlotFrees() throws Exception {
    ExecutorService pool = newPool(4);
    FaultTolerance ft =
        // Enough retries (ten seconds of them) that they outlast any wait for a core here.
        FaultTolerance.of("P.bulkheadRetry()")
            .retry(1_000)
            .retryDelay(10, MILLISECONDS)
            .bulkhead(1, 0)
            .build();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> holder = holdSlot(ft, pool, release, "holder");
    AtomicInteger secondRuns = new AtomicInteger();
    CompletableFuture<String> second =
        ft.call(pool, () -> "second ran " + secondRuns.incrementAndGet());
    sleepUninterruptibly(50);
    assertFalse(second.isDone(), "rejections are retried");
    assertEquals(0, secondRuns.get());
    release.countDown();
    assertEquals("holder", value(holder));
    assertEquals("second ran 1", value(second));
  }

  @Test
  void aFullBulkheadCountsAgainstTheCircuit() throws Exception {
    ExecutorService pool = newPool(2);
    FaultTolerance ft =
        FaultTolerance.of("P.bulkheadCircuit()")
            .circuitBreaker(2, 1.0, 1, HOURS, 1)
            .bulkhead(1, 0)
            .build();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> holder = holdSlot(ft, pool, release, "holder");
    assertInstanceOf(BulkheadFullException.class, failure(ft.call(pool, () -> "x")));
    assertInstanceOf(BulkheadFullException.class, failure(ft.call(pool, () -> "y")));
    assertEquals(OPEN, ft.circuitState());
    release.countDown();
    assertEquals("holder", value(holder));
    assertInstanceOf(CircuitBreakerOpenException.class, failure(ft.call(pool, () -> "z")));
  }

  @Test
  void cancellingDuringTheFallbackInterruptsIt() throws Exception {
    SerialExecutor serial = newSerialExecutor();
    CountDownLatch fallbackStarted = new CountDownLatch(1);
    CountDownLatch fallbackInterrupted = new CountDownLatch(1);
    FaultTolerance ft = FaultTolerance.of("P.cancelFallback()").retry(1).build();
    CompletableFuture<String> call =
        ft.call(
            serial,
            () -> {
              throw new IOException("fail");
            },
            failure -> {
              fallbackStarted.countDown();
              try {
                Thread.sleep(FOREVER_MS);
                return "never";
              } catch (InterruptedException e) {
                fallbackInterrupted.countDown();
                throw e;
              }
            });
    await(fallbackStarted);
    assertTrue(call.cancel(true));
    await(fallbackInterrupted);
    assertEndsCancelled(call);
    assertFalse(leftInterrupted(serial));
  }

  @Test
  void noInterruptIsLeftOnThePoolThreadAfterTimeoutsAndCancels() throws Exception {
    SerialExecutor serial = newSerialExecutor();
    FaultTolerance ft =
        FaultTolerance.of("P.interrupts()").timeout(20, MILLISECONDS).retry(2).build();
    // The same policy with a deadline the attempt to cancel surely starts before.
    FaultTolerance cancelling =
        FaultTolerance.of("P.interruptsCancelled()")
            .timeout(STARTS_IN_TIME_MS, MILLISECONDS)
            .retry(2)
            .build();
    long giveUp = System.nanoTime() + MILLISECONDS.toNanos(LONG_DELAY_MS);
    for (int round = 0; round < 5; ) {
      assertTrue(
          System.nanoTime() - giveUp < 0,
          "no attempt ran before its deadline after round " + round);
      AtomicInteger attempts = new AtomicInteger();
      CompletableFuture<String> timedOut =
          ft.call(
              serial,
              () -> {
                attempts.incrementAndGet();
                Thread.sleep(FOREVER_MS);
                return "late";
              });
      assertInstanceOf(DeadlineExceededException.class, failure(timedOut));
      // The probe runs after every attempt the serial thread took: the count is final then.
      assertFalse(
          leftInterrupted(serial), "a timed-out attempt left its interrupt, round " + round);
      assertTrue(attempts.get() <= 3, "attempts: " + attempts.get());
      if (attempts.get() == 0) {
        // Every attempt's 20 ms passed before the thread took it (a loaded machine): none ran,
        // so none could leave an interrupt. The round proves nothing; it is made again.
        continue;
      }
      round++;

      CountDownLatch started = new CountDownLatch(1);
      CompletableFuture<String> cancelled =
          cancelling.call(
              serial,
              () -> {
                started.countDown();
                Thread.sleep(FOREVER_MS);
                return "never";
              });
      await(started);
      cancelled.cancel(true);
      assertEndsCancelled(cancelled);
      assertFalse(
          leftInterrupted(serial), "a cancelled attempt left its interrupt, round " + round);
    }
  }

  @Test
  void everyGuardedCallCompletesExactlyOnceUnderRacingCancels() throws Exception {
    ExecutorService pool = newPool(4);
    FaultTolerance ft =
        FaultTolerance.of("P.race()")
            .timeout(50, MILLISECONDS)
            .retry(3)
            .retryDelay(1, MILLISECONDS)
            .circuitBreaker(50, 0.9, 10, MILLISECONDS, 2)
            .bulkhead(3, 100)
            .build();
    int calls = 300;
    AtomicInteger completions = new AtomicInteger();
    AtomicBoolean twice = new AtomicBoolean();
    List<CompletableFuture<?>> seen = new ArrayList<>();
    List<Boolean> cancelled = new ArrayList<>();
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      int n = i;
      AtomicInteger mine = new AtomicInteger();
      AtomicBoolean done = new AtomicBoolean();
      CompletableFuture<Integer> f =
          ft.call(
              pool,
              () -> {
                int attempt = mine.incrementAndGet();
                if (n % 7 == 0 && attempt == 1) {
                  Thread.sleep(FOREVER_MS); // times out
                }
                if (n % 3 == 0 && attempt < 3) {
                  throw new IOException("transient");
                }
                return n;
              },
              failure -> -1);
      seen.add(
          f.whenComplete(
                  (v, t) -> {
                    completions.incrementAndGet();
                    if (!done.compareAndSet(false, true)) {
                      twice.set(true);
                    }
                  })
              .exceptionally(t -> null));
      futures.add(f);
      // A call may have completed already (a fast body): then cancel() says so and changes nothing.
      cancelled.add(n % 11 == 0 && f.cancel(true));
    }
    for (int i = 0; i < calls; i++) {
      CompletableFuture<Integer> f = futures.get(i);
      Integer result =
          f.handle((v, t) -> t == null ? v : (Integer) null).get(LONG_DELAY_MS, MILLISECONDS);
      if (cancelled.get(i)) {
        assertTrue(f.isCancelled(), "call " + i + " was cancelled, then completed otherwise");
      } else {
        assertTrue(result != null && (result == i || result == -1), "call " + i + ": " + result);
      }
    }
    for (CompletableFuture<?> f : seen) {
      value(f);
    }
    assertEquals(calls, completions.get());
    assertFalse(twice.get());
    for (CompletableFuture<Integer> f : futures) {
      assertFalse(
          f.complete(0) || f.completeExceptionally(new TestError("again")), "completed twice");
    }
    awaitCount("running", 0, ft::bulkheadRunning);
    assertEquals(0, ft.bulkheadWaiting());
  }

  @Test
  void theFallbackRunsWithinWhatIsLeftOfAnInheritedDeadline() throws Exception {
    ExecutorService pool = newPool(4);
    CountDownLatch fallbackStarted = new CountDownLatch(1);
    CountDownLatch fallbackInterrupted = new CountDownLatch(1);
    AtomicReference<CompletableFuture<String>> inner = new AtomicReference<>();
    FaultTolerance ft = FaultTolerance.of("P.fallbackDeadline()").retry(1).build();
    CompletableFuture<String> outer =
        AsyncRuntime.call(
            pool,
            STARTS_IN_TIME_MS,
            MILLISECONDS,
            () -> {
              CompletableFuture<String> guarded =
                  ft.call(
                      pool,
                      () -> {
                        throw new IOException("fail");
                      },
                      failure -> {
                        fallbackStarted.countDown();
                        try {
                          Thread.sleep(FOREVER_MS);
                          return "never";
                        } catch (InterruptedException e) {
                          fallbackInterrupted.countDown();
                          throw e;
                        }
                      });
              inner.set(guarded);
              return guarded.get();
            });
    assertInstanceOf(DeadlineExceededException.class, failure(outer));
    await(fallbackStarted);
    await(fallbackInterrupted);
    assertInstanceOf(DeadlineExceededException.class, failure(inner.get()));
  }

  @Test
  void cancellingARetriedCallWaitingForASlotLeavesTheQueue() throws Exception {
    ExecutorService pool = newPool(2);
    FaultTolerance ft = FaultTolerance.of("P.queuedRetry()").retry(3).bulkhead(1, 1).build();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> holder = holdSlot(ft, pool, release, "holder");
    AtomicInteger waiterRuns = new AtomicInteger();
    CompletableFuture<Integer> waiter = ft.call(pool, () -> waiterRuns.incrementAndGet());
    assertEquals(1, ft.bulkheadWaiting());
    assertTrue(waiter.cancel(true));
    assertEquals(0, ft.bulkheadWaiting(), "the cancelled call's attempt still waits");
    release.countDown();
    assertEquals("holder", value(holder));
    awaitCount("running", 0, ft::bulkheadRunning);
    assertEquals(0, waiterRuns.get());
  }
}
