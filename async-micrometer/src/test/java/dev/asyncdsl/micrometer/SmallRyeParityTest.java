package dev.asyncdsl.micrometer;

import static dev.asyncdsl.micrometer.MeterReading.awaitTrue;
import static dev.asyncdsl.micrometer.MeterReading.meters;
import static dev.asyncdsl.micrometer.MeterReading.outcome;
import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.BulkheadFullException;
import dev.asyncdsl.CircuitBreakerOpenException;
import dev.asyncdsl.FaultTolerance;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.faulttolerance.standalone.Configuration;
import io.smallrye.faulttolerance.standalone.MetricsAdapter;
import io.smallrye.faulttolerance.standalone.MicrometerAdapter;
import io.smallrye.faulttolerance.standalone.StandaloneFaultTolerance;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The meters of SmallRye Fault Tolerance itself, run standalone with its Micrometer adapter, and
 * ours, for the same policies and the same calls: the same meter names, tag keys, tag values and
 * meter types, and the same counts.
 *
 * <p>SmallRye runs its programmatic API ({@link TypedGuard} of a {@code CompletionStage}, as an
 * asynchronous method), described by the name our {@code method} tag has, which becomes its {@code
 * method} tag. Its programmatic API registers the {@code ft.invocations.total} counters of a method
 * without a fallback whatever the guard has ({@code TypedGuardImpl.buildMeteredOperation} passes
 * {@code hasFallback=false}), where a method annotated {@code @Fallback} gets the four {@code
 * applied}/{@code notApplied} ones ({@code CdiMeteredOperationImpl.hasFallback()}); we follow the
 * annotations, so {@link #asAnnotated} makes that one change to SmallRye's meters before they are
 * compared. SmallRye's own {@code ft.timer.scheduled} (its timer thread, tagged {@code id}) has no
 * counterpart and no {@code method} tag: it is not compared.
 *
 * <p>The time gauges ({@code ft.circuitbreaker.state.total}) are compared by whether they have
 * counted any time, the gauges by their value once both runs are in the same state, the timers by
 * their count; the base units and descriptions too.
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = TimeUnit.SECONDS)
class SmallRyeParityTest {
  private static final String CLASS = "com.example.Parity";

  private static ExecutorService smallRyePool;
  private static MeterRegistry smallRyeMeters;

  private final SimpleMeterRegistry ourMeters = new SimpleMeterRegistry();
  private final AsyncMetrics metrics = new AsyncMetrics();
  private ExecutorService pool;

  /** SmallRye is configured once per JVM; every scenario has its own method name. */
  @BeforeAll
  static void configureSmallRye() {
    smallRyePool = Executors.newCachedThreadPool();
    smallRyeMeters = new SimpleMeterRegistry();
    StandaloneFaultTolerance.configure(
        new Configuration() {
          @Override
          public ExecutorService executor() {
            return smallRyePool;
          }

          @Override
          public MetricsAdapter metricsAdapter() {
            return new MicrometerAdapter(smallRyeMeters);
          }

          @Override
          public void onShutdown() throws InterruptedException {
            smallRyeMeters.close();
            smallRyePool.shutdownNow();
            smallRyePool.awaitTermination(MeterReading.PATIENCE_SECONDS, TimeUnit.SECONDS);
          }
        });
  }

  @AfterAll
  static void shutDownSmallRye() throws InterruptedException {
    StandaloneFaultTolerance.shutdown();
  }

  @BeforeEach
  void bind() {
    pool = Executors.newCachedThreadPool();
    metrics.bindTo(ourMeters);
  }

