package dev.asyncdsl.micrometer;

import static dev.asyncdsl.micrometer.MeterReading.awaitTrue;
import static dev.asyncdsl.micrometer.MeterReading.meters;
import static dev.asyncdsl.micrometer.MeterReading.outcome;
import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.BulkheadFullException;
import dev.asyncdsl.CircuitBreakerOpenException;
import dev.asyncdsl.DeadlineExceededException;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.FaultTolerance.CircuitState;
import dev.asyncdsl.spi.CallListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every meter's values for real calls, made by hand as twins make them ({@link AsyncRuntime} with
 * an {@link AsyncMethod}, {@link FaultTolerance#of(AsyncMethod)}), recorded in a {@link
 * SimpleMeterRegistry}.
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = TimeUnit.SECONDS)
class AsyncMetricsTest {
  private static final String CLASS = "com.example.Mirror";
  private static final long FOREVER_MS = 600_000;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AsyncMetrics metrics = new AsyncMetrics();
  private ExecutorService pool;

  @BeforeEach
  void bind() {
    pool = Executors.newCachedThreadPool();
    metrics.bindTo(registry);
  }

  @AfterEach
  void unbind() throws InterruptedException {
    metrics.close();
    registry.close();
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(MeterReading.PATIENCE_SECONDS, TimeUnit.SECONDS));
  }

  private static AsyncMethod method(String name) {
    return AsyncMethod.of(CLASS, name, "Mirror." + name + "(String)");
  }

  private static String tag(String name) {
    return CLASS + "." + name;
  }

  private double count(String method, String meter) {
    Double value = meters(registry, tag(method)).get(meter);
    if (value == null) {
      throw new AssertionError(meter + " is not registered: " + meters(registry, tag(method)));
    }
    return value;
  }

  private Timer timer(String method, String name) {
    return registry.get(name).tag("method", tag(method)).timer();
  }

  @Test
  void aPlainMethodCountsItsInvocationsOnly() throws Exception {
    AsyncMethod celsius = method("plain");
    assertEquals(21, outcome(AsyncRuntime.call(pool, celsius, () -> 21)));
    assertEquals(
        Map.of(
            "ft.invocations.total{fallback=notDefined, result=valueReturned} Counter", 1.0,
            "ft.invocations.total{fallback=notDefined, result=exceptionThrown} Counter", 0.0),
        meters(registry, tag("plain")));

    IOException down = new IOException("down");
    assertSame(
        down,
        outcome(
            AsyncRuntime.call(
                pool,
                celsius,
                () -> {
                  throw down;
                })));
    assertEquals(
        1.0,
        count(
            "plain", "ft.invocations.total{fallback=notDefined, result=exceptionThrown} Counter"));
  }

  @Test
  void aTimedOutOrCancelledCallThrew() throws Exception {
    AsyncMethod slow = method("slow");
    assertInstanceOf(
        DeadlineExceededException.class,
        outcome(
            AsyncRuntime.call(
                pool,
                AsyncRuntime.timed(slow, 10, MILLISECONDS),
                () -> {
                  Thread.sleep(FOREVER_MS);
                  return 0;
                })));
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<Void> cancelled =
        AsyncRuntime.run(
            pool,
            slow,
            () -> {
              running.countDown();
              Thread.sleep(FOREVER_MS);
            });
    assertTrue(running.await(MeterReading.PATIENCE_SECONDS, TimeUnit.SECONDS));
    cancelled.cancel(true);
    assertInstanceOf(CancellationException.class, outcome(cancelled));
    assertEquals(
        2.0,
        count("slow", "ft.invocations.total{fallback=notDefined, result=exceptionThrown} Counter"));
    assertEquals(
        0.0,
        count("slow", "ft.invocations.total{fallback=notDefined, result=valueReturned} Counter"));
  }

  @Test
  void aTimeoutAloneIsCountedOncePerCallWhetherTimedOrUnderPolicies() throws Exception {
    AsyncMethod alone = method("timedAlone");
    assertInstanceOf(
        DeadlineExceededException.class,
        outcome(
            AsyncRuntime.call(
                pool,
                AsyncRuntime.timed(alone, 20, MILLISECONDS),
                () -> {
                  Thread.sleep(FOREVER_MS);
                  return 0;
                })));
    assertEquals(1, outcome(AsyncRuntime.call(pool, AsyncRuntime.timed(alone, 1, HOURS), () -> 1)));
    // The same method under a FaultTolerance with its timeout alone: one attempt, counted once.
    FaultTolerance policies = FaultTolerance.of(alone).timeout(1, HOURS).build();
    assertEquals(2, outcome(policies.call(pool, () -> 2)));

    Map<String, Double> found = meters(registry, tag("timedAlone"));
    assertEquals(1.0, found.get("ft.timeout.calls.total{timedOut=true} Counter"));
    assertEquals(2.0, found.get("ft.timeout.calls.total{timedOut=false} Counter"));
    assertEquals(3.0, found.get("ft.timeout.executionDuration{} Timer"));
    assertTrue(timer("timedAlone", "ft.timeout.executionDuration").max(MILLISECONDS) >= 20);
    assertEquals(
        2.0, found.get("ft.invocations.total{fallback=notDefined, result=valueReturned} Counter"));
    assertEquals(5, found.size(), found::toString);
  }

  @Test
  void aNestedClassIsTaggedByItsCanonicalName() throws Exception {
    AsyncMethod inner = AsyncMethod.of("com.example.Outer$Inner", "celsius", "Inner.celsius()");
    outcome(AsyncRuntime.call(pool, inner, () -> 1));
    assertEquals(
        1.0,
        registry
            .get("ft.invocations.total")
            .tag("method", "com.example.Outer.Inner.celsius")
            .tag("result", "valueReturned")
            .counter()
            .count());
  }

  @Test
  void retriesThenSuccess() throws Exception {
    FaultTolerance policies = FaultTolerance.of(method("retried")).retry(3).build();
    AtomicInteger attempts = new AtomicInteger();
    Object result =
        outcome(
            policies.call(
                pool,
                () -> {
                  if (attempts.incrementAndGet() < 3) {
                    throw new IOException("not yet");
                  }
                  return "ok";
                }));
    assertEquals("ok", result);
    Map<String, Double> found = meters(registry, tag("retried"));
    assertEquals(2.0, found.get("ft.retry.retries.total{} Counter"));
    assertEquals(
        1.0, found.get("ft.retry.calls.total{retried=true, retryResult=valueReturned} Counter"));
    assertEquals(
        1.0, found.get("ft.invocations.total{fallback=notDefined, result=valueReturned} Counter"));
    // Every combination is registered at the first call, at zero.
    assertEquals(
        8, found.keySet().stream().filter(k -> k.startsWith("ft.retry.calls.total")).count());
    assertEquals(3, found.values().stream().filter(v -> v > 0).count(), found::toString);
    assertEquals(11, found.size());
  }

  @Test
  void retriesExhausted() throws Exception {
    FaultTolerance policies = FaultTolerance.of(method("exhausted")).retry(2).build();
    IOException down = new IOException("down");
    assertSame(
        down,
        outcome(
            policies.call(
                pool,
                () -> {
                  throw down;
                })));
    assertEquals(2.0, count("exhausted", "ft.retry.retries.total{} Counter"));
    assertEquals(
        1.0,
        count(
            "exhausted",
            "ft.retry.calls.total{retried=true, retryResult=maxRetriesReached} Counter"));
    assertEquals(
        1.0,
        count(
            "exhausted",
            "ft.invocations.total{fallback=notDefined, result=exceptionThrown} Counter"));
  }

  @Test
  void notRetryable() throws Exception {
    FaultTolerance policies =
        FaultTolerance.of(method("aborted"))
            .retry(3)
            .retryOn(failure -> failure instanceof IOException)
            .build();
    assertInstanceOf(
        IllegalStateException.class,
        outcome(
            policies.call(
                pool,
                () -> {
                  throw new IllegalStateException("no");
                })));
    assertEquals(0.0, count("aborted", "ft.retry.retries.total{} Counter"));
    assertEquals(
        1.0,
        count(
            "aborted",
            "ft.retry.calls.total{retried=false, retryResult=exceptionNotRetryable} Counter"));
  }

  @Test
  void maxDurationReached() throws Exception {
    // The first attempt alone outlasts maxDuration: no retry may start.
    FaultTolerance policies =
        FaultTolerance.of(method("outlasted")).retry(5).retryMaxDuration(20, MILLISECONDS).build();
    assertInstanceOf(
        IOException.class,
        outcome(
            policies.call(
                pool,
                () -> {
                  Thread.sleep(100);
                  throw new IOException("slow and failing");
                })));
    assertEquals(0.0, count("outlasted", "ft.retry.retries.total{} Counter"));
    assertEquals(
        1.0,
        count(
            "outlasted",
            "ft.retry.calls.total{retried=false, retryResult=maxDurationReached} Counter"));
  }

  @Test
  void fallbackAppliedNotAppliedAndTheFallbacksOwnFailure() throws Exception {
    FaultTolerance policies =
        FaultTolerance.of(method("answered"))
            .fallbackOn(failure -> !(failure instanceof IllegalArgumentException))
            .build();
    // Applied: the method failed, the fallback answered.
    assertEquals(
        "fallback",
        outcome(
            policies.call(
                pool,
                () -> {
                  throw new IOException("down");
                },
                failure -> "fallback")));
    // Not applied: the method answered.
    assertEquals("method", outcome(policies.call(pool, () -> "method", failure -> "fallback")));
    // Applied, and the fallback failed.
    assertInstanceOf(
        IllegalStateException.class,
        outcome(
            policies.call(
                pool,
                () -> {
                  throw new IOException("down");
                },
                failure -> {
                  throw new IllegalStateException("fallback down");
                })));
    // Not applied to a failure it skips.
    assertInstanceOf(
        IllegalArgumentException.class,
        outcome(
            policies.call(
                pool,
                () -> {
                  throw new IllegalArgumentException("bad");
                },
                failure -> "fallback")));
    assertEquals(
        Map.of(
            "ft.invocations.total{fallback=applied, result=valueReturned} Counter", 1.0,
            "ft.invocations.total{fallback=notApplied, result=valueReturned} Counter", 1.0,
            "ft.invocations.total{fallback=applied, result=exceptionThrown} Counter", 1.0,
            "ft.invocations.total{fallback=notApplied, result=exceptionThrown} Counter", 1.0),
        meters(registry, tag("answered")));
  }

  @Test
  void fallbackAfterRetries() throws Exception {
    FaultTolerance policies = FaultTolerance.of(method("retriedThenAnswered")).retry(1).build();
    assertEquals(
        "fallback",
        outcome(
            policies.call(
                pool,
                () -> {
                  throw new IOException("down");
                },
                failure -> "fallback")));
    Map<String, Double> found = meters(registry, tag("retriedThenAnswered"));
    assertEquals(
        1.0, found.get("ft.invocations.total{fallback=applied, result=valueReturned} Counter"));
    assertEquals(
        1.0,
        found.get("ft.retry.calls.total{retried=true, retryResult=maxRetriesReached} Counter"));
    assertEquals(1.0, found.get("ft.retry.retries.total{} Counter"));
  }

  @Test
  void timeoutCountsEachAttemptAndItsDuration() throws Exception {
    FaultTolerance policies =
        // Long enough for the second attempt to start and answer on a loaded machine.
        FaultTolerance.of(method("timed")).timeout(2_000, MILLISECONDS).retry(1).build();
    AtomicInteger attempts = new AtomicInteger();
    Object result =
        outcome(
            policies.call(
                pool,
                () -> {
                  if (attempts.incrementAndGet() == 1) {
                    Thread.sleep(FOREVER_MS);
                  }
                  return "second";
                }));
    assertEquals("second", result);
    assertEquals(1.0, count("timed", "ft.timeout.calls.total{timedOut=true} Counter"));
    assertEquals(1.0, count("timed", "ft.timeout.calls.total{timedOut=false} Counter"));
    Timer duration = timer("timed", "ft.timeout.executionDuration");
    assertEquals(2, duration.count());
    // The attempt that timed out lasted at least its timeout.
    assertTrue(duration.max(MILLISECONDS) >= 50, () -> "max " + duration.max(MILLISECONDS));
    assertEquals(1.0, count("timed", "ft.retry.retries.total{} Counter"));
  }

  @Test
  void circuitOpensRejectsAndCountsItsTime() throws Exception {
    FaultTolerance policies =
        FaultTolerance.of(method("guarded")).circuitBreaker(2, 1.0, 1, HOURS, 1).build();
    for (int i = 0; i < 2; i++) {
      assertInstanceOf(
          IOException.class,
          outcome(
              policies.call(
                  pool,
                  () -> {
                    throw new IOException("down");
                  })));
    }
    assertInstanceOf(CircuitBreakerOpenException.class, outcome(policies.call(pool, () -> "no")));
    Map<String, Double> found = meters(registry, tag("guarded"));
    assertEquals(
        2.0, found.get("ft.circuitbreaker.calls.total{circuitBreakerResult=failure} Counter"));
    assertEquals(
        0.0, found.get("ft.circuitbreaker.calls.total{circuitBreakerResult=success} Counter"));
    assertEquals(
        1.0,
        found.get(
            "ft.circuitbreaker.calls.total{circuitBreakerResult=circuitBreakerOpen} Counter"));
    assertEquals(1.0, found.get("ft.circuitbreaker.opened.total{} Counter"));
    assertEquals(1.0, found.get("ft.circuitbreaker.state.current{state=open} Gauge"));
    assertEquals(0.0, found.get("ft.circuitbreaker.state.current{state=closed} Gauge"));
    assertEquals(0.0, found.get("ft.circuitbreaker.state.current{state=halfOpen} Gauge"));
    assertTrue(found.get("ft.circuitbreaker.state.total{state=closed} TimeGauge") > 0);
    assertTrue(found.get("ft.circuitbreaker.state.total{state=open} TimeGauge") > 0);
    assertEquals(0.0, found.get("ft.circuitbreaker.state.total{state=halfOpen} TimeGauge"));
    assertEquals(
        3.0,
        found.get("ft.invocations.total{fallback=notDefined, result=exceptionThrown} Counter"));
    assertEquals(12, found.size());

    // Reset: closed again, no opening counted.
    policies.resetCircuit();
    assertEquals(1.0, count("guarded", "ft.circuitbreaker.state.current{state=closed} Gauge"));
    assertEquals(1.0, count("guarded", "ft.circuitbreaker.opened.total{} Counter"));
  }

  @Test
  void circuitHalfOpensAndClosesAgain() throws Exception {
    FaultTolerance policies =
        FaultTolerance.of(method("recovering")).circuitBreaker(2, 1.0, 20, MILLISECONDS, 1).build();
    for (int i = 0; i < 2; i++) {
      outcome(
          policies.call(
              pool,
              () -> {
                throw new IOException("down");
              }));
    }
    awaitTrue(
        "the circuit half-opens",
        () -> count("recovering", "ft.circuitbreaker.state.current{state=halfOpen} Gauge") == 1.0);
    assertEquals("back", outcome(policies.call(pool, () -> "back")));
    Map<String, Double> found = meters(registry, tag("recovering"));
    assertEquals(1.0, found.get("ft.circuitbreaker.state.current{state=closed} Gauge"));
    assertEquals(0.0, found.get("ft.circuitbreaker.state.current{state=halfOpen} Gauge"));
    assertEquals(
        1.0, found.get("ft.circuitbreaker.calls.total{circuitBreakerResult=success} Counter"));
    assertEquals(1.0, found.get("ft.circuitbreaker.opened.total{} Counter"));
    assertTrue(found.get("ft.circuitbreaker.state.total{state=open} TimeGauge") > 0);
    assertTrue(found.get("ft.circuitbreaker.state.total{state=halfOpen} TimeGauge") > 0);
  }

  @Test
  void bulkheadAcceptsQueuesRejectsAndTimesBoth() throws Exception {
    FaultTolerance policies = FaultTolerance.of(method("narrow")).bulkhead(1, 1).build();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<String> first =
        policies.call(
            pool,
            () -> {
              running.countDown();
              release.await();
              return "first";
            });
    CompletableFuture<String> queued = policies.call(pool, () -> "queued");
    CompletableFuture<String> rejected = policies.call(pool, () -> "rejected");
    assertInstanceOf(BulkheadFullException.class, outcome(rejected));
    assertTrue(running.await(MeterReading.PATIENCE_SECONDS, TimeUnit.SECONDS));

    Map<String, Double> during = meters(registry, tag("narrow"));
    assertEquals(2.0, during.get("ft.bulkhead.calls.total{bulkheadResult=accepted} Counter"));
    assertEquals(1.0, during.get("ft.bulkhead.calls.total{bulkheadResult=rejected} Counter"));
    assertEquals(1.0, during.get("ft.bulkhead.executionsRunning{} Gauge"));
    assertEquals(1.0, during.get("ft.bulkhead.executionsWaiting{} Gauge"));
    assertEquals(1.0, during.get("ft.bulkhead.waitingDuration{} Timer"));
    assertEquals(0.0, during.get("ft.bulkhead.runningDuration{} Timer"));

    Thread.sleep(20); // the queued call waits measurably
    release.countDown();
    assertEquals("first", outcome(first));
    assertEquals("queued", outcome(queued));
    Map<String, Double> after = meters(registry, tag("narrow"));
    assertEquals(2.0, after.get("ft.bulkhead.calls.total{bulkheadResult=accepted} Counter"));
    assertEquals(0.0, after.get("ft.bulkhead.executionsRunning{} Gauge"));
    assertEquals(0.0, after.get("ft.bulkhead.executionsWaiting{} Gauge"));
    Timer waiting = timer("narrow", "ft.bulkhead.waitingDuration");
    assertEquals(2, waiting.count());
    assertTrue(waiting.max(MILLISECONDS) >= 20, () -> "max wait " + waiting.max(MILLISECONDS));
    Timer holding = timer("narrow", "ft.bulkhead.runningDuration");
    assertEquals(2, holding.count());
    assertTrue(holding.max(MILLISECONDS) >= 20, () -> "max held " + holding.max(MILLISECONDS));
    assertEquals(
        2.0, after.get("ft.invocations.total{fallback=notDefined, result=valueReturned} Counter"));
    assertEquals(
        1.0,
        after.get("ft.invocations.total{fallback=notDefined, result=exceptionThrown} Counter"));
    assertEquals(8, after.size());
  }

  @Test
  void everyPolicyRegistersAllItsMetersAtTheFirstCall() throws Exception {
    FaultTolerance policies =
        FaultTolerance.of(method("everything"))
            .timeout(1, HOURS)
            .retry(2)
            .circuitBreaker(10, 0.5, 1, HOURS, 1)
            .bulkhead(4, 4)
            .build();
    assertEquals("ok", outcome(policies.call(pool, () -> "ok", failure -> "fallback")));
    Map<String, Double> found = meters(registry, tag("everything"));
    // invocations 4, retry 9, timeout 3, circuit breaker 3 + 1 + 3 + 3, bulkhead 2 + 2 + 2
    assertEquals(32, found.size(), found::toString);
    assertEquals(
        1.0, found.get("ft.circuitbreaker.calls.total{circuitBreakerResult=success} Counter"));
    assertEquals(1.0, found.get("ft.timeout.calls.total{timedOut=false} Counter"));
    assertEquals(1.0, found.get("ft.bulkhead.calls.total{bulkheadResult=accepted} Counter"));
    assertEquals(
        1.0, found.get("ft.retry.calls.total{retried=false, retryResult=valueReturned} Counter"));
    assertEquals(
        1.0, found.get("ft.invocations.total{fallback=notApplied, result=valueReturned} Counter"));
  }

  @Test
  void aTwinsOwnCopyAddsUpInTheCountersWhileTheGaugesReadTheSharedPolicies() throws Exception {
    FaultTolerance shared =
        FaultTolerance.of(method("twinned")).circuitBreaker(1, 1.0, 1, HOURS, 1).build();
    FaultTolerance own = shared.withOwnState();
    outcome(shared.call(pool, () -> "fine"));
    outcome(
        own.call(
            pool,
            () -> {
              throw new IOException("down");
            }));
    assertEquals(CircuitState.OPEN, own.circuitState());
    Map<String, Double> found = meters(registry, tag("twinned"));
    assertEquals(
        1.0, found.get("ft.circuitbreaker.calls.total{circuitBreakerResult=success} Counter"));
    assertEquals(
        1.0, found.get("ft.circuitbreaker.calls.total{circuitBreakerResult=failure} Counter"));
    assertEquals(1.0, found.get("ft.circuitbreaker.opened.total{} Counter"));
    // The shared circuit is closed.
    assertEquals(1.0, found.get("ft.circuitbreaker.state.current{state=closed} Gauge"));
    assertEquals(0.0, found.get("ft.circuitbreaker.state.current{state=open} Gauge"));
  }

  @Test
  void aCopyCalledFirstFindsTheSharedPolicies() throws Exception {
    FaultTolerance shared =
        FaultTolerance.of(method("copyFirst")).circuitBreaker(1, 1.0, 1, HOURS, 1).build();
    FaultTolerance own = shared.withOwnState();
    outcome(
        own.call(
            pool,
            () -> {
              throw new IOException("down");
            }));
    assertEquals(CircuitState.OPEN, own.circuitState());
    assertEquals(CircuitState.CLOSED, shared.circuitState());
    assertEquals(1.0, count("copyFirst", "ft.circuitbreaker.state.current{state=closed} Gauge"));
  }

  @Test
  void theGaugesKeepNoPoliciesAlive() throws Exception {
    WeakReference<FaultTolerance> gone = callOnceAndForget("forgotten");
    for (int i = 0; i < 100 && gone.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertEquals(null, gone.get(), "the policies are still reachable");
    assertTrue(
        Double.isNaN(count("forgotten", "ft.circuitbreaker.state.current{state=closed} Gauge")));
    assertTrue(Double.isNaN(count("forgotten", "ft.bulkhead.executionsRunning{} Gauge")));
  }

  private WeakReference<FaultTolerance> callOnceAndForget(String name) throws Exception {
    FaultTolerance policies =
        FaultTolerance.of(method(name)).circuitBreaker(4, 0.5, 1, HOURS, 1).bulkhead(2, 0).build();
    outcome(policies.call(pool, () -> "once"));
    assertEquals(1.0, count(name, "ft.circuitbreaker.state.current{state=closed} Gauge"));
    return new WeakReference<>(policies);
  }

  @Test
  void closingStopsRecordingAndRemovesTheGauges() throws Exception {
    FaultTolerance policies =
        FaultTolerance.of(method("closed")).circuitBreaker(4, 0.5, 1, HOURS, 1).build();
    outcome(policies.call(pool, () -> "recorded"));
    assertTrue(CallListener.registered().stream().anyMatch(l -> l instanceof Recorder));
    metrics.close();
    metrics.close();
    assertFalse(CallListener.registered().stream().anyMatch(l -> l instanceof Recorder));
    outcome(policies.call(pool, () -> "not recorded"));
    Map<String, Double> found = meters(registry, tag("closed"));
    assertEquals(
        1.0, found.get("ft.invocations.total{fallback=notDefined, result=valueReturned} Counter"));
    assertEquals(
        1.0, found.get("ft.circuitbreaker.calls.total{circuitBreakerResult=success} Counter"));
    assertFalse(found.keySet().stream().anyMatch(k -> k.startsWith("ft.circuitbreaker.state")));
    assertThrows(IllegalStateException.class, () -> metrics.bindTo(new SimpleMeterRegistry()));
  }

  @Test
  void eachRegistryBoundRecordsEveryCallOnce() throws Exception {
    MeterRegistry second = new SimpleMeterRegistry();
    try {
      metrics.bindTo(second);
      metrics.bindTo(registry); // bound already: nothing more
      outcome(AsyncRuntime.call(pool, method("twice"), () -> 2));
      assertEquals(
          1.0,
          count(
              "twice", "ft.invocations.total{fallback=notDefined, result=valueReturned} Counter"));
      assertEquals(
          Map.of(
              "ft.invocations.total{fallback=notDefined, result=valueReturned} Counter", 1.0,
              "ft.invocations.total{fallback=notDefined, result=exceptionThrown} Counter", 0.0),
          meters(second, tag("twice")));
    } finally {
      metrics.close();
      second.close();
    }
  }
}
