package dev.asyncdsl.benchmarks;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.micrometer.AsyncMetrics;
import dev.asyncdsl.spi.CallListener;
import dev.asyncdsl.spi.CallObserver;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.faulttolerance.standalone.Configuration;
import io.smallrye.faulttolerance.standalone.MetricsAdapter;
import io.smallrye.faulttolerance.standalone.MicrometerAdapter;
import io.smallrye.faulttolerance.standalone.NoopAdapter;
import io.smallrye.faulttolerance.standalone.StandaloneFaultTolerance;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The contenders of {@link MetricsOverhead} and {@link MetricsAllocations}: one guarded call of a
 * scenario, with and without each library's Micrometer metrics, made the same way for the JMH
 * benchmark and for the exact byte count.
 *
 * <p>Scenarios: {@code plain} (a call that names its method, no policy: asyncdsl's listeners only),
 * {@code retry} (3 retries, no delay, no jitter) and {@code all} (a 10 s timeout that is never
 * reached, inside the retry, inside a circuit breaker: MicroProfile's order, retry outermost). The
 * circuit is {@link FaultToleranceOverhead}'s: for a succeeding body a window of 20 calls, ratio
 * 0.5, 5 s open, 1 trial; for a failing body a window that never fills ({@value
 * FaultToleranceOverhead#HUGE_VOLUME} calls, ratio 1.0), so it stays closed and every failure is
 * counted.
 *
 * <p>Contenders:
 *
 * <ul>
 *   <li>{@code asyncdsl}: {@link FaultTolerance#call} (a twin's call) of a method named with {@link
 *       AsyncMethod#of}, no listener registered (the setup checks there is none);
 *   <li>{@code asyncdslMetrics}: the same with {@link AsyncMetrics} bound to a {@link
 *       SimpleMeterRegistry};
 *   <li>{@code asyncdslIgnore}: a listener that counts the calls it is asked about (a plain field)
 *       and answers {@link CallObserver#IGNORE}: what hearing costs a call nobody follows;
 *   <li>{@code asyncdslEmpty}: a listener that counts them and answers one shared observer that
 *       overrides nothing: every event is told, and nothing is done with it;
 *   <li>{@code smallrye}: SmallRye Fault Tolerance's standalone {@link TypedGuard} with metrics off
 *       ({@link NoopAdapter}, no description);
 *   <li>{@code smallryeMetrics}: the same guard with a description, SmallRye configured with a
 *       {@link MicrometerAdapter} over a {@link SimpleMeterRegistry}: its MicroProfile metrics;
 *   <li>{@code resilience4j}: Resilience4j's decorators ({@link Retry}, {@link CircuitBreaker},
 *       {@link TimeLimiter}), each {@code executeCompletionStage};
 *   <li>{@code resilience4jMetrics}: the same instances taken from their registries, with {@link
 *       TaggedRetryMetrics}, {@link TaggedCircuitBreakerMetrics} and {@link
 *       TaggedTimeLimiterMetrics} bound to a {@link SimpleMeterRegistry}.
 * </ul>
 *
 * <p>Resilience4j and SmallRye guard a stage, so their body is {@code supplyAsync(body, executor)},
 * as in {@link FaultToleranceOverhead}. SmallRye is configured once per JVM ({@link
 * StandaloneFaultTolerance#configure}): {@code smallrye} and {@code smallryeMetrics} cannot share
 * one, which JMH's forks and one process per contender in {@link MetricsAllocations} ensure.
 */
final class MetricsContenders {
  private MetricsContenders() {}

  /** The contenders' names, as the benchmarks end. */
  static final String[] ALL = {
    "asyncdsl",
    "asyncdslMetrics",
    "asyncdslIgnore",
    "asyncdslEmpty",
    "smallrye",
    "smallryeMetrics",
    "resilience4j",
    "resilience4jMetrics"
  };

  /** One contender in one scenario: the guarded call, and what its metrics recorded. */
  abstract static class Contender {
    final String scenario;
    final boolean ok;

    Contender(String scenario, boolean ok) {
      this.scenario = scenario;
      this.ok = ok;
    }

    /** The call of a body that returns {@code v}. */
    abstract CompletionStage<Integer> ok(int v);

    /** The call of a body that throws {@link FaultToleranceOverhead#BOOM}. */
    abstract CompletionStage<Integer> fail(int v);

    /**
     * What the contender's metrics (or listener) recorded so far: the smallest of the counts that
     * must move, or -1 for a contender that records nothing.
     */
    abstract long recorded();

    /** Throws if the contender's state is no longer what was measured (an opened circuit). */
    void checkState() {}

    void close() {}

    /** One call, waited for: its outcome must be the body's. */
    final void callOnce() {
      CompletableFuture<Integer> f = (ok ? ok(7) : fail(7)).toCompletableFuture();
      Object outcome;
      try {
        outcome =
            f.handle((value, failure) -> failure != null ? failure : value)
                .get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(this + ": the call did not end", e);
      }
      Throwable cause = outcome instanceof Throwable t ? t : null;
      while (cause != null
          && cause.getCause() != null
          && !(cause instanceof FaultToleranceOverhead.Boom)) {
        cause = cause.getCause();
      }
      boolean right =
          ok ? Integer.valueOf(7).equals(outcome) : cause instanceof FaultToleranceOverhead.Boom;
      if (!right) {
        throw new IllegalStateException(this + ": unexpected outcome " + outcome);
      }
    }

    /**
     * Makes one call and checks that the metrics moved: nobody measures a path whose metrics are
     * off.
     */
    final void checkRecords() {
      long before = recorded();
      callOnce();
      long after = recorded();
      if (before >= 0 && after <= before) {
        throw new IllegalStateException(this + " recorded nothing: " + before + " -> " + after);
      }
    }

    @Override
    public String toString() {
      return scenario + "_" + (ok ? "ok" : "fail") + "_" + getClass().getSimpleName();
    }
  }

  /**
   * Makes contender {@code name} for {@code scenario}.
   *
   * @param name one of {@link #ALL}
   * @param scenario {@code plain}, {@code retry} or {@code all}
   * @param ok whether the body will succeed (chooses the circuit's window)
   * @param exec where the body runs
   * @param scheduler Resilience4j's scheduler (retry, time limiter)
   */
  static Contender make(
      String name, String scenario, boolean ok, Executor exec, ScheduledExecutorService scheduler) {
    Contender c;
    switch (name) {
      case "asyncdsl":
        c = new Asyncdsl(scenario, ok, exec, null);
        break;
      case "asyncdslMetrics":
        c = new AsyncdslMetrics(scenario, ok, exec);
        break;
      case "asyncdslIgnore":
        c = new Asyncdsl(scenario, ok, exec, new CountingListener(CallObserver.IGNORE));
        break;
      case "asyncdslEmpty":
        c = new Asyncdsl(scenario, ok, exec, new CountingListener(new CallObserver() {}));
        break;
      case "smallrye":
        c = new SmallRye(scenario, ok, exec, false);
        break;
      case "smallryeMetrics":
        c = new SmallRye(scenario, ok, exec, true);
        break;
      case "resilience4j":
        c = new Resilience4j(scenario, ok, exec, scheduler, false);
        break;
      case "resilience4jMetrics":
        c = new Resilience4j(scenario, ok, exec, scheduler, true);
        break;
      default:
        throw new IllegalArgumentException("no contender " + name);
    }
    try {
      c.checkRecords();
    } catch (RuntimeException | Error e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** The method a scenario's calls are of, as a twin names it. */
  static AsyncMethod method(String scenario, boolean ok) {
    String name = scenario + (ok ? "Ok" : "Fail");
    return AsyncMethod.of(
        MetricsOverhead.class.getName(),
        name,
        MetricsOverhead.class.getSimpleName() + "." + name + "()");
  }

  static void requireScenario(String scenario, boolean plainToo) {
    if (!scenario.equals("retry")
        && !scenario.equals("all")
        && !(plainToo && scenario.equals("plain"))) {
      throw new IllegalArgumentException("no scenario " + scenario + " for this contender");
    }
  }

  // --- asyncdsl -----------------------------------------------------------------------------

  static FaultTolerance policies(String scenario, boolean ok) {
    FaultTolerance.Builder b = FaultTolerance.of(method(scenario, ok));
    if (scenario.equals("all")) {
      b.timeout(10, TimeUnit.SECONDS);
      if (ok) {
        b.circuitBreaker(20, 0.5, 5, TimeUnit.SECONDS, 1);
      } else {
        b.circuitBreaker(FaultToleranceOverhead.HUGE_VOLUME, 1.0, 1, TimeUnit.HOURS, 1);
      }
    }
    return b.retry(3).retryDelay(0, TimeUnit.MILLISECONDS).build();
  }

  /** Counts, in a plain field, the calls it is asked about; answers one observer for all. */
  static final class CountingListener implements CallListener {
    final CallObserver observer;
    long asked;

    CountingListener(CallObserver observer) {
      this.observer = observer;
    }

    @Override
    public CallObserver callStarted(AsyncMethod method, FaultTolerance policies, boolean fallback) {
      asked++;
      return observer;
    }
  }

  static void requireNoListener() {
    if (!CallListener.registered().isEmpty()) {
      throw new IllegalStateException(
          "listeners are registered (" + CallListener.registered() + "): the baseline is void");
    }
  }

  static final class Asyncdsl extends Contender {
    final Executor exec;
    final AsyncMethod method;
    final FaultTolerance ft;
    final CountingListener listener;

    Asyncdsl(String scenario, boolean ok, Executor exec, CountingListener listener) {
      super(scenario, ok);
      requireScenario(scenario, true);
      this.exec = exec;
      this.method = method(scenario, ok);
      this.ft = scenario.equals("plain") ? null : policies(scenario, ok);
      this.listener = listener;
      requireNoListener();
      if (listener != null) {
        CallListener.register(listener);
      }
    }

    @Override
    CompletionStage<Integer> ok(int v) {
      return ft == null
          ? AsyncRuntime.call(exec, method, () -> FaultToleranceOverhead.echo(v))
          : ft.call(exec, () -> FaultToleranceOverhead.echo(v));
    }

    @Override
    CompletionStage<Integer> fail(int v) {
      return ft == null
          ? AsyncRuntime.call(exec, method, () -> FaultToleranceOverhead.fail(v))
          : ft.call(exec, () -> FaultToleranceOverhead.fail(v));
    }

    @Override
    long recorded() {
      return listener == null ? -1 : listener.asked;
    }

    @Override
    void checkState() {
      if (ft != null && ft.circuitState() != FaultTolerance.CircuitState.CLOSED) {
        throw new IllegalStateException(this + ": the circuit opened, the figures are void");
      }
    }

    @Override
    void close() {
      if (listener != null) {
        CallListener.unregister(listener);
      }
    }
  }

  /** asyncdsl's binder: {@code new AsyncMetrics().bindTo(registry)}, {@code close()} to stop. */
  static final class AsyncdslMetrics extends Contender {
    final Executor exec;
    final FaultTolerance ft;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AsyncMetrics metrics;

    AsyncdslMetrics(String scenario, boolean ok, Executor exec) {
      super(scenario, ok);
      requireScenario(scenario, false);
      this.exec = exec;
      this.ft = policies(scenario, ok);
      requireNoListener();
      metrics = new AsyncMetrics();
      metrics.bindTo(registry);
      if (CallListener.registered().size() != 1) {
        throw new IllegalStateException(
            "AsyncMetrics registered no listener: " + CallListener.registered());
      }
    }

    @Override
    CompletionStage<Integer> ok(int v) {
      return ft.call(exec, () -> FaultToleranceOverhead.echo(v));
    }

    @Override
    CompletionStage<Integer> fail(int v) {
      return ft.call(exec, () -> FaultToleranceOverhead.fail(v));
    }

    @Override
    long recorded() {
      return Math.min(
          invocations(registry, ft.asyncMethod().qualifiedName()),
          retries(registry, ft.asyncMethod().qualifiedName()));
    }

    @Override
    void checkState() {
      if (ft.circuitState() != FaultTolerance.CircuitState.CLOSED) {
        throw new IllegalStateException(this + ": the circuit opened, the figures are void");
      }
    }

    @Override
    void close() {
      metrics.close();
    }
  }

  /** {@code ft.invocations.total} of {@code method}, every outcome. */
  static long invocations(MeterRegistry registry, String method) {
    return (long)
        registry.find("ft.invocations.total").tag("method", method).counters().stream()
            .mapToDouble(Counter::count)
            .sum();
  }

  /** {@code ft.retry.calls.total} of {@code method}, every outcome. */
  static long retries(MeterRegistry registry, String method) {
    return (long)
        registry.find("ft.retry.calls.total").tag("method", method).counters().stream()
            .mapToDouble(Counter::count)
            .sum();
  }

  // --- SmallRye -----------------------------------------------------------------------------

  private static Boolean smallRyeMetrics;
  private static SimpleMeterRegistry smallRyeRegistry;

  /** Configures SmallRye once for this JVM, with metrics or without; the registry or null. */
  static synchronized SimpleMeterRegistry configureSmallRye(boolean metrics) {
    if (smallRyeMetrics != null) {
      if (smallRyeMetrics != metrics) {
        throw new IllegalStateException(
            "SmallRye is configured once per JVM: smallrye and smallryeMetrics need a process each");
      }
      return smallRyeRegistry;
    }
    SimpleMeterRegistry registry = metrics ? new SimpleMeterRegistry() : null;
    MetricsAdapter adapter = metrics ? new MicrometerAdapter(registry) : NoopAdapter.INSTANCE;
    ExecutorService pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "smallrye-ft");
              t.setDaemon(true);
              return t;
            });
    try {
      StandaloneFaultTolerance.configure(
          new Configuration() {
            @Override
            public ExecutorService executor() {
              return pool;
            }

            @Override
            public MetricsAdapter metricsAdapter() {
              return adapter;
            }

            @Override
            public void onShutdown() {
              pool.shutdownNow();
            }
          });
    } catch (IllegalStateException used) {
      throw new IllegalStateException(
          "SmallRye was configured before this contender: run it in a JVM of its own", used);
    }
    smallRyeMetrics = metrics;
    smallRyeRegistry = registry;
    return registry;
  }

  static final class SmallRye extends Contender {
    final Executor exec;
    final TypedGuard<CompletionStage<Integer>> guard;
    final SimpleMeterRegistry registry;
    final String description;
    int transitions;

    SmallRye(String scenario, boolean ok, Executor exec, boolean metrics) {
      super(scenario, ok);
      requireScenario(scenario, false);
      this.exec = exec;
      this.registry = configureSmallRye(metrics);
      this.description = method(scenario, ok).qualifiedName();
      TypedGuard.Builder<CompletionStage<Integer>> b =
          TypedGuard.create(new TypeLiteral<CompletionStage<Integer>>() {});
      if (metrics) {
        // SmallRye records the metrics of a guard that has a description, and of no other.
        b.withDescription(description);
      }
      if (scenario.equals("all")) {
        b.withTimeout().duration(10, ChronoUnit.SECONDS).done();
        b.withCircuitBreaker()
            .requestVolumeThreshold(ok ? 20 : FaultToleranceOverhead.HUGE_VOLUME)
            .failureRatio(ok ? 0.5 : 1.0)
            .delay(ok ? 5 : 3600, ChronoUnit.SECONDS)
            .successThreshold(1)
            .onStateChange(state -> transitions++)
            .done();
      }
      b.withRetry().maxRetries(3).delay(0, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS).done();
      guard = b.build();
    }

    @Override
    CompletionStage<Integer> ok(int v) {
      return guard.get(
          () -> CompletableFuture.supplyAsync(() -> FaultToleranceOverhead.echo(v), exec));
    }

    @Override
    CompletionStage<Integer> fail(int v) {
      return guard.get(
          () -> CompletableFuture.supplyAsync(() -> FaultToleranceOverhead.fail(v), exec));
    }

    @Override
    long recorded() {
      return registry == null
          ? -1
          : Math.min(invocations(registry, description), retries(registry, description));
    }

    @Override
    void checkState() {
      if (transitions != 0) {
        throw new IllegalStateException(this + ": the circuit opened, the figures are void");
      }
    }
  }

  // --- Resilience4j -------------------------------------------------------------------------

  static final class Resilience4j extends Contender {
    final Executor exec;
    final ScheduledExecutorService scheduler;
    final Retry retry;
    final CircuitBreaker circuit;
    final TimeLimiter timeLimiter;
    final SimpleMeterRegistry registry;

    Resilience4j(
        String scenario,
        boolean ok,
        Executor exec,
        ScheduledExecutorService scheduler,
        boolean metrics) {
      super(scenario, ok);
      requireScenario(scenario, false);
      this.exec = exec;
      this.scheduler = scheduler;
      String name = method(scenario, ok).methodName();
      RetryConfig retryConfig =
          RetryConfig.custom().maxAttempts(4).waitDuration(Duration.ZERO).build();
      boolean all = scenario.equals("all");
      CircuitBreakerConfig circuitConfig =
          ok
              ? CircuitBreakerConfig.custom()
                  .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                  .slidingWindowSize(20)
                  .minimumNumberOfCalls(20)
                  .failureRateThreshold(50)
                  .waitDurationInOpenState(Duration.ofSeconds(5))
                  .permittedNumberOfCallsInHalfOpenState(1)
                  .build()
              : CircuitBreakerConfig.custom()
                  .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                  .slidingWindowSize(3600)
                  .minimumNumberOfCalls(FaultToleranceOverhead.HUGE_VOLUME)
                  .failureRateThreshold(100)
                  .waitDurationInOpenState(Duration.ofHours(1))
                  .permittedNumberOfCallsInHalfOpenState(1)
                  .build();
      TimeLimiterConfig timeConfig =
          TimeLimiterConfig.custom()
              .timeoutDuration(Duration.ofSeconds(10))
              .cancelRunningFuture(true)
              .build();
      if (metrics) {
        registry = new SimpleMeterRegistry();
        RetryRegistry retries = RetryRegistry.of(retryConfig);
        retry = retries.retry(name);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
        if (all) {
          CircuitBreakerRegistry circuits = CircuitBreakerRegistry.of(circuitConfig);
          circuit = circuits.circuitBreaker(name);
          TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuits).bindTo(registry);
          TimeLimiterRegistry limiters = TimeLimiterRegistry.of(timeConfig);
          timeLimiter = limiters.timeLimiter(name);
          TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(limiters).bindTo(registry);
        } else {
          circuit = null;
          timeLimiter = null;
        }
      } else {
        registry = null;
        retry = Retry.of(name, retryConfig);
        circuit = all ? CircuitBreaker.of(name, circuitConfig) : null;
        timeLimiter = all ? TimeLimiter.of(name, timeConfig) : null;
      }
    }

    @Override
    CompletionStage<Integer> ok(int v) {
      if (circuit == null) {
        return retry.executeCompletionStage(
            scheduler,
            () -> CompletableFuture.supplyAsync(() -> FaultToleranceOverhead.echo(v), exec));
      }
      return retry.executeCompletionStage(
          scheduler,
          () ->
              circuit.executeCompletionStage(
                  () ->
                      timeLimiter.executeCompletionStage(
                          scheduler,
                          () ->
                              CompletableFuture.supplyAsync(
                                  () -> FaultToleranceOverhead.echo(v), exec))));
    }

    @Override
    CompletionStage<Integer> fail(int v) {
      if (circuit == null) {
        return retry.executeCompletionStage(
            scheduler,
            () -> CompletableFuture.supplyAsync(() -> FaultToleranceOverhead.fail(v), exec));
      }
      return retry.executeCompletionStage(
          scheduler,
          () ->
              circuit.executeCompletionStage(
                  () ->
                      timeLimiter.executeCompletionStage(
                          scheduler,
                          () ->
                              CompletableFuture.supplyAsync(
                                  () -> FaultToleranceOverhead.fail(v), exec))));
    }

    @Override
    long recorded() {
      if (registry == null) {
        return -1;
      }
      // The retry's counters are functions of Retry.Metrics; the circuit's timers and the time
      // limiter's counters are fed by the event consumers the binders add.
      long calls =
          (long)
              registry.find("resilience4j.retry.calls").functionCounters().stream()
                  .mapToDouble(FunctionCounter::count)
                  .sum();
      if (circuit == null) {
        return calls;
      }
      long circuitCalls =
          registry.find("resilience4j.circuitbreaker.calls").timers().stream()
              .mapToLong(Timer::count)
              .sum();
      long limited =
          (long)
              registry.find("resilience4j.timelimiter.calls").counters().stream()
                  .mapToDouble(Counter::count)
                  .sum();
      return Math.min(calls, Math.min(circuitCalls, limited));
    }

    @Override
    void checkState() {
      if (circuit != null && circuit.getState() != CircuitBreaker.State.CLOSED) {
        throw new IllegalStateException(this + ": the circuit opened, the figures are void");
      }
    }
  }
}
