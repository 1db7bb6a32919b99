package dev.asyncdsl;

import static dev.asyncdsl.FaultTolerance.CircuitState.CLOSED;
import static dev.asyncdsl.FaultTolerance.CircuitState.HALF_OPEN;
import static dev.asyncdsl.FaultTolerance.CircuitState.OPEN;
import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link CircuitBreaker} as {@link FaultTolerance} keeps it: when it opens, that an open circuit
 * fails fast without running the method, the half-open trials, what counts as a failure. Modelled
 * on MicroProfile Fault Tolerance's CircuitBreakerTest (its rolling-window cases among them) and
 * CircuitBreakerRetryTest. Transitions are counted, never timed from above.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class CircuitBreakerPolicyTest extends ConcurrencyTestSupport {
  private static final Executor INLINE = Runnable::run;

  /** A body that counts its runs and fails or succeeds as told. */
  static final class Service {
    final AtomicInteger runs = new AtomicInteger();

    String succeed() {
      runs.incrementAndGet();
      return "ok";
    }

    String fail() throws IOException {
      runs.incrementAndGet();
      throw new IOException("down");
    }
  }

  private static void callOk(FaultTolerance ft, Service s) throws Exception {
    assertEquals("ok", value(ft.call(INLINE, s::succeed)));
  }

  private static void callFailing(FaultTolerance ft, Service s) throws Exception {
    assertInstanceOf(IOException.class, failure(ft.call(INLINE, s::fail)));
  }

  private static void assertRejected(FaultTolerance ft, Service s) throws Exception {
    int before = s.runs.get();
    Throwable failure = failure(ft.call(INLINE, s::succeed));
    assertInstanceOf(CircuitBreakerOpenException.class, failure);
    assertEquals(before, s.runs.get(), "an open circuit ran the method");
  }

  /** Waits (bounded) until the circuit reports {@code state}. */
  static void awaitState(FaultTolerance ft, FaultTolerance.CircuitState state) {
    long deadline = System.nanoTime() + MILLISECONDS.toNanos(LONG_DELAY_MS);
    while (ft.circuitState() != state) {
      assertTrue(
          System.nanoTime() - deadline < 0,
          "circuit never became " + state + ": " + ft.circuitState());
      sleepUninterruptibly(2);
    }
  }

  @Test
  void opensWhenTheWindowIsFullAndTheRatioReached() throws Exception {
    Service s = new Service();
    FaultTolerance ft = FaultTolerance.of("C.open()").circuitBreaker(4, 0.5, 1, HOURS, 1).build();
    callFailing(ft, s);
    callFailing(ft, s);
    callFailing(ft, s);
    assertEquals(CLOSED, ft.circuitState(), "the window is not full before 4 outcomes");
    callFailing(ft, s);
    assertEquals(OPEN, ft.circuitState());
    assertEquals(1, ft.circuitOpenedCount());
    assertEquals(4, s.runs.get());
  }

  @Test
  void opensOnASuccessThatFillsTheWindowAtTheRatio() throws Exception {
    // The TCK's rolling window: success, failure, failure, success opens after the fourth.
    Service s = new Service();
    FaultTolerance ft =
        FaultTolerance.of("C.window4()").circuitBreaker(4, 0.5, 1, HOURS, 2).build();
    callOk(ft, s);
    callFailing(ft, s);
    callFailing(ft, s);
    callOk(ft, s);
    assertEquals(OPEN, ft.circuitState(), "2 failures in a full window of 4 reach the ratio 0.5");
    assertRejected(ft, s);
    assertEquals(4, s.runs.get());
  }

  @Test
  void windowRollsOverOldOutcomes() throws Exception {
    // success, failure, success, success, failure: the window of the last 4 holds 2 failures.
    Service s = new Service();
    FaultTolerance ft =
        FaultTolerance.of("C.window5()").circuitBreaker(4, 0.5, 1, HOURS, 2).build();
    callOk(ft, s);
    callFailing(ft, s);
    callOk(ft, s);
    callOk(ft, s);
    assertEquals(CLOSED, ft.circuitState(), "1 failure in 4");
    callFailing(ft, s);
    assertEquals(OPEN, ft.circuitState());
    assertRejected(ft, s);
  }

  @Test
  void staysClosedBelowTheRatio() throws Exception {
    Service s = new Service();
    FaultTolerance ft = FaultTolerance.of("C.below()").circuitBreaker(4, 0.75, 1, HOURS, 1).build();
    for (int i = 0; i < 20; i++) {
      if (i % 2 == 0) {
        callFailing(ft, s);
      } else {
        callOk(ft, s);
      }
      assertEquals(CLOSED, ft.circuitState(), "half the calls fail, the ratio is 0.75");
    }
    assertEquals(0, ft.circuitOpenedCount());
  }

  @Test
  void openCircuitRejectsFastWithAStacklessExceptionNamingTheMethod() throws Exception {
    Service s = new Service();
    FaultTolerance ft =
        FaultTolerance.of("C.fast(String)").circuitBreaker(1, 1.0, 1, HOURS, 1).build();
    callFailing(ft, s);
    assertEquals(OPEN, ft.circuitState());
    ExecutorService pool = newPool(2);
    for (int i = 0; i < 50; i++) {
      CompletableFuture<String> call = ft.call(pool, s::succeed);
      assertTrue(call.isDone(), "an open circuit fails the call at once");
      Throwable failure = failure(call);
      CircuitBreakerOpenException open =
          assertInstanceOf(CircuitBreakerOpenException.class, failure);
      assertEquals("C.fast(String)", open.method());
      assertTrue(open.getMessage().startsWith("C.fast(String): "), open.getMessage());
      assertEquals(0, open.getStackTrace().length);
    }
    assertEquals(1, s.runs.get());
    value(ft.run(pool, () -> s.runs.incrementAndGet()).exceptionally(t -> null));
    assertEquals(1, s.runs.get(), "a void call is rejected too");
  }

  @Test
  void halfOpenAfterTheDelayAndATrialSuccessClosesIt() throws Exception {
    Service s = new Service();
    FaultTolerance ft =
        FaultTolerance.of("C.half()").circuitBreaker(2, 1.0, 100, MILLISECONDS, 1).build();
    callFailing(ft, s);
    // Taken before the circuit opens, so that "less than the delay since then" is less than the
    // delay since it opened, however long this thread waits for a core in between.
    long beforeOpening = System.nanoTime();
    callFailing(ft, s);
    FaultTolerance.CircuitState justOpened = ft.circuitState();
    long readWithin = System.nanoTime() - beforeOpening;
    assertEquals(1, ft.circuitOpenedCount());
    if (readWithin < MILLISECONDS.toNanos(100)) {
      assertEquals(OPEN, justOpened, "half-open before the delay");
    }
    awaitState(ft, HALF_OPEN);
    // Seen half-open now: it became so at least 100 ms after it opened, so at least that long after
    // beforeOpening.
    assertTrue(
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beforeOpening) >= 100,
        "half-open before the delay");
    callOk(ft, s);
    assertEquals(CLOSED, ft.circuitState());
    assertEquals(3, s.runs.get());
    // Closed again, with an empty window: one failure does not reopen a window of 2.
    callFailing(ft, s);
    assertEquals(CLOSED, ft.circuitState());
    callFailing(ft, s);
    // Opened again (its state may already be half-open again on a busy machine: the delay is
    // short).
    assertEquals(2, ft.circuitOpenedCount());
  }

  @Test
  void successThresholdTrialsInARowCloseIt() throws Exception {
    Service s = new Service();
    FaultTolerance ft =
        FaultTolerance.of("C.trials()").circuitBreaker(1, 1.0, 30, MILLISECONDS, 3).build();
    callFailing(ft, s);
    awaitState(ft, HALF_OPEN);
    callOk(ft, s);
    assertEquals(HALF_OPEN, ft.circuitState(), "1 of 3 trials");
    callOk(ft, s);
    assertEquals(HALF_OPEN, ft.circuitState(), "2 of 3 trials");
    callOk(ft, s);
    assertEquals(CLOSED, ft.circuitState());
    assertEquals(4, s.runs.get());
  }

  @Test
  void aFailingTrialReopensTheCircuit() throws Exception {
    Service s = new Service();
    // The delay is one a starved machine does not outwait between the reopening and the rejected
    // call right after it; the test waits for it twice.
    FaultTolerance ft =
        FaultTolerance.of("C.reopen()")
            .circuitBreaker(1, 1.0, STARTS_IN_TIME_MS, MILLISECONDS, 2)
            .build();
    callFailing(ft, s);
    awaitState(ft, HALF_OPEN);
    callOk(ft, s);
    callFailing(ft, s);
    assertEquals(OPEN, ft.circuitState(), "one failed trial reopens, whatever succeeded before");
    assertEquals(2, ft.circuitOpenedCount());
    assertRejected(ft, s);
    // Reopened for its full delay, then half-open again, with fresh trial counts.
    awaitState(ft, HALF_OPEN);
    callOk(ft, s);
    callOk(ft, s);
    assertEquals(CLOSED, ft.circuitState());
  }

  @Test
  void halfOpenLetsOnlySuccessThresholdTrialsThroughAtOnce() throws Exception {
    Service s = new Service();
    FaultTolerance ft =
        FaultTolerance.of("C.concurrent()").circuitBreaker(1, 1.0, 20, MILLISECONDS, 2).build();
    callFailing(ft, s);
    awaitState(ft, HALF_OPEN);
    ExecutorService pool = newPool(3);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(2);
    AtomicInteger trialRuns = new AtomicInteger();
    AsyncRuntime.ValueBody<String> trial =
        () -> {
          trialRuns.incrementAndGet();
          running.countDown();
          await(release);
          return "trial";
        };
    CompletableFuture<String> first = ft.call(pool, trial);
    CompletableFuture<String> second = ft.call(pool, trial);
    await(running);
    CompletableFuture<String> third = ft.call(pool, trial);
    assertInstanceOf(CircuitBreakerOpenException.class, failure(third));
    assertEquals(2, trialRuns.get());
    release.countDown();
    assertEquals("trial", value(first));
    assertEquals("trial", value(second));
    assertEquals(CLOSED, ft.circuitState());
  }

  @Test
  void skippedFailuresCountAsSuccesses() throws Exception {
    Service s = new Service();
    FaultTolerance ft =
        FaultTolerance.of("C.skip()")
            .circuitBreaker(2, 1.0, 1, HOURS, 1)
            .circuitFailsOn(f -> !(f instanceof IllegalArgumentException))
            .build();
    AsyncRuntime.ValueBody<String> skipped =
        () -> {
          s.runs.incrementAndGet();
          throw new IllegalArgumentException("skipped");
        };
    for (int i = 0; i < 5; i++) {
      assertInstanceOf(IllegalArgumentException.class, failure(ft.call(INLINE, skipped)));
    }
    assertEquals(CLOSED, ft.circuitState(), "skipOn failures do not count");
    // A skipped failure is a success in the window: failure, skipped, failure, failure opens.
    callFailing(ft, s);
    failure(ft.call(INLINE, skipped));
    assertEquals(CLOSED, ft.circuitState(), "1 failure in 2");
    callFailing(ft, s);
    assertEquals(CLOSED, ft.circuitState(), "the window is [skipped, failure]");
    callFailing(ft, s);
    assertEquals(OPEN, ft.circuitState());
  }

  @Test
  void aSkippedFailureClosesAHalfOpenCircuit() throws Exception {
    Service s = new Service();
    FaultTolerance ft =
        FaultTolerance.of("C.skipTrial()")
            .circuitBreaker(1, 1.0, 20, MILLISECONDS, 1)
            .circuitFailsOn(f -> f instanceof IOException)
            .build();
    callFailing(ft, s);
    awaitState(ft, HALF_OPEN);
    failure(
        ft.call(
            INLINE,
            () -> {
              throw new IllegalStateException("not a failure for the circuit");
            }));
    assertEquals(CLOSED, ft.circuitState());
  }

  @Test
  void cancelledCallsDoNotCount() throws Exception {
    ExecutorService pool = newPool(4);
    FaultTolerance ft = FaultTolerance.of("C.cancel()").circuitBreaker(2, 1.0, 1, HOURS, 1).build();
    for (int i = 0; i < 3; i++) {
      CountDownLatch started = new CountDownLatch(1);
      CompletableFuture<String> call =
          ft.call(
              pool,
              () -> {
                started.countDown();
                Thread.sleep(FOREVER_MS);
                return "never";
              });
      await(started);
      assertTrue(call.cancel(true));
    }
    Service s = new Service();
    assertEquals(CLOSED, ft.circuitState());
    // The window is still empty: one failure does not fill it.
    callFailing(ft, s);
    assertEquals(CLOSED, ft.circuitState(), "cancelled calls filled the window");
    callFailing(ft, s);
    assertEquals(OPEN, ft.circuitState());
  }

  @Test
  void aCancelledTrialFreesItsPlaceForAnother() throws Exception {
    ExecutorService pool = newPool(2);
    Service s = new Service();
    FaultTolerance ft =
        FaultTolerance.of("C.cancelTrial()").circuitBreaker(1, 1.0, 20, MILLISECONDS, 1).build();
    callFailing(ft, s);
    awaitState(ft, HALF_OPEN);
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> trial =
        ft.call(
            pool,
            () -> {
              started.countDown();
              Thread.sleep(FOREVER_MS);
              return "never";
            });
    await(started);
    assertRejected(ft, s); // the one trial place is taken
    assertTrue(trial.cancel(true));
    assertEndsCancelled(trial);
    callOk(ft, s);
    assertEquals(CLOSED, ft.circuitState());
  }

  @Test
  void timeoutsCountAsFailures() throws Exception {
    ExecutorService pool = newPool(2);
    AtomicInteger runs = new AtomicInteger();
    FaultTolerance ft =
        FaultTolerance.of("C.timeout()")
            .timeout(30, MILLISECONDS)
            .circuitBreaker(2, 1.0, 1, HOURS, 1)
            .build();
    for (int i = 0; i < 2; i++) {
      assertInstanceOf(
          DeadlineExceededException.class,
          failure(
              ft.call(
                  pool,
                  () -> {
                    runs.incrementAndGet();
                    Thread.sleep(FOREVER_MS);
                    return "late";
                  })));
    }
    awaitState(ft, OPEN); // the second timeout is recorded as the future fails
    int before = runs.get();
    assertTrue(before <= 2, "runs: " + before); // a body timed out before it started never runs
    assertInstanceOf(
        CircuitBreakerOpenException.class, failure(ft.call(pool, () -> runs.incrementAndGet())));
    assertEquals(before, runs.get());
  }

  @Test
  void aSlowCallFromBeforeTheCircuitOpenedDoesNotDecideItsTrial() throws Exception {
    ExecutorService pool = newPool(2);
    Service s = new Service();
    FaultTolerance ft =
        FaultTolerance.of("C.generation()").circuitBreaker(2, 1.0, 20, MILLISECONDS, 1).build();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> slow =
        ft.call(
            pool,
            () -> {
              started.countDown();
              await(release);
              throw new IOException("late failure");
            });
    await(started);
    callFailing(ft, s);
    callFailing(ft, s);
    // Opened (by count: with a 20 ms delay it may be half-open already by the time we look).
    assertEquals(1, ft.circuitOpenedCount());
    awaitState(ft, HALF_OPEN);
    release.countDown();
    assertInstanceOf(IOException.class, failure(slow));
    assertEquals(1, ft.circuitOpenedCount(), "a call let through while closed reopened it");
    callOk(ft, s);
    assertEquals(CLOSED, ft.circuitState());
  }

  @Test
  void anOpenCircuitsRejectionIsRetried() throws Exception {
    Service s = new Service();
    AtomicInteger attempts = new AtomicInteger();
    FaultTolerance ft =
        FaultTolerance.of("C.retry()").retry(3).circuitBreaker(1, 1.0, 1, HOURS, 1).build();
    CompletableFuture<String> call =
        ft.call(
            INLINE,
            () -> {
              attempts.incrementAndGet();
              throw new IOException("opens it");
            });
    Throwable failure = failure(call);
    assertInstanceOf(CircuitBreakerOpenException.class, failure, "the last attempt was rejected");
    assertEquals(1, attempts.get(), "only the first attempt ran; the three retries were rejected");
    assertEquals(1, ft.circuitOpenedCount());
    assertEquals(0, s.runs.get());
  }

  @Test
  void retriesCanOutwaitTheCircuitsDelay() throws Exception {
    ExecutorService pool = newPool(2);
    AtomicInteger attempts = new AtomicInteger();
    // Opens after the first failure, half-open 50 ms later; the retries wait 30 ms each.
    FaultTolerance ft =
        FaultTolerance.of("C.outwait()")
            .retry(10)
            .retryDelay(30, MILLISECONDS)
            .circuitBreaker(1, 1.0, 50, MILLISECONDS, 1)
            .build();
    CompletableFuture<String> call =
        ft.call(
            pool,
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw new IOException("first");
              }
              return "recovered";
            });
    assertEquals("recovered", value(call));
    assertEquals(2, attempts.get(), "rejected retries did not run the method");
    assertEquals(CLOSED, ft.circuitState());
  }

  @Test
  void stateReadersAndOwnState() throws Exception {
    FaultTolerance none = FaultTolerance.of("C.none()").build();
    assertEquals(CLOSED, none.circuitState());
    assertEquals(0, none.circuitOpenedCount());

    Service s = new Service();
    FaultTolerance shared =
        FaultTolerance.of("C.shared()").circuitBreaker(1, 1.0, 1, HOURS, 1).build();
    callFailing(shared, s);
    assertEquals(OPEN, shared.circuitState());

    FaultTolerance own = shared.withOwnState();
    assertNotSame(shared, own);
    assertEquals(CLOSED, own.circuitState(), "a copy starts closed");
    assertEquals(0, own.circuitOpenedCount());
    assertEquals("C.shared()", own.method());
    callOk(own, s);
    assertEquals(OPEN, shared.circuitState(), "the copy's calls do not touch the original");
    callFailing(own, s);
    assertEquals(OPEN, own.circuitState(), "the copy keeps the same policy");

    assertSame(shared, shared.in(FaultTolerance.StateScope.METHOD));
    FaultTolerance twin = shared.in(FaultTolerance.StateScope.TWIN);
    assertNotSame(shared, twin);
    assertEquals(CLOSED, twin.circuitState());
  }

  @Test
  void aRatioIsComparedAsWrittenNotThroughAProduct() throws Exception {
    // 0.55 * 100 is 55.00000000000001 in doubles: 55 failures of 100 reach 0.55 all the same.
    Service s = new Service();
    FaultTolerance ft =
        FaultTolerance.of("C.ratio()").circuitBreaker(100, 0.55, 1, HOURS, 1).build();
    for (int i = 0; i < 45; i++) {
      callOk(ft, s);
    }
    for (int i = 0; i < 54; i++) {
      callFailing(ft, s);
    }
    assertEquals(CLOSED, ft.circuitState(), "54 of 100");
    callFailing(ft, s);
    assertEquals(OPEN, ft.circuitState(), "55 of 100 reach 0.55");
  }

  @Test
  void aContinuationsNextCallSeesTheCircuitTheOutcomeOpened() throws Exception {
    // The circuit counts a call's failure before anyone sees it: a next call made from the
    // failed one's continuation is rejected. Repeated, as the order was a race on a pool.
    ExecutorService pool = newPool(2);
    for (int round = 0; round < 50; round++) {
      FaultTolerance ft = FaultTolerance.of("C.next()").circuitBreaker(1, 1.0, 1, HOURS, 1).build();
      AtomicInteger runs = new AtomicInteger();
      CompletableFuture<Object> next =
          ft.call(
                  pool,
                  () -> {
                    runs.incrementAndGet();
                    throw new IOException("opens it");
                  })
              .handle((v, t) -> ft.call(pool, () -> "ran " + runs.incrementAndGet()))
              .thenCompose(f -> f.handle((v, t) -> t == null ? v : t));
      assertInstanceOf(CircuitBreakerOpenException.class, value(next), "round " + round);
      assertEquals(1, runs.get());
    }
  }

  @Test
  void ownStateKeepsThePoliciesItWasBuiltWith() throws Exception {
    FaultTolerance.Builder builder =
        FaultTolerance.of("C.builder()").circuitBreaker(1, 1.0, 1, HOURS, 1);
    FaultTolerance first = builder.build();
    builder.circuitBreaker(5, 1.0, 1, HOURS, 1);
    FaultTolerance own = first.withOwnState();
    Service s = new Service();
    callFailing(own, s);
    assertEquals(OPEN, own.circuitState(), "the copy took the builder's later window of 5");
    assertEquals(first.toString(), own.toString());
  }
}
