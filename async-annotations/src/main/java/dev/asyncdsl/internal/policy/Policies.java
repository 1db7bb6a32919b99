package dev.asyncdsl.internal.policy;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.CircuitBreakerOpenException;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.internal.AsyncCall;
import dev.asyncdsl.internal.CallScope;
import dev.asyncdsl.internal.context.Propagation;
import dev.asyncdsl.internal.event.Listeners;
import dev.asyncdsl.internal.event.Watch;
import dev.asyncdsl.spi.CallObserver;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The plan of one method's policies: what {@code FaultTolerance} holds and every call reads,
 * immutable but for the state of its {@link Circuit} and {@link BulkheadSlots}. It starts the calls
 * ({@link #start}), in the fixed order of MicroProfile Fault Tolerance, outermost first:
 *
 * <pre>
 * Fallback( Retry( CircuitBreaker( Timeout( Bulkhead( method )))))
 * </pre>
 *
 * Fallback and Retry are a {@link GuardedCall}, which owns the attempts; CircuitBreaker, Timeout
 * and Bulkhead are one {@link Attempt}, started by {@link #attempt}. Each step is fused into the
 * next rather than a wrapper around it, so a call allocates its future (and, with retries or a
 * fallback, the guarded call) and nothing per policy.
 */
public final class Policies {
  /** What the method returns: a value ... */
  public static final int VALUE = 0;

  /** ... nothing ({@code void}) ... */
  public static final int VOID = 1;

  /** ... or a stage, whose outcome the call relays. */
  public static final int RELAY = 2;

  /**
   * The longest delay or jitter a policy keeps (about 36 years): longer ones are as good as never,
   * and a delay and its jitter added must not overflow.
   */
  public static final long LONGEST_NANOS = Long.MAX_VALUE >> 2;

  final String method;

  /** The method, as events name it. */
  private final AsyncMethod asyncMethod;

  /** The policies in words, for {@code toString()}. */
  private final String description;

  // Retry
  final int maxRetries;
  final long retryDelayNanos;
  final long maxDurationNanos;
  final long jitterNanos;
  final double delayMultiplier;
  final long maxDelayNanos;
  private final Predicate<Throwable> retryOn;

  // CircuitBreaker
  final Circuit circuit;
  private final Predicate<Throwable> circuitFailsOn;

  /**
   * What every call fails with while the circuit is open: one for all, so a rejection allocates
   * nothing but its failed future. Sharing it is safe: it has no stack trace, takes no suppressed
   * exceptions and its cause is fixed (null).
   */
  final CircuitBreakerOpenException circuitOpen;

  // Timeout
  final AsyncRuntime.TimedMethod timed;

  // Bulkhead
  final BulkheadSlots bulkhead;

  // Fallback
  private final Predicate<Throwable> fallbackOn;

  /** The settings the plan was made from, shared by its copies with state of their own. */
  private final Settings settings;

  /**
   * What a method's policies are set to, apart from the state the circuit and the bulkhead keep; a
   * policy not applied is null (its timeout) or does nothing (no retries).
   *
   * @param method the method, for messages and events
   * @param description the policies in words
   * @param maxRetries Retry: the most retries, -1 for as many as {@code maxDurationNanos} allows
   * @param retryDelayNanos Retry: the delay before each retry
   * @param maxDurationNanos Retry: how long retries may start, 0 for no limit
   * @param jitterNanos Retry: the random variation of each delay
   * @param delayMultiplier Retry: the growth of each delay over the one before
   * @param maxDelayNanos Retry: the longest delay, 0 for no cap
   * @param retryOn Retry: which failures are retried
   * @param circuitFailsOn CircuitBreaker: which failures count against it
   * @param circuitOpen CircuitBreaker: what a call fails with while it is open, or null
   * @param timed Timeout: each attempt's, or null
   * @param fallbackOn Fallback: which failures it answers
   */
  public record Settings(
      AsyncMethod method,
      String description,
      int maxRetries,
      long retryDelayNanos,
      long maxDurationNanos,
      long jitterNanos,
      double delayMultiplier,
      long maxDelayNanos,
      Predicate<Throwable> retryOn,
      Predicate<Throwable> circuitFailsOn,
      CircuitBreakerOpenException circuitOpen,
      AsyncRuntime.TimedMethod timed,
      Predicate<Throwable> fallbackOn) {}

  /**
   * The plan of a method's policies. The settings are copied into fields of the plan, which every
   * call reads, rather than read through the record.
   *
   * @param settings what the policies are set to
   * @param circuit CircuitBreaker: its state, or null
   * @param bulkhead Bulkhead: its slots, or null
   */
  public Policies(Settings settings, Circuit circuit, BulkheadSlots bulkhead) {
    this.settings = settings;
    this.asyncMethod = settings.method();
    this.method = asyncMethod.name();
    this.description = settings.description();
    this.maxRetries = settings.maxRetries();
    this.retryDelayNanos = settings.retryDelayNanos();
    this.maxDurationNanos = settings.maxDurationNanos();
    this.jitterNanos = settings.jitterNanos();
    this.delayMultiplier = settings.delayMultiplier();
    this.maxDelayNanos = settings.maxDelayNanos();
    this.retryOn = settings.retryOn();
    this.circuit = circuit;
    this.circuitFailsOn = settings.circuitFailsOn();
    this.circuitOpen = settings.circuitOpen();
    this.timed = settings.timed();
    this.bulkhead = bulkhead;
    this.fallbackOn = settings.fallbackOn();
  }

  /**
   * The same plan with a closed circuit and empty bulkhead of its own.
   *
   * @return a fresh copy
   */
  public Policies withOwnState() {
    return new Policies(
        settings,
        circuit == null ? null : circuit.fresh(),
        bulkhead == null ? null : bulkhead.fresh());
  }

  /**
   * Starts a call of the method under the policies, outermost first: Fallback and Retry (a {@link
   * GuardedCall}, when there is either), then each attempt ({@link #attempt}).
   *
   * @param <R> the type of the call's result
   * @param facade the policies as the API shows them, for the listeners
   * @param executor where the method (and the fallback) runs
   * @param kind {@link #VALUE}, {@link #VOID} or {@link #RELAY}
   * @param body the method's body, an {@code AsyncRuntime.ValueBody} or {@code VoidBody}
   * @param fallback a {@code FaultTolerance.ValueFallback} or {@code VoidFallback}, or null
   * @return the caller's future
   */
  public <R> CompletableFuture<R> start(
      FaultTolerance facade, Executor executor, int kind, Object body, Object fallback) {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(body, "body");
    AsyncCall<?> parent = CallScope.current();
    // The listeners hear of the call first, then its context is captured, on the caller's thread.
    CallObserver observer = Listeners.callStarted(asyncMethod, facade, fallback != null);
    Object[] context;
    try {
      context = Propagation.capture();
    } catch (Throwable broken) {
      Watch.notCaptured(observer, broken); // its listeners heard it start: it ended at once
      throw broken;
    }
    // Fallback( Retry( ... )): a guarded call owns the attempts and the fallback.
    if (maxRetries != 0 || fallback != null) {
      Object carried = Watch.of(context, observer, 0);
      return new GuardedCall<R>(parent, this, executor, kind, body, fallback, carried).start();
    }
    // Without either, one attempt is the whole call: it is the caller's future. Its context is
    // captured before the circuit lets it through: a capture that throws must not keep a trial.
    Object carried = Watch.of(context, observer, 1);
    Attempt<R> call = attempt(parent, null, carried, 1, executor, kind, body);
    return call == null ? CompletableFuture.failedFuture(circuitOpen) : call;
  }

  /**
   * Starts one attempt, {@code CircuitBreaker( Timeout( Bulkhead( method )))}, as a child of {@code
   * parent}: the caller's call, or the guarded call that is its {@code owner}. Returns null,
   * starting nothing, if the circuit is open: the caller fails with {@link #circuitOpen}, or
   * retries. {@code carried} is the caller's context, captured once per call, or the call's {@link
   * Watch} when a listener follows it; {@code number} is the attempt's, from 1.
   */
  <R> Attempt<R> attempt(
      AsyncCall<?> parent,
      GuardedCall<R> owner,
      Object carried,
      int number,
      Executor executor,
      int kind,
      Object body) {
    Watch watch = carried instanceof Watch w ? w : null;
    // CircuitBreaker: an open circuit lets nothing through; a pass is a ticket, whose generation
    // the attempt's outcome is counted in.
    int ticket = 0;
    if (circuit != null) {
      ticket = circuit.tryPass();
      if (ticket == Circuit.REJECTED) {
        if (watch != null) {
          watch.circuitRejected(number, circuitOpen);
        }
        return null;
      }
    }
    // An attempt of a call with several is watched on its own; a single one is the call's.
    Object attemptCarried = owner == null ? carried : Watch.ofAttempt(carried, number);
    if (attemptCarried instanceof Watch attemptWatch) {
      attemptWatch.attemptStarted();
    }
    // Timeout: the attempt carries the method's timeout; begin() arms it, so the time in the
    // bulkhead's queue counts.
    Attempt<R> call = new Attempt<>(parent, this, owner, attemptCarried, kind, ticket, body);
    if (!call.begin()) {
      return call;
    }
    // Bulkhead: a slot, or a place in its queue, or a BulkheadFullException.
    if (bulkhead == null) {
      call.executeSelf(executor); // method
    } else {
      bulkhead.enter(call, executor); // method, once the attempt has its slot
    }
    return call;
  }

  /**
   * Counts an attempt's outcome for the circuit: a failure if {@code failure} is one {@code
   * CircuitBreaker.failOn()} names; nothing at all unless the outcome {@code saysSomething} about
   * the method (it is the method's own, not its caller's cancel or deadline). Returns whether it
   * counted as a failure.
   */
  boolean record(int ticket, Throwable failure, boolean saysSomething) {
    boolean asFailure = saysSomething && failure != null && circuitFailsOn.test(failure);
    circuit.record(ticket, !saysSomething, asFailure);
    return asFailure;
  }

  boolean retriesOn(Throwable failure) {
    return retryOn.test(failure);
  }

  boolean fallsBackOn(Throwable failure) {
    return fallbackOn.test(failure);
  }

  /**
   * The method the policies guard.
   *
   * @return its name, for messages
   */
  public String method() {
    return method;
  }

  /**
   * The method the policies guard, as events name it.
   *
   * @return the method
   */
  public AsyncMethod asyncMethod() {
    return asyncMethod;
  }

  /**
   * The timeout of each attempt.
   *
   * @return the timed method, or null without a timeout
   */
  public AsyncRuntime.TimedMethod timed() {
    return timed;
  }

  /**
   * The most retries.
   *
   * @return {@code maxRetries}: 0 without a retry, -1 for as many as the duration allows
   */
  public int maxRetries() {
    return maxRetries;
  }

  /**
   * The policies in words.
   *
   * @return e.g. {@code "timeout 2 seconds, retry 3x"}, or {@code "none"}
   */
  public String description() {
    return description;
  }

  /**
   * The circuit's state.
   *
   * @return the circuit, or null without a circuit breaker
   */
  public Circuit circuit() {
    return circuit;
  }

  /**
   * The bulkhead's slots.
   *
   * @return the slots, or null without a bulkhead
   */
  public BulkheadSlots bulkhead() {
    return bulkhead;
  }
}
