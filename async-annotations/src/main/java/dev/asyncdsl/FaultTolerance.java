package dev.asyncdsl;

import dev.asyncdsl.internal.config.Member;
import dev.asyncdsl.internal.config.Overrides;
import dev.asyncdsl.internal.config.Policy;
import dev.asyncdsl.internal.config.Sources;
import dev.asyncdsl.internal.event.Listeners;
import dev.asyncdsl.internal.policy.BulkheadSlots;
import dev.asyncdsl.internal.policy.Circuit;
import dev.asyncdsl.internal.policy.Policies;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The fault-tolerance policies of one method: {@link Timeout}, {@link Retry}, {@link Fallback},
 * {@link CircuitBreaker} and {@link Bulkhead}, with the state the last two keep. Twins keep one per
 * method in a constant, made from the method's annotations at compile time; it can be built by hand
 * the same way ({@link #of}).
 *
 * <p><b>Entry point: what generated twins call</b> for a method with policies (one of the two, with
 * {@link AsyncRuntime}): {@link #of} and the {@link Builder}, {@link #in}, and {@code call}, {@code
 * run} and {@code relay} with their nested {@link ValueFallback} and {@link VoidFallback}. Their
 * names and signatures are stable. This class is the facade; the plan of the policies and the calls
 * made under them are in {@code dev.asyncdsl.internal.policy}, which the module does not export.
 *
 * <p>The policies wrap the method in a fixed order, as in MicroProfile Fault Tolerance:
 *
 * <pre>
 * Fallback( Retry( CircuitBreaker( Timeout( Bulkhead( method )))))
 * </pre>
 *
 * A {@link Timeout} bounds each attempt; a deadline the call inherits from the method that made it
 * bounds the whole, retries and their delays included. Cancelling the returned future stops the
 * running attempt (interrupting it) and starts no other. The exception the caller sees is the last
 * attempt's own (or the fallback's), never wrapped.
 *
 * <p>The circuit and the bulkhead's slots belong to the method, shared by every twin of its type in
 * the JVM; a twin made with {@link StateScope#TWIN} keeps its own ({@link #withOwnState()}).
 *
 * <p>Every one built is listed by {@link PolicyRegistry} until it is garbage-collected, so an
 * operator can read, observe and reset its circuit by the method's name.
 */
public final class FaultTolerance {
  /**
   * The policies themselves, and the state of the circuit and the bulkhead; replaced only by {@link
   * PolicyConfig#reload()}, and a call reads it once, when it starts.
   */
  private volatile Policies plan;

  /** Whether it is a copy with state of its own ({@link #withOwnState()}). */
  private final boolean ownState;

  /** What the twin's code set, to resolve configuration against; null when built by hand. */
  private final Builder source;

  /** Each member's effective value and where it came from. */
  private volatile List<PolicyConfig.EffectiveValue> effective;

  /** Set when the twin's configuration is wrong: every call fails with it. */
  private volatile PolicyConfigException failure;

  private FaultTolerance(
      Policies plan,
      boolean ownState,
      Builder source,
      List<PolicyConfig.EffectiveValue> effective) {
    this.ownState = ownState;
    this.source = source;
    this.effective = effective;
    adopt(plan);
    Registered.add(this);
  }

  private void adopt(Policies plan) {
    Circuit circuit = plan.circuit();
    if (circuit != null) {
      // The listeners hear every circuit's transitions; with none, telling costs nothing.
      circuit.observe((from, to) -> Listeners.circuitChanged(this, from, to));
    }
    this.plan = plan;
  }

  /** Fails every call from now on with {@code bad}: the twin's configuration is wrong. */
  void fail(PolicyConfigException bad) {
    failure = bad;
  }

  /** Resolves the twin's configuration for these policies now. */
  Overrides.Resolved resolve(PolicyConfig.Twin twin) {
    return source == null
        ? Overrides.resolve(twin.className(), "", Set.of(), Map.of())
        : source.resolve(twin);
  }

  /** Rebuilds the policies from the configuration now, which {@link PolicyConfig} has checked. */
  void rebuild(PolicyConfig.Twin twin) {
    if (source == null) {
      return;
    }
    Overrides.Resolved resolved = source.resolve(twin);
    Policies rebuilt = source.effective(resolved).plan();
    effective = source.effectiveValues(resolved);
    adopt(ownState ? rebuilt.withOwnState() : rebuilt);
    failure = null;
  }

  /**
   * The value of each member of each policy, and where it came from: the annotation, or the
   * configuration that overrides it ({@link PolicyConfig}). A policy switched off by configuration
   * shows only its {@code enabled}; class lists show when configured or named by the twin ({@link
   * Builder#retryOnNames} and the like).
   *
   * @return the values, policy by policy, in the order of the annotations' members
   */
  public List<PolicyConfig.EffectiveValue> effectiveValues() {
    return effective;
  }

  /**
   * Starts the policies of {@code method}; with none added, a call runs as a plain one.
   *
   * @param method the method as a reader knows it, e.g. {@code "Forecasts.celsius(String)"}, for
   *     messages
   * @return a builder
   */
  public static Builder of(String method) {
    return new Builder(AsyncMethod.named(method));
  }

  /**
   * Starts the policies of {@code method}, whose calls the {@link dev.asyncdsl.spi.CallListener}s
   * hear by its class and name; with none added, a call runs as a plain one.
   *
   * @param method the method, see {@link AsyncMethod#of}
   * @return a builder
   */
  public static Builder of(AsyncMethod method) {
    return new Builder(Objects.requireNonNull(method, "method"));
  }

  /**
   * The same policies with a circuit and bulkhead slots of their own, for a twin that must not
   * share them (one client class serving two hosts).
   *
   * @return a fresh copy, closed and empty
   */
  public FaultTolerance withOwnState() {
    return new FaultTolerance(plan.withOwnState(), true, source, effective);
  }

  /**
   * Whether these policies have a circuit and bulkhead of their own ({@link #withOwnState()}),
   * rather than the method's.
   *
   * @return true for a twin's own copy
   */
  public boolean hasOwnState() {
    return ownState;
  }

  /**
   * These policies with the state {@code scope} asks for: this one for {@link StateScope#METHOD}, a
   * fresh copy for {@link StateScope#TWIN}.
   *
   * @param scope whose state
   * @return this, or a copy with its own state
   */
  public FaultTolerance in(StateScope scope) {
    return Objects.requireNonNull(scope, "scope") == StateScope.METHOD ? this : withOwnState();
  }

  /** Who shares a method's circuit and bulkhead. */
  public enum StateScope {
    /** Every twin of the type, JVM-wide: the circuit sees every caller of the downstream. */
    METHOD,
    /** This twin alone: for a class whose instances talk to different downstreams. */
    TWIN
  }

  /** The state of a {@link CircuitBreaker}. */
  public enum CircuitState {
    /** Calls run; failures are counted. */
    CLOSED,
    /** Calls fail fast with {@link CircuitBreakerOpenException}. */
    OPEN,
    /** Its delay has passed: trial calls decide whether it closes or opens again. */
    HALF_OPEN
  }

  /**
   * The fallback of a method that returns a value (or a stage, for a relay).
   *
   * @param <R> the type of the method's result
   */
  @FunctionalInterface
  public interface ValueFallback<R> {
    /**
     * Answers instead of the method.
     *
     * @param failure what the method (its last attempt) failed with
     * @return the call's result
     * @throws Throwable whatever the fallback throws: the call's failure then
     */
    R apply(Throwable failure) throws Throwable;
  }

  /** The fallback of a {@code void} method. */
  @FunctionalInterface
  public interface VoidFallback {
    /**
     * Runs instead of the method.
     *
     * @param failure what the method (its last attempt) failed with
     * @throws Throwable whatever the fallback throws: the call's failure then
     */
    void apply(Throwable failure) throws Throwable;
  }

  /**
   * Runs a method that returns a value under these policies.
   *
   * @param <R> the type of the method's result
   * @param executor where the method runs
   * @param body the method's body, run once per attempt
   * @return the method's result, or the last attempt's failure, as a future
   */
  public <R> CompletableFuture<R> call(
      Executor executor, AsyncRuntime.ValueBody<? extends R> body) {
    return start(executor, Policies.VALUE, body, null);
  }

  /**
   * Runs a method that returns a value under these policies, with a fallback.
   *
   * @param <R> the type of the method's result
   * @param executor where the method and the fallback run
   * @param body the method's body, run once per attempt
   * @param fallback what answers when the method has failed
   * @return the method's result, or the fallback's, or the failure, as a future
   */
  public <R> CompletableFuture<R> call(
      Executor executor,
      AsyncRuntime.ValueBody<? extends R> body,
      ValueFallback<? extends R> fallback) {
    return start(executor, Policies.VALUE, body, Objects.requireNonNull(fallback, "fallback"));
  }

  /**
   * Runs a {@code void} method under these policies.
   *
   * @param executor where the method runs
   * @param body the method's body, run once per attempt
   * @return the method's completion, or the last attempt's failure, as a future
   */
  public CompletableFuture<Void> run(Executor executor, AsyncRuntime.VoidBody body) {
    return start(executor, Policies.VOID, body, null);
  }

  /**
   * Runs a {@code void} method under these policies, with a fallback.
   *
   * @param executor where the method and the fallback run
   * @param body the method's body, run once per attempt
   * @param fallback what runs when the method has failed
   * @return the method's (or the fallback's) completion, or the failure, as a future
   */
  public CompletableFuture<Void> run(
      Executor executor, AsyncRuntime.VoidBody body, VoidFallback fallback) {
    return start(executor, Policies.VOID, body, Objects.requireNonNull(fallback, "fallback"));
  }

  /**
   * Runs a method that returns a {@link CompletionStage} under these policies and relays the
   * stage's outcome; an attempt lasts until its stage completes.
   *
   * @param <R> the type of the stage's result
   * @param executor where the method runs
   * @param body the method's body, run once per attempt
   * @return the outcome of the last attempt's stage, as a future
   */
  public <R> CompletableFuture<R> relay(
      Executor executor, AsyncRuntime.ValueBody<? extends CompletionStage<? extends R>> body) {
    return start(executor, Policies.RELAY, body, null);
  }

  /**
   * {@link #relay(Executor, AsyncRuntime.ValueBody)} with a fallback, whose stage is relayed too.
   *
   * @param <R> the type of the stage's result
   * @param executor where the method and the fallback run
   * @param body the method's body, run once per attempt
   * @param fallback what answers, with a stage, when the method has failed
   * @return the outcome of the last attempt's stage or of the fallback's, as a future
   */
  public <R> CompletableFuture<R> relay(
      Executor executor,
      AsyncRuntime.ValueBody<? extends CompletionStage<? extends R>> body,
      ValueFallback<? extends CompletionStage<? extends R>> fallback) {
    return start(executor, Policies.RELAY, body, Objects.requireNonNull(fallback, "fallback"));
  }

  /**
   * Starts a call under the plan in force, unless the twin's configuration is wrong: then the call
   * fails with the exception that lists its bad keys.
   */
  private <R> CompletableFuture<R> start(
      Executor executor, int kind, Object body, Object fallback) {
    PolicyConfigException bad = failure;
    return bad != null
        ? CompletableFuture.failedFuture(bad)
        : plan.start(this, executor, kind, body, fallback);
  }

  /**
   * The state of the method's circuit; {@link CircuitState#CLOSED} for a method without a {@link
   * CircuitBreaker}. An open circuit whose delay has passed is reported half-open: the next call is
   * a trial.
   *
   * @return the circuit's state
   */
  public CircuitState circuitState() {
    Circuit circuit = plan.circuit();
    return circuit == null ? CircuitState.CLOSED : circuit.state();
  }

  /**
   * How many times the circuit has opened since it was made.
   *
   * @return the count, 0 without a {@link CircuitBreaker}
   */
  public long circuitOpenedCount() {
    Circuit circuit = plan.circuit();
    return circuit == null ? 0 : circuit.timesOpened();
  }

  /**
   * How long the circuit has spent in {@code state} since it was made, its current stay included:
   * MicroProfile's {@code ft.circuitbreaker.state.total}. An open circuit whose delay has passed
   * counts as half-open from then on, as {@link #circuitState()} reports it.
   *
   * @param state the state
   * @return nanoseconds; 0 without a {@link CircuitBreaker}
   */
  public long circuitNanosIn(CircuitState state) {
    Objects.requireNonNull(state, "state");
    Circuit circuit = plan.circuit();
    return circuit == null ? 0 : circuit.nanosIn(state);
  }

  /**
   * Whether the method has a {@link CircuitBreaker}.
   *
   * @return true if it does
   */
  public boolean hasCircuitBreaker() {
    return plan.circuit() != null;
  }

  /**
   * Whether the method has a {@link Bulkhead}.
   *
   * @return true if it does
   */
  public boolean hasBulkhead() {
    return plan.bulkhead() != null;
  }

  /**
   * How many outcomes the closed circuit's rolling window holds now: those counted since it last
   * closed, at most its size ({@code requestVolumeThreshold}).
   *
   * @return the outcomes in the window, 0 without a {@link CircuitBreaker}
   */
  public int circuitWindowCalls() {
    Circuit circuit = plan.circuit();
    return circuit == null ? 0 : circuit.windowCalls();
  }

  /**
   * How many of {@link #circuitWindowCalls()} were failures.
   *
   * @return the failures in the window, 0 without a {@link CircuitBreaker}
   */
  public int circuitWindowFailures() {
    Circuit circuit = plan.circuit();
    return circuit == null ? 0 : circuit.windowFailures();
  }

  /**
   * Closes the circuit and empties its rolling window, as if it were new (its count of openings
   * stays): for an operator who knows the downstream is back, or between tests. Outcomes of calls
   * under way when it resets count for nothing. Does nothing without a {@link CircuitBreaker}.
   */
  public void resetCircuit() {
    Circuit circuit = plan.circuit();
    if (circuit != null) {
      circuit.reset();
    }
  }

  /**
   * Tells {@code observer} of every transition of the circuit from now on, in order, until the
   * returned observation is closed. The move from open to half-open is made, and told, by the first
   * call that goes through after the delay ({@link #circuitState()} reads half-open before that,
   * but tells no one). The observer runs after the circuit has moved and outside its lock, on the
   * thread of a call that moved it (another call's, when that one is busy telling), before that
   * call completes: it should be quick. An observer that resets the circuit is told of that too,
   * after the others have heard of the transition before it. What it throws goes to that thread's
   * uncaught-exception handler and never to the call.
   *
   * @param observer what to tell
   * @return closes the observation
   * @throws IllegalStateException without a {@link CircuitBreaker}
   */
  public Observation observeCircuit(CircuitObserver observer) {
    Objects.requireNonNull(observer, "observer");
    Circuit circuit = plan.circuit();
    if (circuit == null) {
      throw new IllegalStateException(plan.method() + " has no circuit breaker to observe");
    }
    Runnable remove = circuit.observe(observer::transition);
    return remove::run;
  }

  /** Hears the transitions of a circuit ({@link #observeCircuit}). */
  @FunctionalInterface
  public interface CircuitObserver {
    /**
     * The circuit has moved from {@code from} to {@code to}.
     *
     * @param from the state it left
     * @param to the state it is in now
     */
    void transition(CircuitState from, CircuitState to);
  }

  /** An observation, ended by {@link #close()}. */
  @FunctionalInterface
  public interface Observation extends AutoCloseable {
    /** Ends the observation: the observer hears nothing more. Closing it twice does nothing. */
    @Override
    void close();
  }

  /**
   * How many calls hold a slot of the method's bulkhead now.
   *
   * @return the running calls, 0 without a {@link Bulkhead}
   */
  public int bulkheadRunning() {
    BulkheadSlots bulkhead = plan.bulkhead();
    return bulkhead == null ? 0 : bulkhead.running();
  }

  /**
   * How many calls wait for a slot of the method's bulkhead now.
   *
   * @return the waiting calls, 0 without a {@link Bulkhead}
   */
  public int bulkheadWaiting() {
    BulkheadSlots bulkhead = plan.bulkhead();
    return bulkhead == null ? 0 : bulkhead.waiting();
  }

  /**
   * The method these policies guard.
   *
   * @return the name given to {@link #of}
   */
  public String method() {
    return plan.method();
  }

  /**
   * The method these policies guard, as events name it.
   *
   * @return the method given to {@link #of(AsyncMethod)}, or one {@linkplain AsyncMethod#named
   *     named} by the name given to {@link #of(String)}
   */
  public AsyncMethod asyncMethod() {
    return plan.asyncMethod();
  }

  /**
   * Whether the method has a {@link Timeout}.
   *
   * @return true if it does
   */
  public boolean hasTimeout() {
    return plan.timed() != null;
  }

  /**
   * Whether the method has a {@link Retry} (with at least one retry, or {@code -1}).
   *
   * @return true if it does
   */
  public boolean hasRetry() {
    return plan.maxRetries() != 0;
  }

  @Override
  public String toString() {
    return "FaultTolerance[" + plan.method() + ": " + plan.description() + "]";
  }

  /**
   * Builds a {@link FaultTolerance}. What is not set is as the annotations' defaults say; a policy
   * not added is not applied. Invalid values fail {@link #build()} (the processor rejects them at
   * compile time already).
   */
  public static final class Builder {
    private final AsyncMethod asyncMethod;
    private final String method;
    private long timeout;
    private TimeUnit timeoutUnit;
    private int maxRetries;
    private long retryDelayNanos;
    private long maxDurationNanos = TimeUnit.MILLISECONDS.toNanos(180_000);
    private long jitterNanos;
    private double delayMultiplier = 1.0;
    private long maxDelayNanos;
    private Predicate<Throwable> retryOn = failure -> failure instanceof Exception;
    private int volume;
    private double failureRatio;
    private long circuitDelayNanos;
    private int successThreshold;
    private Predicate<Throwable> circuitFailsOn = failure -> true;
    private int slots;
    private int queueLength;
    private Predicate<Throwable> fallbackOn = failure -> true;
    private final StringBuilder description = new StringBuilder();

    /** What was set, member by member, as given: to resolve configuration against. */
    private final Map<Member, Object> given = new EnumMap<>(Member.class);

    private Builder(AsyncMethod asyncMethod) {
      this.asyncMethod = asyncMethod;
      this.method = asyncMethod.name();
    }

    /**
     * Bounds each attempt, as {@link Timeout} does.
     *
     * @param timeout how long an attempt may take; zero or less: it has passed already
     * @param unit the unit of {@code timeout}
     * @return this builder
     */
    public Builder timeout(long timeout, TimeUnit unit) {
      this.timeout = timeout;
      timeoutUnit = Objects.requireNonNull(unit, "unit");
      given.put(Member.TIMEOUT_VALUE, timeout);
      given.put(Member.TIMEOUT_UNIT, unit);
      return note("timeout " + timeout + " " + unit.toString().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Retries failed attempts, as {@link Retry#maxRetries()} says.
     *
     * @param maxRetries the most retries after the first attempt, {@code -1} for as many as {@link
     *     #retryMaxDuration} allows
     * @return this builder
     */
    public Builder retry(int maxRetries) {
      if (maxRetries < -1) {
        throw new IllegalArgumentException("maxRetries must be -1 or more: " + maxRetries);
      }
      this.maxRetries = maxRetries;
      given.put(Member.RETRY_MAX_RETRIES, maxRetries);
      return note("retry " + (maxRetries == -1 ? "until max duration" : maxRetries + "x"));
    }

    /**
     * The delay before each retry, {@link Retry#delay()}.
     *
     * @param delay not negative
     * @param unit the unit of {@code delay}
     * @return this builder
     */
    public Builder retryDelay(long delay, TimeUnit unit) {
      retryDelayNanos = nonNegative(delay, unit, "delay");
      given.put(Member.RETRY_DELAY, delay);
      given.put(Member.RETRY_DELAY_UNIT, unit);
      return this;
    }

    /**
     * How long retries may start, {@link Retry#maxDuration()}; 0 for no limit.
     *
     * @param maxDuration not negative
     * @param unit the unit of {@code maxDuration}
     * @return this builder
     */
    public Builder retryMaxDuration(long maxDuration, TimeUnit unit) {
      maxDurationNanos = nonNegative(maxDuration, unit, "maxDuration");
      given.put(Member.RETRY_MAX_DURATION, maxDuration);
      given.put(Member.RETRY_DURATION_UNIT, unit);
      return this;
    }

    /**
     * The random variation of each delay, {@link Retry#jitter()}.
     *
     * @param jitter not negative
     * @param unit the unit of {@code jitter}
     * @return this builder
     */
    public Builder retryJitter(long jitter, TimeUnit unit) {
      jitterNanos = nonNegative(jitter, unit, "jitter");
      given.put(Member.RETRY_JITTER, jitter);
      given.put(Member.RETRY_JITTER_UNIT, unit);
      return this;
    }

    /**
     * Exponential backoff without a cap, {@link Retry#delayMultiplier()}.
     *
     * @param multiplier how much each delay grows over the one before, at least 1
     * @return this builder
     */
    public Builder retryBackoff(double multiplier) {
      return retryBackoff(multiplier, 0, TimeUnit.MILLISECONDS);
    }

    /**
     * Exponential backoff, {@link Retry#delayMultiplier()} and {@link Retry#maxDelay()}.
     *
     * @param multiplier how much each delay grows over the one before, at least 1
     * @param maxDelay the longest delay, 0 for no cap
     * @param unit the unit of {@code maxDelay}
     * @return this builder
     */
    public Builder retryBackoff(double multiplier, long maxDelay, TimeUnit unit) {
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException("delayMultiplier must be 1 or more: " + multiplier);
      }
      delayMultiplier = multiplier;
      maxDelayNanos = nonNegative(maxDelay, unit, "maxDelay");
      given.put(Member.RETRY_DELAY_MULTIPLIER, multiplier);
      given.put(Member.RETRY_MAX_DELAY, maxDelay);
      given.put(Member.RETRY_MAX_DELAY_UNIT, unit);
      return this;
    }

    /**
     * Which failures are retried, {@link Retry#retryOn()} less {@link Retry#abortOn()}; by default
     * every {@link Exception}.
     *
     * @param retryOn true for a failure to retry
     * @return this builder
     */
    public Builder retryOn(Predicate<Throwable> retryOn) {
      this.retryOn = Objects.requireNonNull(retryOn, "retryOn");
      return this;
    }

    /**
     * The classes {@link Retry#retryOn()} names, by binary name ({@code "java.io.IOException"},
     * {@code "p.Outer$Failure"}): what a generated twin gives besides the compiled test of {@link
     * #retryOn}. They are used only when configuration overrides {@link Retry#abortOn()} and not
     * this member ({@link PolicyConfig}): the two then combine, matched by name against the
     * failure's class and superclasses. Without such configuration the compiled test runs, per
     * call, as it is; left unset, this member is taken at its annotation's default.
     *
     * @param names the binary names, in the order written; none for an empty list
     * @return this builder
     */
    public Builder retryOnNames(String... names) {
      given.put(Member.RETRY_RETRY_ON, classNames(names));
      return this;
    }

    /**
     * The classes {@link Retry#abortOn()} names, by binary name ({@code "java.io.IOException"},
     * {@code "p.Outer$Failure"}): what a generated twin gives besides the compiled test of {@link
     * #retryOn}. They are used only when configuration overrides {@link Retry#retryOn()} and not
     * this member ({@link PolicyConfig}): the two then combine, matched by name against the
     * failure's class and superclasses. Without such configuration the compiled test runs, per
     * call, as it is; left unset, this member is taken at its annotation's default.
     *
     * @param names the binary names, in the order written; none for an empty list
     * @return this builder
     */
    public Builder abortOnNames(String... names) {
      given.put(Member.RETRY_ABORT_ON, classNames(names));
      return this;
    }

    /**
     * A circuit breaker, as {@link CircuitBreaker} says.
     *
     * @param requestVolumeThreshold the rolling window, at least 1
     * @param failureRatio the share of failures that opens the circuit, between 0 and 1
     * @param delay how long the circuit stays open, not negative
     * @param unit the unit of {@code delay}
     * @param successThreshold the trial successes that close it, at least 1
     * @return this builder
     */
    public Builder circuitBreaker(
        int requestVolumeThreshold,
        double failureRatio,
        long delay,
        TimeUnit unit,
        int successThreshold) {
      if (requestVolumeThreshold < 1 || successThreshold < 1) {
        throw new IllegalArgumentException(
            "requestVolumeThreshold and successThreshold must be 1 or more: "
                + requestVolumeThreshold
                + ", "
                + successThreshold);
      }
      if (!(failureRatio >= 0 && failureRatio <= 1)) {
        throw new IllegalArgumentException("failureRatio must be between 0 and 1: " + failureRatio);
      }
      volume = requestVolumeThreshold;
      this.failureRatio = failureRatio;
      circuitDelayNanos = nonNegative(delay, unit, "delay");
      this.successThreshold = successThreshold;
      given.put(Member.CIRCUIT_REQUEST_VOLUME_THRESHOLD, requestVolumeThreshold);
      given.put(Member.CIRCUIT_FAILURE_RATIO, failureRatio);
      given.put(Member.CIRCUIT_DELAY, delay);
      given.put(Member.CIRCUIT_DELAY_UNIT, unit);
      given.put(Member.CIRCUIT_SUCCESS_THRESHOLD, successThreshold);
      return note("circuit breaker");
    }

    /**
     * Which failures count against the circuit, {@link CircuitBreaker#failOn()} less {@link
     * CircuitBreaker#skipOn()}; by default all.
     *
     * @param failsOn true for a failure that counts
     * @return this builder
     */
    public Builder circuitFailsOn(Predicate<Throwable> failsOn) {
      circuitFailsOn = Objects.requireNonNull(failsOn, "failsOn");
      return this;
    }

    /**
     * The classes {@link CircuitBreaker#failOn()} names, by binary name ({@code
     * "java.io.IOException"}, {@code "p.Outer$Failure"}): what a generated twin gives besides the
     * compiled test of {@link #circuitFailsOn}. They are used only when configuration overrides
     * {@link CircuitBreaker#skipOn()} and not this member ({@link PolicyConfig}): the two then
     * combine, matched by name against the failure's class and superclasses. Without such
     * configuration the compiled test runs, per call, as it is; left unset, this member is taken at
     * its annotation's default.
     *
     * @param names the binary names, in the order written; none for an empty list
     * @return this builder
     */
    public Builder circuitFailOnNames(String... names) {
      given.put(Member.CIRCUIT_FAIL_ON, classNames(names));
      return this;
    }

    /**
     * The classes {@link CircuitBreaker#skipOn()} names, by binary name ({@code
     * "java.io.IOException"}, {@code "p.Outer$Failure"}): what a generated twin gives besides the
     * compiled test of {@link #circuitFailsOn}. They are used only when configuration overrides
     * {@link CircuitBreaker#failOn()} and not this member ({@link PolicyConfig}): the two then
     * combine, matched by name against the failure's class and superclasses. Without such
     * configuration the compiled test runs, per call, as it is; left unset, this member is taken at
     * its annotation's default.
     *
     * @param names the binary names, in the order written; none for an empty list
     * @return this builder
     */
    public Builder circuitSkipOnNames(String... names) {
      given.put(Member.CIRCUIT_SKIP_ON, classNames(names));
      return this;
    }

    /**
     * A bulkhead, as {@link Bulkhead} says.
     *
     * @param value how many calls may run at once, at least 1
     * @param waitingTaskQueue how many may wait, not negative
     * @return this builder
     */
    public Builder bulkhead(int value, int waitingTaskQueue) {
      if (value < 1 || waitingTaskQueue < 0) {
        throw new IllegalArgumentException(
            "a bulkhead needs 1 or more slots and a queue not negative: "
                + value
                + ", "
                + waitingTaskQueue);
      }
      slots = value;
      queueLength = waitingTaskQueue;
      given.put(Member.BULKHEAD_VALUE, value);
      given.put(Member.BULKHEAD_WAITING_TASK_QUEUE, waitingTaskQueue);
      return note("bulkhead " + value + "+" + waitingTaskQueue);
    }

    /**
     * Which failures the fallback answers, {@link Fallback#applyOn()} less {@link
     * Fallback#skipOn()}; by default all.
     *
     * @param applyOn true for a failure to fall back on
     * @return this builder
     */
    public Builder fallbackOn(Predicate<Throwable> applyOn) {
      fallbackOn = Objects.requireNonNull(applyOn, "applyOn");
      return this;
    }

    /**
     * The classes {@link Fallback#applyOn()} names, by binary name ({@code "java.io.IOException"},
     * {@code "p.Outer$Failure"}): what a generated twin gives besides the compiled test of {@link
     * #fallbackOn}. They are used only when configuration overrides {@link Fallback#skipOn()} and
     * not this member ({@link PolicyConfig}): the two then combine, matched by name against the
     * failure's class and superclasses. Without such configuration the compiled test runs, per
     * call, as it is; left unset, this member is taken at its annotation's default.
     *
     * @param names the binary names, in the order written; none for an empty list
     * @return this builder
     */
    public Builder fallbackApplyOnNames(String... names) {
      given.put(Member.FALLBACK_APPLY_ON, classNames(names));
      return this;
    }

    /**
     * The classes {@link Fallback#skipOn()} names, by binary name ({@code "java.io.IOException"},
     * {@code "p.Outer$Failure"}): what a generated twin gives besides the compiled test of {@link
     * #fallbackOn}. They are used only when configuration overrides {@link Fallback#applyOn()} and
     * not this member ({@link PolicyConfig}): the two then combine, matched by name against the
     * failure's class and superclasses. Without such configuration the compiled test runs, per
     * call, as it is; left unset, this member is taken at its annotation's default.
     *
     * @param names the binary names, in the order written; none for an empty list
     * @return this builder
     */
    public Builder fallbackSkipOnNames(String... names) {
      given.put(Member.FALLBACK_SKIP_ON, classNames(names));
      return this;
    }

    private static List<String> classNames(String... names) {
      List<String> list = List.of(names);
      for (String name : list) {
        if (name.isBlank()) {
          throw new IllegalArgumentException("a class name must not be blank");
        }
      }
      return list;
    }

    /**
     * The policies, with a closed circuit and empty bulkhead of their own, as set: configuration
     * does not change them.
     *
     * @return the policies
     */
    public FaultTolerance build() {
      Set<Policy> added = EnumSet.noneOf(Policy.class);
      for (Member member : given.keySet()) {
        added.add(member.policy());
      }
      Overrides.Resolved asSet =
          new Overrides.Resolved(withDefaults(added), Map.of(), added, List.of());
      return new FaultTolerance(plan(), false, null, effectiveValues(asSet));
    }

    /**
     * The policies of a method of a generated twin, with the values configuration gives ({@link
     * PolicyConfig}): read now, once. When one is wrong, the policies are built as set and the
     * problem is kept for {@link PolicyConfig.Twin#complete()}, which fails the twin's calls with
     * it; this never throws for configuration.
     *
     * @param twin the twin whose method it is, as {@link PolicyConfig#twin} described it
     * @return the policies
     */
    public FaultTolerance build(PolicyConfig.Twin twin) {
      Objects.requireNonNull(twin, "twin");
      Overrides.Resolved resolved = resolve(twin);
      FaultTolerance made =
          resolved.problems().isEmpty()
              ? new FaultTolerance(
                  effective(resolved).plan(), false, this, effectiveValues(resolved))
              : new FaultTolerance(plan(), false, this, effectiveValues(resolved));
      twin.add(made);
      return made;
    }

    /** The configuration of these policies now. */
    Overrides.Resolved resolve(PolicyConfig.Twin twin) {
      Set<Policy> carried = twin.carried(asyncMethod.methodName());
      return Overrides.resolve(
          twin.className(), asyncMethod.methodName(), carried, withDefaults(carried));
    }

    /** What was set, with each unset member of {@code policies} at its annotation's default. */
    private Map<Member, Object> withDefaults(Set<Policy> policies) {
      Map<Member, Object> values = new EnumMap<>(Member.class);
      for (Policy policy : policies) {
        values.put(Member.enabled(policy), true);
      }
      if (policies.contains(Policy.RETRY)) {
        values.put(Member.RETRY_MAX_RETRIES, 3);
        values.put(Member.RETRY_DELAY, 0L);
        values.put(Member.RETRY_DELAY_UNIT, TimeUnit.MILLISECONDS);
        values.put(Member.RETRY_MAX_DURATION, 180_000L);
        values.put(Member.RETRY_DURATION_UNIT, TimeUnit.MILLISECONDS);
        values.put(Member.RETRY_JITTER, 0L);
        values.put(Member.RETRY_JITTER_UNIT, TimeUnit.MILLISECONDS);
        values.put(Member.RETRY_DELAY_MULTIPLIER, 1.0);
        values.put(Member.RETRY_MAX_DELAY, 0L);
        values.put(Member.RETRY_MAX_DELAY_UNIT, TimeUnit.MILLISECONDS);
      }
      if (policies.contains(Policy.TIMEOUT)) {
        values.put(Member.TIMEOUT_VALUE, 1L);
        values.put(Member.TIMEOUT_UNIT, TimeUnit.SECONDS);
      }
      if (policies.contains(Policy.CIRCUIT_BREAKER)) {
        values.put(Member.CIRCUIT_REQUEST_VOLUME_THRESHOLD, 20);
        values.put(Member.CIRCUIT_FAILURE_RATIO, 0.5);
        values.put(Member.CIRCUIT_DELAY, 5000L);
        values.put(Member.CIRCUIT_DELAY_UNIT, TimeUnit.MILLISECONDS);
        values.put(Member.CIRCUIT_SUCCESS_THRESHOLD, 1);
      }
      if (policies.contains(Policy.BULKHEAD)) {
        values.put(Member.BULKHEAD_VALUE, 10);
        values.put(Member.BULKHEAD_WAITING_TASK_QUEUE, 10);
      }
      values.putAll(given);
      return values;
    }

    /** A builder of the policies {@code resolved} says, which the rules have passed. */
    Builder effective(Overrides.Resolved resolved) {
      Map<Member, Object> v = resolved.values();
      Set<Policy> on = resolved.enabled();
      Map<Member, Sources.Found> found = resolved.found();
      Builder built = new Builder(asyncMethod);
      if (on.contains(Policy.TIMEOUT) && timeoutUnit != null) {
        built.timeout((Long) v.get(Member.TIMEOUT_VALUE), (TimeUnit) v.get(Member.TIMEOUT_UNIT));
      }
      if (on.contains(Policy.RETRY) && given.containsKey(Member.RETRY_MAX_RETRIES)) {
        built
            .retry((Integer) v.get(Member.RETRY_MAX_RETRIES))
            .retryDelay((Long) v.get(Member.RETRY_DELAY), (TimeUnit) v.get(Member.RETRY_DELAY_UNIT))
            .retryMaxDuration(
                (Long) v.get(Member.RETRY_MAX_DURATION),
                (TimeUnit) v.get(Member.RETRY_DURATION_UNIT))
            .retryJitter(
                (Long) v.get(Member.RETRY_JITTER), (TimeUnit) v.get(Member.RETRY_JITTER_UNIT))
            .retryBackoff(
                (Double) v.get(Member.RETRY_DELAY_MULTIPLIER),
                (Long) v.get(Member.RETRY_MAX_DELAY),
                (TimeUnit) v.get(Member.RETRY_MAX_DELAY_UNIT))
            .retryOn(
                failures(
                    found,
                    v,
                    Member.RETRY_RETRY_ON,
                    Member.RETRY_ABORT_ON,
                    "java.lang.Exception",
                    retryOn));
      }
      if (on.contains(Policy.CIRCUIT_BREAKER) && volume != 0) {
        built
            .circuitBreaker(
                (Integer) v.get(Member.CIRCUIT_REQUEST_VOLUME_THRESHOLD),
                (Double) v.get(Member.CIRCUIT_FAILURE_RATIO),
                (Long) v.get(Member.CIRCUIT_DELAY),
                (TimeUnit) v.get(Member.CIRCUIT_DELAY_UNIT),
                (Integer) v.get(Member.CIRCUIT_SUCCESS_THRESHOLD))
            .circuitFailsOn(
                failures(
                    found,
                    v,
                    Member.CIRCUIT_FAIL_ON,
                    Member.CIRCUIT_SKIP_ON,
                    "java.lang.Throwable",
                    circuitFailsOn));
      }
      if (on.contains(Policy.BULKHEAD) && slots != 0) {
        built.bulkhead(
            (Integer) v.get(Member.BULKHEAD_VALUE),
            (Integer) v.get(Member.BULKHEAD_WAITING_TASK_QUEUE));
      }
      built.fallbackOn(
          on.contains(Policy.FALLBACK) || !resolved.values().containsKey(Member.FALLBACK_ENABLED)
              ? failures(
                  found,
                  v,
                  Member.FALLBACK_APPLY_ON,
                  Member.FALLBACK_SKIP_ON,
                  "java.lang.Throwable",
                  fallbackOn)
              : failure -> false);
      return built;
    }

    /**
     * The failure test: the one set, unless configuration names either of its class lists; then the
     * named classes, matched by name against the failure's class and superclasses, no class loaded.
     * The member not configured is the annotation's, as the twin named it ({@link #retryOnNames}
     * and the like), or its default when it was not named.
     */
    private static Predicate<Throwable> failures(
        Map<Member, Sources.Found> found,
        Map<Member, Object> values,
        Member matching,
        Member excluded,
        String byDefault,
        Predicate<Throwable> set) {
      if (!found.containsKey(matching) && !found.containsKey(excluded)) {
        return set;
      }
      List<?> on = (List<?>) values.getOrDefault(matching, List.of(byDefault));
      List<?> off = (List<?>) values.getOrDefault(excluded, List.of());
      Set<String> in = new java.util.HashSet<>();
      on.forEach(name -> in.add((String) name));
      Set<String> out = new java.util.HashSet<>();
      off.forEach(name -> out.add((String) name));
      return failure -> named(failure, in) && !named(failure, out);
    }

    private static boolean named(Throwable failure, Set<String> names) {
      for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
        if (names.contains(type.getName())) {
          return true;
        }
      }
      return false;
    }

    /** Each member's value in {@code resolved}, and where it came from. */
    List<PolicyConfig.EffectiveValue> effectiveValues(Overrides.Resolved resolved) {
      List<PolicyConfig.EffectiveValue> values = new ArrayList<>();
      for (Map.Entry<Member, Object> entry :
          new java.util.TreeMap<>(resolved.values()).entrySet()) {
        Member member = entry.getKey();
        if (!resolved.enabled().contains(member.policy())
            && member != Member.enabled(member.policy())) {
          continue;
        }
        Sources.Found found = resolved.found().get(member);
        Object value = entry.getValue();
        values.add(
            new PolicyConfig.EffectiveValue(
                member.policy().annotation(),
                member.names().get(0),
                value instanceof List<?> names
                    ? String.join(",", names.stream().map(String::valueOf).toList())
                    : String.valueOf(value),
                found == null
                    ? PolicyConfig.Origin.ANNOTATION
                    : PolicyConfig.Origin.valueOf(found.origin().name()),
                found == null ? null : found.name()));
      }
      return List.copyOf(values);
    }

    /** The plan of the policies as set. */
    Policies plan() {
      if (maxDurationNanos > 0 && maxRetries != 0 && maxDurationNanos <= retryDelayNanos) {
        throw new IllegalArgumentException("maxDuration must be longer than delay");
      }
      Circuit circuit =
          volume == 0
              ? null
              : new Circuit(volume, failureRatio, circuitDelayNanos, successThreshold);
      Policies.Settings settings =
          new Policies.Settings(
              asyncMethod,
              description.length() == 0 ? "none" : description.toString(),
              maxRetries,
              retryDelayNanos,
              maxDurationNanos,
              jitterNanos,
              delayMultiplier,
              maxDelayNanos,
              retryOn,
              circuitFailsOn,
              circuit == null ? null : new CircuitBreakerOpenException(method),
              timeoutUnit == null ? null : AsyncRuntime.timed(asyncMethod, timeout, timeoutUnit),
              fallbackOn);
      return new Policies(
          settings, circuit, slots == 0 ? null : new BulkheadSlots(method, slots, queueLength));
    }

    private Builder note(String policy) {
      if (description.length() > 0) {
        description.append(", ");
      }
      description.append(policy);
      return this;
    }

    /** {@code value} in nanoseconds, at most {@link Policies#LONGEST_NANOS}. */
    private static long nonNegative(long value, TimeUnit unit, String what) {
      if (value < 0) {
        throw new IllegalArgumentException(what + " must not be negative: " + value);
      }
      return Math.min(unit.toNanos(value), Policies.LONGEST_NANOS);
    }
  }

  /**
   * Every {@link FaultTolerance} in use, for {@link PolicyRegistry}: held weakly, so a policy
   * nobody uses any more (a twin's own copy, a hand-built one) leaves the list with it.
   */
  static final class Registered {
    private static final ReferenceQueue<FaultTolerance> GONE = new ReferenceQueue<>();
    private static final Set<Entry> ALL = Collections.newSetFromMap(new java.util.HashMap<>());
    private static long made;

    private Registered() {}

    /** A weak reference in registration order. */
    private static final class Entry extends WeakReference<FaultTolerance> {
      final long order;

      Entry(FaultTolerance policy, long order) {
        super(policy, GONE);
        this.order = order;
      }
    }

    static synchronized void add(FaultTolerance policy) {
      expunge();
      ALL.add(new Entry(policy, made++));
    }

    /** The policies in use, by method name, then in the order they were made. */
    static List<FaultTolerance> all() {
      List<Entry> entries;
      synchronized (Registered.class) {
        expunge();
        entries = new ArrayList<>(ALL);
      }
      entries.sort(Comparator.comparingLong(entry -> entry.order));
      List<FaultTolerance> live = new ArrayList<>();
      for (Entry entry : entries) {
        FaultTolerance policy = entry.get();
        if (policy != null) {
          live.add(policy);
        }
      }
      live.sort(Comparator.comparing(FaultTolerance::method));
      return live;
    }

    private static void expunge() {
      java.lang.ref.Reference<? extends FaultTolerance> gone;
      while ((gone = GONE.poll()) != null) {
        ALL.remove(gone);
      }
    }
  }
}
