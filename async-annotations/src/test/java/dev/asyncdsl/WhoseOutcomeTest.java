package dev.asyncdsl;

import static dev.asyncdsl.FaultTolerance.CircuitState.CLOSED;
import static dev.asyncdsl.FaultTolerance.CircuitState.HALF_OPEN;
import static dev.asyncdsl.FaultTolerance.CircuitState.OPEN;
import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Whose outcome a call's end is. Only what the method itself returned or threw (and its own {@link
 * Timeout}) says anything about the method: it counts for the circuit and is judged by {@code
 * retryOn}, {@code applyOn} and {@code failOn}, a {@link CancellationException} it threw included.
 * An end its caller brought about (a cancel, a deadline the call inherited, a value the caller
 * completed the future with) says nothing about the downstream: it does not count.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class WhoseOutcomeTest extends ConcurrencyTestSupport {
  private static final Executor INLINE = Runnable::run;

  /** A body that fails the way {@code join()} on a future somebody else cancelled does. */
  private static String joinsACancelledFuture() {
    CompletableFuture<String> elsewhere = new CompletableFuture<>();
    elsewhere.cancel(false);
    return elsewhere.join();
  }

  /** A body that says it started, then blocks until it is interrupted. */
  private static AsyncRuntime.ValueBody<String> untilStopped(CountDownLatch started) {
    return () -> {
      started.countDown();
      Thread.sleep(FOREVER_MS);
      return "never";
    };
  }

  /**
   * The caller's future failed, and was not cancelled: get() says so with the method's exception.
   */
  private static void assertFailedWithCancellationFromTheMethod(CompletableFuture<?> call) {
    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> call.get(LONG_DELAY_MS, MILLISECONDS));
    assertInstanceOf(CancellationException.class, failed.getCause());
    assertFalse(call.isCancelled(), "nobody cancelled the call");
    assertTrue(call.isCompletedExceptionally());
    CompletionException joined = assertThrows(CompletionException.class, call::join);
    assertInstanceOf(CancellationException.class, joined.getCause());
  }

  @Test
  void aCancellationThrownByAPlainMethodIsAFailureNotACancel() {
    assertFailedWithCancellationFromTheMethod(
        AsyncRuntime.call(newPool(1), WhoseOutcomeTest::joinsACancelledFuture));
  }

  @Test
  void aCancellationThrownByAGuardedMethodIsAFailureNotACancel() {
    FaultTolerance ft = FaultTolerance.of("W.plain()").circuitBreaker(10, 0.5, 1, HOURS, 1).build();
    assertFailedWithCancellationFromTheMethod(
        ft.call(newPool(1), WhoseOutcomeTest::joinsACancelledFuture));
  }

  @Test
  void aGatherFailedByACancellationTheMethodThrewIsNotCancelled() throws Exception {
    ExecutorService pool = newPool(2);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> other =
        AsyncRuntime.call(
            pool,
            () -> {
              await(release);
              return "other";
            });
    CompletableFuture<List<String>> gathered =
        Gather.all(
            List.of(other, AsyncRuntime.call(pool, WhoseOutcomeTest::joinsACancelledFuture)));
    assertFailedWithCancellationFromTheMethod(gathered);
    assertEndsCancelled(other); // the gather's own cancelling of the rest is a cancel
    release.countDown();
  }

  @Test
  void aBoundedWaitFailedByACancellationTheMethodThrewIsNotCancelled() {
    assertFailedWithCancellationFromTheMethod(
        Tasks.waitFor(
            AsyncRuntime.call(newPool(1), WhoseOutcomeTest::joinsACancelledFuture),
            LONG_DELAY_MS,
            MILLISECONDS));
  }

  @Test
  void aGatherOfACancelledCallIsStillCancelled() {
    ExecutorService pool = newPool(1);
    CompletableFuture<String> cancelled =
        AsyncRuntime.call(pool, untilStopped(new CountDownLatch(1)));
    CompletableFuture<List<String>> gathered = Gather.all(List.of(cancelled));
    assertTrue(cancelled.cancel(true));
    assertEndsCancelled(gathered);
  }

  @Test
  void aCancellationThrownByTheMethodFallsBack() throws Exception {
    FaultTolerance ft = FaultTolerance.of("W.fallback()").build();
    AtomicInteger fellBack = new AtomicInteger();
    CompletableFuture<String> call =
        ft.call(
            newPool(1),
            WhoseOutcomeTest::joinsACancelledFuture,
            failure -> {
              fellBack.incrementAndGet();
              return "fallback after " + failure.getClass().getSimpleName();
            });
    assertEquals("fallback after CancellationException", value(call));
    assertEquals(1, fellBack.get());
  }

  @Test
  void aRelayedStageFailingWithCancellationFallsBack() throws Exception {
    // As java.net.http's stage does for an aborted request.
    FaultTolerance ft = FaultTolerance.of("W.relay()").build();
    CompletableFuture<String> call =
        ft.relay(
            newPool(1),
            () -> {
              CompletableFuture<String> aborted = new CompletableFuture<>();
              aborted.cancel(false);
              return aborted;
            },
            failure ->
                CompletableFuture.completedFuture(
                    "fallback after " + failure.getClass().getSimpleName()));
    assertEquals("fallback after CancellationException", value(call));
  }

  @Test
  void aCancellationThrownByTheMethodIsRetriedThenFallsBack() throws Exception {
    FaultTolerance ft = FaultTolerance.of("W.retry()").retry(2).build();
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<String> call =
        ft.call(
            INLINE,
            () -> {
              runs.incrementAndGet();
              return joinsACancelledFuture();
            },
            failure -> "fallback");
    assertEquals("fallback", value(call));
    assertEquals(3, runs.get(), "the first attempt and two retries");
  }

  @Test
  void aCancellationThrownByTheMethodCountsForTheCircuit() throws Exception {
    FaultTolerance ft =
        FaultTolerance.of("W.circuit()").circuitBreaker(2, 1.0, 1, HOURS, 1).build();
    for (int i = 0; i < 2; i++) {
      assertFailedWithCancellationFromTheMethod(
          ft.call(INLINE, WhoseOutcomeTest::joinsACancelledFuture));
    }
    assertEquals(OPEN, ft.circuitState(), "two failures in a window of two at ratio 1");
  }

  @Test
  void failOnJudgesACancellationThrownByTheMethodLikeAnyFailure() throws Exception {
    FaultTolerance ft =
        FaultTolerance.of("W.skip()")
            .circuitBreaker(2, 1.0, 1, HOURS, 1)
            .circuitFailsOn(failure -> !(failure instanceof CancellationException))
            .build();
    for (int i = 0; i < 4; i++) {
      assertFailedWithCancellationFromTheMethod(
          ft.call(INLINE, WhoseOutcomeTest::joinsACancelledFuture));
    }
    assertEquals(CLOSED, ft.circuitState(), "failOn let the cancellation through as a success");
  }

  @Test
  void theCallersOwnCancelIsStillACancel() throws Exception {
    FaultTolerance ft = FaultTolerance.of("W.cancel()").circuitBreaker(1, 1.0, 1, HOURS, 1).build();
    AtomicInteger fellBack = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> call =
        ft.call(
            newPool(1),
            untilStopped(started),
            failure -> {
              fellBack.incrementAndGet();
              return "fallback";
            });
    await(started);
    assertTrue(call.cancel(true));
    assertEndsCancelled(call);
    assertEquals(0, fellBack.get(), "a cancelled call fell back");
    assertEquals(CLOSED, ft.circuitState(), "a cancel counted as a failure");
  }

  /**
   * The caller's deadline ends calls that never ran (started after it passed) and interrupts one
   * that runs: none of them says anything about the downstream, which always succeeds.
   */
  @Test
  void callsEndedByTheCallersDeadlineDoNotOpenTheCircuit() throws Exception {
    ExecutorService pool = newPool(4);
    FaultTolerance callee =
        FaultTolerance.of("W.callee()").circuitBreaker(4, 0.5, 1, HOURS, 1).bulkhead(2, 2).build();
    AtomicInteger calleeRuns = new AtomicInteger();
    List<CompletableFuture<String>> inner = new ArrayList<>();
    CountDownLatch innerRunning = new CountDownLatch(1);
    CountDownLatch madeAll = new CountDownLatch(1);
    CompletableFuture<String> caller =
        AsyncRuntime.call(
            pool,
            AsyncRuntime.timed("W.caller()", 100, MILLISECONDS),
            () -> {
              // One call that runs until the caller's deadline stops it.
              inner.add(
                  callee.call(
                      pool,
                      () -> {
                        calleeRuns.incrementAndGet();
                        innerRunning.countDown();
                        Thread.sleep(FOREVER_MS);
                        return "late";
                      }));
              try {
                Thread.sleep(FOREVER_MS);
              } catch (InterruptedException deadlinePassed) {
                // Past the deadline now: every call made from here has run out of time already.
              }
              for (int i = 0; i < 6; i++) {
                inner.add(callee.call(pool, () -> "ok " + calleeRuns.incrementAndGet()));
              }
              madeAll.countDown();
              return "caller";
            });
    assertInstanceOf(DeadlineExceededException.class, failure(caller));
    await(innerRunning);
    await(madeAll);
    for (CompletableFuture<String> call : inner) {
      assertInstanceOf(DeadlineExceededException.class, failure(call));
    }
    assertEquals(7, inner.size());
    assertEquals(1, calleeRuns.get(), "a call made after the deadline ran");
    BulkheadPolicyTest.awaitCount("running", 0, callee::bulkheadRunning);
    assertEquals(
        CLOSED, callee.circuitState(), "the caller's deadline opened the callee's circuit");
    assertEquals(0, callee.circuitOpenedCount());
    // The window is empty still: four failures of the callee's own are needed to open it.
    for (int i = 0; i < 3; i++) {
      failOnce(callee);
    }
    assertEquals(CLOSED, callee.circuitState());
  }

  private static void failOnce(FaultTolerance callee) throws Exception {
    assertInstanceOf(
        IllegalStateException.class,
        failure(
            callee.call(
                INLINE,
                () -> {
                  throw new IllegalStateException("down");
                })));
  }

  @Test
  void retriesStopAtTheCallersDeadlineAndDoNotCount() throws Exception {
    ExecutorService pool = newPool(4);
    FaultTolerance callee =
        FaultTolerance.of("W.retried()").retry(5).circuitBreaker(1, 1.0, 1, HOURS, 1).build();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch running = new CountDownLatch(1);
    AtomicInteger fellBack = new AtomicInteger();
    CompletableFuture<CompletableFuture<String>> inner = new CompletableFuture<>();
    CompletableFuture<String> caller =
        AsyncRuntime.call(
            pool,
            AsyncRuntime.timed("W.retryCaller()", 100, MILLISECONDS),
            () -> {
              inner.complete(
                  callee.call(
                      pool,
                      () -> {
                        runs.incrementAndGet();
                        running.countDown();
                        Thread.sleep(FOREVER_MS);
                        return "late";
                      },
                      failure -> {
                        fellBack.incrementAndGet();
                        return "fallback";
                      }));
              return Tasks.await(inner.get());
            });
    assertInstanceOf(DeadlineExceededException.class, failure(caller));
    assertInstanceOf(DeadlineExceededException.class, failure(value(inner)));
    await(running);
    assertEquals(1, runs.get(), "the caller's deadline was retried");
    assertEquals(0, fellBack.get(), "the caller's deadline fell back");
    assertEquals(CLOSED, callee.circuitState(), "the caller's deadline filled a window of one");
    assertEquals(0, callee.circuitOpenedCount());
  }

  @Test
  void aValueTheCallerCompletesTheFutureWithIsNoTrialSuccess() throws Exception {
    FaultTolerance ft =
        FaultTolerance.of("W.complete()").circuitBreaker(1, 1.0, 0, MILLISECONDS, 1).build();
    failOnce(ft);
    assertEquals(HALF_OPEN, ft.circuitState(), "opened, its delay of 0 over");
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> trial = ft.call(newPool(1), untilStopped(started));
    await(started);
    assertTrue(trial.complete("the caller's own"));
    assertSame("the caller's own", value(trial));
    assertEquals(1, ft.circuitOpenedCount());
    assertEquals(HALF_OPEN, ft.circuitState(), "the caller's value closed the circuit");
    failOnce(ft);
    assertEquals(2, ft.circuitOpenedCount(), "the next real trial failed and opened it again");
  }
}