  @AfterEach
  void unbind() throws InterruptedException {
    metrics.close();
    ourMeters.close();
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(MeterReading.PATIENCE_SECONDS, TimeUnit.SECONDS));
  }

  private static AsyncMethod method(String name) {
    return AsyncMethod.of(CLASS, name, "Parity." + name + "()");
  }

  private static String tag(String name) {
    return CLASS + "." + name;
  }

  /** A SmallRye guard of an asynchronous method, named as our method is tagged. */
  private static TypedGuard.Builder<CompletionStage<String>> guard(String name) {
    return TypedGuard.create(new TypeLiteral<CompletionStage<String>>() {})
        .withDescription(tag(name));
  }

  private static CompletionStage<String> failing(Throwable failure) {
    return CompletableFuture.failedFuture(failure);
  }

  private static CompletionStage<String> answering(String value) {
    return CompletableFuture.completedFuture(value);
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void plain() throws Exception {
    TypedGuard<CompletionStage<String>> smallRye = guard("plain").build();
    outcome(smallRye.get(() -> answering("ok")).toCompletableFuture());
    outcome(smallRye.get(() -> failing(new IOException("down"))).toCompletableFuture());

    AsyncMethod plain = method("plain");
    outcome(AsyncRuntime.call(pool, plain, () -> "ok"));
    outcome(
        AsyncRuntime.call(
            pool,
            plain,
            () -> {
              throw new IOException("down");
            }));

    assertSameMeters("plain", false);
  }

  @Test
  void retriesThenSuccess() throws Exception {
    TypedGuard<CompletionStage<String>> smallRye =
        guard("retried").withRetry().maxRetries(3).jitter(0, ChronoUnit.MILLIS).done().build();
    AtomicInteger theirs = new AtomicInteger();
    outcome(
        smallRye
            .get(() -> theirs.incrementAndGet() < 3 ? failing(new IOException()) : answering("ok"))
            .toCompletableFuture());

    FaultTolerance ours = FaultTolerance.of(method("retried")).retry(3).build();
    AtomicInteger mine = new AtomicInteger();
    outcome(
        ours.call(
            pool,
            () -> {
              if (mine.incrementAndGet() < 3) {
                throw new IOException();
              }
              return "ok";
            }));

    assertSameMeters("retried", false);
  }

  @Test
  void retriesExhaustedAndNotRetryable() throws Exception {
    TypedGuard<CompletionStage<String>> smallRye =
        guard("exhausted")
            .withRetry()
            .maxRetries(2)
            .jitter(0, ChronoUnit.MILLIS)
            .retryOn(IOException.class)
            .done()
            .build();
    outcome(smallRye.get(() -> failing(new IOException())).toCompletableFuture());
    outcome(smallRye.get(() -> failing(new IllegalStateException())).toCompletableFuture());

    FaultTolerance ours =
        FaultTolerance.of(method("exhausted"))
            .retry(2)
            .retryOn(failure -> failure instanceof IOException)
            .build();
    outcome(
        ours.call(
            pool,
            () -> {
              throw new IOException();
            }));
    outcome(
        ours.call(
            pool,
            () -> {
              throw new IllegalStateException();
            }));

    assertSameMeters("exhausted", false);
  }

  /** The first attempt alone outlasts {@code maxDuration}: neither starts a retry. */
  @Test
  void maxDurationReached() throws Exception {
    TypedGuard<CompletionStage<String>> smallRye =
        guard("outlasted")
            .withRetry()
            .maxRetries(5)
            .maxDuration(20, ChronoUnit.MILLIS)
            .jitter(0, ChronoUnit.MILLIS)
            .done()
            .build();
    outcome(
        smallRye
            .get(
                () ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          sleep(100);
                          throw new IllegalStateException("slow and failing");
                        },
                        pool))
            .toCompletableFuture());

    FaultTolerance ours =
        FaultTolerance.of(method("outlasted")).retry(5).retryMaxDuration(20, MILLISECONDS).build();
    outcome(
        ours.call(
            pool,
            () -> {
              Thread.sleep(100);
              throw new IllegalStateException("slow and failing");
            }));

    assertSameMeters("outlasted", false);
  }

  @Test
  void fallbackAppliedNotAppliedFailedAndSkipped() throws Exception {
    Function<Throwable, CompletionStage<String>> theirFallback =
        failure ->
            "doomed".equals(failure.getMessage())
                ? failing(new IllegalStateException("fallback down"))
                : answering("fallback");
    TypedGuard<CompletionStage<String>> smallRye =
        guard("answered")
            .withFallback()
            .handler(theirFallback)
            .skipOn(IllegalArgumentException.class)
            .done()
            .build();
    outcome(smallRye.get(() -> failing(new IOException("down"))).toCompletableFuture());
    outcome(smallRye.get(() -> answering("method")).toCompletableFuture());
    outcome(smallRye.get(() -> failing(new IOException("doomed"))).toCompletableFuture());
    outcome(smallRye.get(() -> failing(new IllegalArgumentException())).toCompletableFuture());

    FaultTolerance ours =
        FaultTolerance.of(method("answered"))
            .fallbackOn(failure -> !(failure instanceof IllegalArgumentException))
            .build();
    FaultTolerance.ValueFallback<String> myFallback =
        failure -> {
          if ("doomed".equals(failure.getMessage())) {
            throw new IllegalStateException("fallback down");
          }
          return "fallback";
        };
    outcome(
        ours.call(
            pool,
            () -> {
              throw new IOException("down");
            },
            myFallback));
    outcome(ours.call(pool, () -> "method", myFallback));
    outcome(
        ours.call(
            pool,
            () -> {
              throw new IOException("doomed");
            },
            myFallback));
    outcome(
        ours.call(
            pool,
            () -> {
              throw new IllegalArgumentException();
            },
            myFallback));

    Map<String, Double> found = assertSameMeters("answered", true);
    assertEquals(4, found.size(), found::toString);
  }

  @Test
  void timeoutThenRetry() throws Exception {
    TypedGuard<CompletionStage<String>> smallRye =
        guard("timed")
            .withTimeout()
            // Long enough for the second attempt to start and answer on a loaded machine.
            .duration(2_000, ChronoUnit.MILLIS)
            .done()
            .withRetry()
            .maxRetries(1)
            .jitter(0, ChronoUnit.MILLIS)
            .done()
            .build();
    AtomicInteger theirs = new AtomicInteger();
    outcome(
        smallRye
            .get(() -> theirs.incrementAndGet() == 1 ? new CompletableFuture<>() : answering("ok"))
            .toCompletableFuture());

    FaultTolerance ours =
        FaultTolerance.of(method("timed")).timeout(2_000, MILLISECONDS).retry(1).build();
    AtomicInteger mine = new AtomicInteger();
    outcome(
        ours.call(
            pool,
            () -> {
              if (mine.incrementAndGet() == 1) {
                Thread.sleep(600_000);
              }
              return "ok";
            }));

    assertSameMeters("timed", false);
  }

  /** A method whose only policy is a timeout: a twin calls it through a {@code TimedMethod}. */
  @Test
  void timeoutAlone() throws Exception {
    TypedGuard<CompletionStage<String>> smallRye =
        guard("timedAlone").withTimeout().duration(2_000, ChronoUnit.MILLIS).done().build();
    outcome(smallRye.get(() -> answering("ok")).toCompletableFuture());
    outcome(smallRye.get(CompletableFuture::new).toCompletableFuture());

    AsyncRuntime.TimedMethod ours =
        AsyncRuntime.timed(method("timedAlone"), 2_000, TimeUnit.MILLISECONDS);
    outcome(AsyncRuntime.call(pool, ours, () -> "ok"));
    outcome(
        AsyncRuntime.call(
            pool,
            ours,
            () -> {
              Thread.sleep(600_000);
              return "never";
            }));

    Map<String, Double> found = assertSameMeters("timedAlone", false);
    assertEquals(1.0, found.get("ft.timeout.calls.total{timedOut=true} Counter"));
  }

  @Test
  void circuitOpensAndRejects() throws Exception {
    TypedGuard<CompletionStage<String>> smallRye =
        guard("guarded")
            .withCircuitBreaker()
            .requestVolumeThreshold(2)
            .failureRatio(1.0)
            .delay(1, ChronoUnit.HOURS)
            .successThreshold(1)
            .done()
            .build();
    outcome(smallRye.get(() -> failing(new IOException())).toCompletableFuture());
    outcome(smallRye.get(() -> failing(new IOException())).toCompletableFuture());
    Object theirRejection = outcome(smallRye.get(() -> answering("no")).toCompletableFuture());
    assertInstanceOf(
        org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException.class,
        theirRejection);

    FaultTolerance ours =
        FaultTolerance.of(method("guarded")).circuitBreaker(2, 1.0, 1, HOURS, 1).build();
    for (int i = 0; i < 2; i++) {
      outcome(
          ours.call(
              pool,
              () -> {
                throw new IOException();
              }));
    }
    assertInstanceOf(CircuitBreakerOpenException.class, outcome(ours.call(pool, () -> "no")));

    Map<String, Double> found = assertSameMeters("guarded", false);
    assertEquals(1.0, found.get("ft.circuitbreaker.state.current{state=open} Gauge"));
  }

  @Test
  void circuitHalfOpensAndCloses() throws Exception {
    String halfOpen = "ft.circuitbreaker.state.current{state=halfOpen} Gauge";
    TypedGuard<CompletionStage<String>> smallRye =
        guard("recovering")
            .withCircuitBreaker()
            .requestVolumeThreshold(2)
            .failureRatio(1.0)
            .delay(50, ChronoUnit.MILLIS)
            .successThreshold(1)
            .done()
            .build();
    outcome(smallRye.get(() -> failing(new IOException())).toCompletableFuture());
    outcome(smallRye.get(() -> failing(new IOException())).toCompletableFuture());
    awaitTrue(
        "SmallRye's circuit half-opens",
        () -> meters(smallRyeMeters, tag("recovering")).get(halfOpen) == 1.0);
    outcome(smallRye.get(() -> answering("back")).toCompletableFuture());

    FaultTolerance ours =
        FaultTolerance.of(method("recovering")).circuitBreaker(2, 1.0, 50, MILLISECONDS, 1).build();
    for (int i = 0; i < 2; i++) {
      outcome(
          ours.call(
              pool,
              () -> {
                throw new IOException();
              }));
    }
    awaitTrue(
        "our circuit half-opens", () -> meters(ourMeters, tag("recovering")).get(halfOpen) == 1.0);
    outcome(ours.call(pool, () -> "back"));

    Map<String, Double> found = assertSameMeters("recovering", false);
    assertEquals(1.0, found.get("ft.circuitbreaker.state.current{state=closed} Gauge"));
  }

  @Test
  void bulkheadAcceptsQueuesAndRejects() throws Exception {
    TypedGuard<CompletionStage<String>> smallRye =
        guard("narrow").withBulkhead().limit(1).queueSize(1).done().build();
    CompletableFuture<String> theirBlocked = new CompletableFuture<>();
    CompletableFuture<String> theirFirst = smallRye.get(() -> theirBlocked).toCompletableFuture();
    CompletableFuture<String> theirQueued =
        smallRye.get(() -> answering("queued")).toCompletableFuture();
    assertInstanceOf(
        org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException.class,
        outcome(smallRye.get(() -> answering("rejected")).toCompletableFuture()));

    FaultTolerance ours = FaultTolerance.of(method("narrow")).bulkhead(1, 1).build();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> myFirst =
        ours.call(
            pool,
            () -> {
              release.await();
              return "first";
            });
    CompletableFuture<String> myQueued = ours.call(pool, () -> "queued");
    assertInstanceOf(BulkheadFullException.class, outcome(ours.call(pool, () -> "rejected")));

    // One running, one waiting, on both.
    Map<String, Double> during = assertSameMeters("narrow", false);
    assertEquals(1.0, during.get("ft.bulkhead.executionsRunning{} Gauge"));
    assertEquals(1.0, during.get("ft.bulkhead.executionsWaiting{} Gauge"));

    theirBlocked.complete("first");
    release.countDown();
    outcome(theirFirst);
    outcome(theirQueued);
    outcome(myFirst);
    outcome(myQueued);
    Map<String, Double> after = assertSameMeters("narrow", false);
    assertEquals(2.0, after.get("ft.bulkhead.waitingDuration{} Timer"));
    assertEquals(0.0, after.get("ft.bulkhead.executionsRunning{} Gauge"));
  }

  @Test
  void everyPolicyAtOnce() throws Exception {
    TypedGuard<CompletionStage<String>> smallRye =
        guard("everything")
            .withTimeout()
            .duration(1, ChronoUnit.HOURS)
            .done()
            .withRetry()
            .maxRetries(2)
            .jitter(0, ChronoUnit.MILLIS)
            .done()
            .withCircuitBreaker()
            .requestVolumeThreshold(10)
            .failureRatio(0.5)
            .delay(1, ChronoUnit.HOURS)
            .done()
            .withBulkhead()
            .limit(4)
            .queueSize(4)
            .done()
            .withFallback()
            .handler(failure -> answering("fallback"))
            .done()
            .build();
    AtomicInteger theirs = new AtomicInteger();
    outcome(
        smallRye
            .get(() -> theirs.incrementAndGet() == 1 ? failing(new IOException()) : answering("ok"))
            .toCompletableFuture());

    FaultTolerance ours =
        FaultTolerance.of(method("everything"))
            .timeout(1, HOURS)
            .retry(2)
            .circuitBreaker(10, 0.5, 1, HOURS, 1)
            .bulkhead(4, 4)
            .build();
    AtomicInteger mine = new AtomicInteger();
    outcome(
        ours.call(
            pool,
            () -> {
              if (mine.incrementAndGet() == 1) {
                throw new IOException();
              }
              return "ok";
            },
            failure -> "fallback"));

    Map<String, Double> found = assertSameMeters("everything", true);
    assertEquals(32, found.size(), found::toString);
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Asserts that SmallRye's meters of the method (as if annotated, see {@link #asAnnotated}) and
   * ours are the same: names, tags, types; counters and timers' counts; gauges' values; whether the
   * time gauges have counted time.
   *
   * @return our meters
   */
  private Map<String, Double> assertSameMeters(String name, boolean withFallback) {
    Map<String, Double> theirs = asAnnotated(meters(smallRyeMeters, tag(name)), withFallback);
    Map<String, Double> ours = meters(ourMeters, tag(name));
    assertEquals(theirs.keySet(), ours.keySet(), "the meters of " + name);
    assertEquals(comparable(theirs), comparable(ours), "the values of " + name);
    Map<String, String> theirUnits = MeterReading.unitsAndDescriptions(smallRyeMeters, tag(name));
    Map<String, String> ourUnits = MeterReading.unitsAndDescriptions(ourMeters, tag(name));
    // The counters asAnnotated changed have no counterpart on the other side.
    theirUnits.keySet().retainAll(ourUnits.keySet());
    ourUnits.keySet().retainAll(theirUnits.keySet());
    assertEquals(theirUnits, ourUnits, "the base units and descriptions of " + name);
    return ours;
  }

  /** The values to compare: a time gauge's by whether it has counted any time. */
  private static Map<String, Double> comparable(Map<String, Double> meters) {
    Map<String, Double> values = new TreeMap<>();
    meters.forEach(
        (meter, value) ->
            values.put(meter, meter.endsWith(" TimeGauge") ? Math.signum(value) : value));
    return values;
  }

  /**
   * SmallRye's meters as its annotations would have them: a guard with a fallback registers at the
   * first call the {@code ft.invocations.total} counters of a method without one ({@code
   * fallback=notDefined}), which stay at zero, where a method annotated {@code @Fallback} has the
   * four with {@code applied} and {@code notApplied} registered (at zero until counted).
   */
  private static Map<String, Double> asAnnotated(Map<String, Double> meters, boolean fallback) {
    if (!fallback) {
      return meters;
    }
    Map<String, Double> annotated = new TreeMap<>(meters);
    for (String result : new String[] {"exceptionThrown", "valueReturned"}) {
      String notDefined =
          "ft.invocations.total{fallback=notDefined, result=" + result + "} Counter";
      assertEquals(0.0, annotated.remove(notDefined), notDefined);
      for (String applied : new String[] {"applied", "notApplied"}) {
        annotated.putIfAbsent(
            "ft.invocations.total{fallback=" + applied + ", result=" + result + "} Counter", 0.0);
      }
    }
    return annotated;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
