package dev.asyncdsl.benchmarks;

import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.CircuitBreakerOpenException;
import dev.asyncdsl.FaultTolerance;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One guarded call and its outcome, per policy, for a body that returns and for one that throws:
 * asyncdsl's {@link FaultTolerance#call} (exactly what a twin under that policy calls) against
 * Resilience4j's decorators and SmallRye Fault Tolerance's standalone {@link TypedGuard}, all in
 * the same asynchronous shape: the guarded thing is a {@link CompletionStage} of the body run on
 * the same executor ({@code CompletableFuture.supplyAsync(body, executor)} for the other two, which
 * guard stages, not blocking bodies).
 *
 * <p>Names are {@code policy_outcome_contender}: policies {@code none} (the plain call: {@code
 * AsyncRuntime.call} and {@code supplyAsync}), {@code retry}, {@code circuit}, {@code bulkhead},
 * {@code timeout}, and {@code open} (a circuit held open: every call rejected); outcomes {@code ok}
 * (the body returns) and {@code fail} (it throws a preallocated exception without a stack trace).
 * Every contender is configured alike:
 *
 * <ul>
 *   <li>retry: 3 retries (4 attempts for a failing body), no delay, no jitter;
 *   <li>circuit, succeeding: a window of 20 calls, opening at a failure ratio of 0.5, 5 s open, 1
 *       trial; failing: a window so large ({@value #HUGE_VOLUME} calls) that it never fills during
 *       a run, ratio 1.0, so the circuit stays closed and every failure is recorded (Resilience4j
 *       caps a count-based window's minimum number of calls at the window's size, and a window of
 *       that size is 268 million objects there, so its failing case uses a one-hour time-based
 *       window with that minimum); the teardown checks that no circuit opened;
 *   <li>open: a circuit with a window of one call that one failing call in the setup opened, for an
 *       hour; Resilience4j with {@code writableStackTraceEnabled(false)}, its best case (asyncdsl's
 *       exceptions never have a stack trace; SmallRye's always do);
 *   <li>bulkhead: 10 calls at once, a queue of 10 (Resilience4j's semaphore bulkhead: 10, no wait);
 *       one caller, so a slot is always free;
 *   <li>timeout: 10 s, never reached (armed and disarmed on every call).
 * </ul>
 *
 * <p>Every call's body is a fresh lambda capturing the argument, as a twin's is. The outcome is
 * read without allocating ({@code resultNow}/{@code exceptionNow} on JDK 19+, through a method
 * handle so this compiles for 17), so a failing call costs no {@code CompletionException} the
 * contender did not make itself. Run with {@code -prof gc} for bytes per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class FaultToleranceOverhead {
  /** The failing circuits' window: more calls than a run makes, so they stay closed. */
  static final int HUGE_VOLUME = 1 << 28;

  /** What the failing body throws: made once, no stack trace. */
  static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom() {
      super("boom", null, false, false);
    }
  }

  static final Boom BOOM = new Boom();

  /**
   * {@code inline} runs the body on the caller's thread ({@code Runnable::run}): only the policies'
   * own cost. {@code virtual} is {@link AsyncRuntime#defaultExecutor()} (JDK 21+).
   */
  @Param({"inline"})
  public String executor;

  int x = 42;
  Executor exec;
  ScheduledExecutorService scheduler;

  FaultTolerance ftRetry;
  FaultTolerance ftCircuit;
  FaultTolerance ftBulkhead;
  FaultTolerance ftTimeout;

  Retry r4jRetry;
  CircuitBreaker r4jCircuit;
  Bulkhead r4jBulkhead;
  TimeLimiter r4jTimeLimiter;

  TypedGuard<CompletionStage<Integer>> srRetry;
  TypedGuard<CompletionStage<Integer>> srCircuit;
  TypedGuard<CompletionStage<Integer>> srBulkhead;
  TypedGuard<CompletionStage<Integer>> srTimeout;

  static TypedGuard.Builder<CompletionStage<Integer>> guard() {
    return TypedGuard.create(new TypeLiteral<CompletionStage<Integer>>() {});
  }

  @Setup
  public void setUp() {
    exec = BenchExecutors.of(executor);
    scheduler = Executors.newSingleThreadScheduledExecutor();

    ftRetry =
        FaultTolerance.of("Bench.retry()").retry(3).retryDelay(0, TimeUnit.MILLISECONDS).build();
    ftCircuit =
        FaultTolerance.of("Bench.circuit()")
            .circuitBreaker(20, 0.5, 5, TimeUnit.SECONDS, 1)
            .build();
    ftBulkhead = FaultTolerance.of("Bench.bulkhead()").bulkhead(10, 10).build();
    ftTimeout = FaultTolerance.of("Bench.timeout()").timeout(10, TimeUnit.SECONDS).build();

    r4jRetry =
        Retry.of("retry", RetryConfig.custom().maxAttempts(4).waitDuration(Duration.ZERO).build());
    r4jCircuit =
        CircuitBreaker.of(
            "circuit",
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(20)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    r4jBulkhead =
        Bulkhead.of(
            "bulkhead",
            BulkheadConfig.custom().maxConcurrentCalls(10).maxWaitDuration(Duration.ZERO).build());
    r4jTimeLimiter =
        TimeLimiter.of(
            TimeLimiterConfig.custom()
                .timeoutDuration(Duration.ofSeconds(10))
                .cancelRunningFuture(true)
                .build());

    srRetry =
        guard()
            .withRetry()
            .maxRetries(3)
            .delay(0, ChronoUnit.MILLIS)
            .jitter(0, ChronoUnit.MILLIS)
            .done()
            .build();
    srCircuit =
        guard()
            .withCircuitBreaker()
            .requestVolumeThreshold(20)
            .failureRatio(0.5)
            .delay(5, ChronoUnit.SECONDS)
            .successThreshold(1)
            .done()
            .build();
    srBulkhead = guard().withBulkhead().limit(10).queueSize(10).done().build();
    srTimeout = guard().withTimeout().duration(10, ChronoUnit.SECONDS).done().build();
  }

  @TearDown
  public void tearDown() {
    scheduler.shutdownNow();
    BenchExecutors.release(exec);
  }

  // --- reading an outcome without allocating ------------------------------------------------

  private static final MethodHandle RESULT_NOW;
  private static final MethodHandle EXCEPTION_NOW;

  static {
    MethodHandle result = null;
    MethodHandle exception = null;
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      result =
          lookup.findVirtual(
              CompletableFuture.class, "resultNow", MethodType.methodType(Object.class));
      exception =
          lookup.findVirtual(
              CompletableFuture.class, "exceptionNow", MethodType.methodType(Throwable.class));
    } catch (ReflectiveOperationException jdk17) {
      // handled in consume(): JDK 17 reads through handle(), one dependent more per call
    }
    RESULT_NOW = result;
    EXCEPTION_NOW = exception;
  }

  /** Waits for the outcome (on the inline executor it is there already) and consumes it. */
  static void consume(CompletionStage<?> stage, Blackhole bh) {
    CompletableFuture<?> f = stage.toCompletableFuture();
    if (!f.isDone()) {
      for (int spins = 0; !f.isDone() && spins < 1_000; spins++) {
        Thread.onSpinWait();
      }
      if (!f.isDone()) {
        try {
          f.get();
        } catch (Exception outcome) {
          // read below
        }
      }
    }
    try {
      if (RESULT_NOW == null) {
        bh.consume(f.handle((value, failure) -> failure != null ? failure : value).getNow(null));
      } else if (f.isCompletedExceptionally()) {
        bh.consume((Throwable) EXCEPTION_NOW.invokeExact(f));
      } else {
        bh.consume((Object) RESULT_NOW.invokeExact(f));
      }
    } catch (Throwable unexpected) {
      throw new AssertionError(unexpected);
    }
  }

  static int echo(int v) {
    return v;
  }

  static int fail(int v) {
    throw BOOM;
  }

  // --- no policy ----------------------------------------------------------------------------

  @Benchmark
  public void none_ok_asyncdsl(Blackhole bh) {
    int v = x;
    consume(AsyncRuntime.call(exec, () -> echo(v)), bh);
  }

  @Benchmark
  public void none_ok_supplyAsync(Blackhole bh) {
    int v = x;
    consume(CompletableFuture.supplyAsync(() -> echo(v), exec), bh);
  }

  @Benchmark
  public void none_fail_asyncdsl(Blackhole bh) {
    int v = x;
    consume(AsyncRuntime.call(exec, () -> fail(v)), bh);
  }

  @Benchmark
  public void none_fail_supplyAsync(Blackhole bh) {
    int v = x;
    consume(CompletableFuture.supplyAsync(() -> fail(v), exec), bh);
  }

  // --- retry --------------------------------------------------------------------------------

  @Benchmark
  public void retry_ok_asyncdsl(Blackhole bh) {
    int v = x;
    consume(ftRetry.call(exec, () -> echo(v)), bh);
  }

  @Benchmark
  public void retry_ok_resilience4j(Blackhole bh) {
    int v = x;
    consume(
        r4jRetry.executeCompletionStage(
            scheduler, () -> CompletableFuture.supplyAsync(() -> echo(v), exec)),
        bh);
  }

  @Benchmark
  public void retry_ok_smallrye(Blackhole bh) {
    int v = x;
    consume(srRetry.get(() -> CompletableFuture.supplyAsync(() -> echo(v), exec)), bh);
  }

  @Benchmark
  public void retry_fail_asyncdsl(Blackhole bh) {
    int v = x;
    consume(ftRetry.call(exec, () -> fail(v)), bh);
  }

  @Benchmark
  public void retry_fail_resilience4j(Blackhole bh) {
    int v = x;
    consume(
        r4jRetry.executeCompletionStage(
            scheduler, () -> CompletableFuture.supplyAsync(() -> fail(v), exec)),
        bh);
  }

  @Benchmark
  public void retry_fail_smallrye(Blackhole bh) {
    int v = x;
    consume(srRetry.get(() -> CompletableFuture.supplyAsync(() -> fail(v), exec)), bh);
  }

  // --- circuit breaker, closed --------------------------------------------------------------

  @Benchmark
  public void circuit_ok_asyncdsl(Blackhole bh) {
    int v = x;
    consume(ftCircuit.call(exec, () -> echo(v)), bh);
  }

  @Benchmark
  public void circuit_ok_resilience4j(Blackhole bh) {
    int v = x;
    consume(
        r4jCircuit.executeCompletionStage(() -> CompletableFuture.supplyAsync(() -> echo(v), exec)),
        bh);
  }

  @Benchmark
  public void circuit_ok_smallrye(Blackhole bh) {
    int v = x;
    consume(srCircuit.get(() -> CompletableFuture.supplyAsync(() -> echo(v), exec)), bh);
  }

  /**
   * The failing circuits: a window that never fills, so every failure is counted and none opens.
   */
  @State(Scope.Benchmark)
  public static class AsyncdslBigCircuit {
    FaultTolerance ft;

    @Setup
    public void setUp() {
      ft =
          FaultTolerance.of("Bench.failingCircuit()")
              .circuitBreaker(HUGE_VOLUME, 1.0, 1, TimeUnit.HOURS, 1)
              .build();
    }

    @TearDown
    public void check() {
      if (ft.circuitState() != FaultTolerance.CircuitState.CLOSED) {
        throw new IllegalStateException("the failing circuit opened: the figures are void");
      }
    }
  }

  /** See {@link AsyncdslBigCircuit}. */
  @State(Scope.Benchmark)
  public static class Resilience4jBigCircuit {
    CircuitBreaker cb;

    @Setup
    public void setUp() {
      cb =
          CircuitBreaker.of(
              "failingCircuit",
              CircuitBreakerConfig.custom()
                  .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                  .slidingWindowSize(3600)
                  .minimumNumberOfCalls(HUGE_VOLUME)
                  .failureRateThreshold(100)
                  .waitDurationInOpenState(Duration.ofHours(1))
                  .permittedNumberOfCallsInHalfOpenState(1)
                  .build());
    }

    @TearDown
    public void check() {
      if (cb.getState() != CircuitBreaker.State.CLOSED) {
        throw new IllegalStateException("the failing circuit opened: the figures are void");
      }
    }
  }

  /** See {@link AsyncdslBigCircuit}. */
  @State(Scope.Benchmark)
  public static class SmallRyeBigCircuit {
    TypedGuard<CompletionStage<Integer>> guard;
    int opened;

    @Setup
    public void setUp() {
      guard =
          guard()
              .withCircuitBreaker()
              .requestVolumeThreshold(HUGE_VOLUME)
              .failureRatio(1.0)
              .delay(1, ChronoUnit.HOURS)
              .successThreshold(1)
              .onStateChange(state -> opened++)
              .done()
              .build();
    }

    @TearDown
    public void check() {
      if (opened != 0) {
        throw new IllegalStateException("the failing circuit opened: the figures are void");
      }
    }
  }

  @Benchmark
  public void circuit_fail_asyncdsl(AsyncdslBigCircuit s, Blackhole bh) {
    int v = x;
    consume(s.ft.call(exec, () -> fail(v)), bh);
  }

  @Benchmark
  public void circuit_fail_resilience4j(Resilience4jBigCircuit s, Blackhole bh) {
    int v = x;
    consume(
        s.cb.executeCompletionStage(() -> CompletableFuture.supplyAsync(() -> fail(v), exec)), bh);
  }

  @Benchmark
  public void circuit_fail_smallrye(SmallRyeBigCircuit s, Blackhole bh) {
    int v = x;
    consume(s.guard.get(() -> CompletableFuture.supplyAsync(() -> fail(v), exec)), bh);
  }

  // --- circuit breaker, open ----------------------------------------------------------------

  /** Circuits that one failing call opened for an hour: every call is rejected. */
  @State(Scope.Benchmark)
  public static class OpenCircuits {
    FaultTolerance ft;
    CircuitBreaker r4j;
    TypedGuard<CompletionStage<Integer>> smallrye;

    @Setup
    public void setUp() {
      Executor inline = Runnable::run;
      ft = FaultTolerance.of("Bench.open()").circuitBreaker(1, 1.0, 1, TimeUnit.HOURS, 1).build();
      ft.call(inline, () -> fail(0)).handle((v, t) -> t).join();
      if (ft.circuitState() != FaultTolerance.CircuitState.OPEN) {
        throw new IllegalStateException("asyncdsl's circuit did not open");
      }
      r4j =
          CircuitBreaker.of(
              "open",
              CircuitBreakerConfig.custom()
                  .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                  .slidingWindowSize(1)
                  .minimumNumberOfCalls(1)
                  .failureRateThreshold(100)
                  .waitDurationInOpenState(Duration.ofHours(1))
                  .permittedNumberOfCallsInHalfOpenState(1)
                  .writableStackTraceEnabled(false)
                  .build());
      r4j.executeCompletionStage(() -> CompletableFuture.supplyAsync(() -> fail(0), inline))
          .handle((v, t) -> t)
          .toCompletableFuture()
          .join();
      if (r4j.getState() != CircuitBreaker.State.OPEN) {
        throw new IllegalStateException("Resilience4j's circuit did not open: " + r4j.getState());
      }
      smallrye =
          guard()
              .withCircuitBreaker()
              .requestVolumeThreshold(1)
              .failureRatio(1.0)
              .delay(1, ChronoUnit.HOURS)
              .successThreshold(1)
              .done()
              .build();
      smallrye
          .get(() -> CompletableFuture.supplyAsync(() -> fail(0), inline))
          .handle((v, t) -> t)
          .toCompletableFuture()
          .join();
      Throwable rejected =
          smallrye
              .get(() -> CompletableFuture.supplyAsync(() -> echo(0), inline))
              .handle((v, t) -> t)
              .toCompletableFuture()
              .join();
      if (!(rejected
          instanceof
          org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException)) {
        throw new IllegalStateException("SmallRye's circuit did not open: " + rejected);
      }
      Throwable r4jRejected =
          r4j.executeCompletionStage(() -> CompletableFuture.supplyAsync(() -> echo(0), inline))
              .handle((v, t) -> t)
              .toCompletableFuture()
              .join();
      if (!(r4jRejected instanceof CallNotPermittedException)) {
        throw new IllegalStateException("Resilience4j did not reject: " + r4jRejected);
      }
      Throwable ftRejected = ft.call(inline, () -> echo(0)).handle((v, t) -> t).join();
      if (!(ftRejected instanceof CircuitBreakerOpenException)) {
        throw new IllegalStateException("asyncdsl did not reject: " + ftRejected);
      }
    }
  }

  @Benchmark
  public void open_ok_asyncdsl(OpenCircuits s, Blackhole bh) {
    int v = x;
    consume(s.ft.call(exec, () -> echo(v)), bh);
  }

  @Benchmark
  public void open_ok_resilience4j(OpenCircuits s, Blackhole bh) {
    int v = x;
    consume(
        s.r4j.executeCompletionStage(() -> CompletableFuture.supplyAsync(() -> echo(v), exec)), bh);
  }

  @Benchmark
  public void open_ok_smallrye(OpenCircuits s, Blackhole bh) {
    int v = x;
    consume(s.smallrye.get(() -> CompletableFuture.supplyAsync(() -> echo(v), exec)), bh);
  }

  /**
   * The exception an open asyncdsl circuit fails with, made alone (through its package-private
   * constructor): the yardstick of the goal "allocates no more than the exception".
   */
  private static final MethodHandle NEW_OPEN_EXCEPTION;

  static {
    try {
      Constructor<CircuitBreakerOpenException> c =
          CircuitBreakerOpenException.class.getDeclaredConstructor(String.class);
      c.setAccessible(true);
      NEW_OPEN_EXCEPTION = MethodHandles.lookup().unreflectConstructor(c);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Benchmark
  public void open_exceptionAlone_asyncdsl(Blackhole bh) throws Throwable {
    bh.consume((CircuitBreakerOpenException) NEW_OPEN_EXCEPTION.invokeExact("Bench.open()"));
  }

  // --- bulkhead -----------------------------------------------------------------------------

  @Benchmark
  public void bulkhead_ok_asyncdsl(Blackhole bh) {
    int v = x;
    consume(ftBulkhead.call(exec, () -> echo(v)), bh);
  }

  @Benchmark
  public void bulkhead_ok_resilience4j(Blackhole bh) {
    int v = x;
    consume(
        r4jBulkhead.executeCompletionStage(
            () -> CompletableFuture.supplyAsync(() -> echo(v), exec)),
        bh);
  }

  @Benchmark
  public void bulkhead_ok_smallrye(Blackhole bh) {
    int v = x;
    consume(srBulkhead.get(() -> CompletableFuture.supplyAsync(() -> echo(v), exec)), bh);
  }

  @Benchmark
  public void bulkhead_fail_asyncdsl(Blackhole bh) {
    int v = x;
    consume(ftBulkhead.call(exec, () -> fail(v)), bh);
  }

  @Benchmark
  public void bulkhead_fail_resilience4j(Blackhole bh) {
    int v = x;
    consume(
        r4jBulkhead.executeCompletionStage(
            () -> CompletableFuture.supplyAsync(() -> fail(v), exec)),
        bh);
  }

  @Benchmark
  public void bulkhead_fail_smallrye(Blackhole bh) {
    int v = x;
    consume(srBulkhead.get(() -> CompletableFuture.supplyAsync(() -> fail(v), exec)), bh);
  }

  // --- timeout ------------------------------------------------------------------------------

  @Benchmark
  public void timeout_ok_asyncdsl(Blackhole bh) {
    int v = x;
    consume(ftTimeout.call(exec, () -> echo(v)), bh);
  }

  @Benchmark
  public void timeout_ok_resilience4j(Blackhole bh) {
    int v = x;
    consume(
        r4jTimeLimiter.executeCompletionStage(
            scheduler, () -> CompletableFuture.supplyAsync(() -> echo(v), exec)),
        bh);
  }

  @Benchmark
  public void timeout_ok_smallrye(Blackhole bh) {
    int v = x;
    consume(srTimeout.get(() -> CompletableFuture.supplyAsync(() -> echo(v), exec)), bh);
  }

  @Benchmark
  public void timeout_fail_asyncdsl(Blackhole bh) {
    int v = x;
    consume(ftTimeout.call(exec, () -> fail(v)), bh);
  }

  @Benchmark
  public void timeout_fail_resilience4j(Blackhole bh) {
    int v = x;
    consume(
        r4jTimeLimiter.executeCompletionStage(
            scheduler, () -> CompletableFuture.supplyAsync(() -> fail(v), exec)),
        bh);
  }

  @Benchmark
  public void timeout_fail_smallrye(Blackhole bh) {
    int v = x;
    consume(srTimeout.get(() -> CompletableFuture.supplyAsync(() -> fail(v), exec)), bh);
  }
}
