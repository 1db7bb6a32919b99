package dev.asyncdsl.internal.policy;

import dev.asyncdsl.Fallback;
import dev.asyncdsl.Retry;
import dev.asyncdsl.internal.AsyncCall;
import dev.asyncdsl.internal.Stages;
import dev.asyncdsl.internal.context.Propagation;
import dev.asyncdsl.internal.event.Watch;
import dev.asyncdsl.internal.timer.Deadlines;
import dev.asyncdsl.spi.CallObserver.RetryEnd;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A call under {@link Retry} or {@link Fallback}, the outer two of {@code Fallback( Retry(
 * CircuitBreaker( Timeout( Bulkhead( method )))))}: the future the caller holds, made of attempts
 * (each one {@link Attempt}: the method under the circuit breaker, timeout and bulkhead) and
 * perhaps a fallback call (an {@code Attempt} too). It never runs a method itself. An attempt tells
 * it its outcome ({@link #ended}) before the attempt completes, once the circuit has counted it;
 * nothing listens on the attempt's future.
 *
 * <pre>
 * start ─> attempt ──succeeded──────────────────────────────────> completed with its result
 *            │ ^
 *            │ └── retry allowed: after the backoff delay (a completer starts it)
 *            └──── retries spent, or the failure is not retried ─> fallback ─> its outcome
 *                                                               └─ (none) ─> the failure itself
 * </pre>
 *
 * Its attempts and its fallback are its children, one at a time, so cancelling it (or its deadline,
 * inherited from the method that made it, passing) stops the one running; a pending backoff is
 * cancelled with them. Only one attempt is under way at a time: the chain of attempts is
 * sequential, each one started by the end of the one before. An attempt that ends at once (an open
 * circuit, a full bulkhead, an inline executor) does not start the next on its own stack: {@link
 * #attemptSoon} loops instead, so a long run of retries cannot overflow it.
 */
final class GuardedCall<T> extends AsyncCall<T> {
  private static final VarHandle PENDING_ATTEMPTS;

  static {
    try {
      PENDING_ATTEMPTS =
          MethodHandles.lookup().findVarHandle(GuardedCall.class, "pendingAttempts", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Policies policy;
  private final Executor executor;
  private final int kind;
  private final long startedAt;

  /** The method's body and the fallback, until the call is over. */
  private volatile Object body;

  private volatile Object fallback;

  /** Retries started so far; written by the end of one attempt, read by the next. */
  private int retries;

  /** The attempt or fallback under way, if any. */
  private volatile AsyncCall<?> current;

  /** The delay before the next attempt, while one is pending. */
  private volatile Future<?> backoff;

  @SuppressWarnings("unused") // accessed through PENDING_ATTEMPTS
  private volatile int pendingAttempts;

  GuardedCall(
      AsyncCall<?> parent,
      Policies policy,
      Executor executor,
      int kind,
      Object body,
      Object fallback,
      Object carried) {
    super(parent, null, carried);
    this.policy = policy;
    this.executor = executor;
    this.kind = kind;
    this.body = body;
    this.fallback = fallback;
    this.startedAt = System.nanoTime();
  }

  GuardedCall<T> start() {
    if (begin()) {
      attemptSoon();
    }
    return this;
  }

  @Override
  protected Object invoke() {
    throw new AssertionError("a guarded call runs attempts, never a method of its own");
  }

  @Override
  protected void releaseBody() {
    body = null;
    fallback = null;
  }

  /**
   * Its attempts and its fallback are its children, one at a time: kept in {@link #current}, not in
   * a registry. One made after the call was stopped is stopped at once (the call is done before
   * {@link #stopWork} reads {@code current}, and {@code current} is set before this reads whether
   * it is done, so one of the two sees the other).
   */
  @Override
  protected boolean adopt(AsyncCall<?> child) {
    current = child;
    if (isDone()) {
      current = null;
      child.stopWithParent(true);
      return false;
    }
    return true;
  }

  @Override
  protected void stopWork(boolean interrupt, Throwable failure) {
    Future<?> waiting = backoff;
    if (waiting != null) {
      backoff = null;
      waiting.cancel(false);
    }
    AsyncCall<?> running = current;
    if (running != null) {
      current = null;
      running.stopWithParent(interrupt);
    }
    super.stopWork(interrupt, failure);
  }

  /** Starts the next attempt here, or, if this thread is starting one further up, after it. */
  private void attemptSoon() {
    if ((int) PENDING_ATTEMPTS.getAndAdd(this, 1) != 0) {
      return;
    }
    do {
      try {
        attempt();
      } catch (Throwable t) {
        broke(t);
      }
    } while ((int) PENDING_ATTEMPTS.getAndAdd(this, -1) != 1);
  }

  private void attempt() {
    backoff = null;
    Object work = body;
    if (work == null || isDone()) {
      return;
    }
    // The next attempt: CircuitBreaker( Timeout( Bulkhead( method ))).
    if (policy.attempt(this, this, carried(), retries + 1, executor, kind, work) == null) {
      failed(policy.circuitOpen); // the circuit is open: that is the attempt's failure
    }
  }

  /**
   * An attempt has its outcome, which the circuit has counted: called by whoever won the attempt's
   * claim, before the attempt completes.
   */
  void ended(T value, Throwable failure) {
    current = null;
    if (isDone()) {
      return; // cancelled, or out of its inherited deadline: the attempt was stopped with it
    }
    try {
      if (failure == null) {
        retriesEnded(RetryEnd.VALUE_RETURNED);
        finish(value, null);
      } else {
        failed(failure);
      }
    } catch (Throwable t) {
      broke(t);
    }
  }

  /**
   * The runtime's own bookkeeping for this call broke (a hand-built policy's predicate threw): the
   * call fails with that rather than wait for an attempt that will never come.
   */
  void broke(Throwable failure) {
    current = null;
    if (!isDone()) {
      finish(null, failure);
    }
  }

  /**
   * An attempt failed: retry it, fall back, or fail the call with its failure. A retry must start
   * within {@code maxDuration} and before the deadline the call inherited: one that would only wait
   * for that deadline is not scheduled, and the fallback answers at once, with the time left.
   */
  private void failed(Throwable failure) {
    if (isPastDeadline()) {
      expire(); // the inherited deadline has passed: nothing more may start
      return;
    }
    Policies p = policy;
    RetryEnd end;
    // In SmallRye's order: a failure not retried says so even after the last retry.
    if (p.maxRetries == 0) {
      end = RetryEnd.MAX_RETRIES_REACHED; // a fallback alone: nobody is told
    } else if (!p.retriesOn(failure)) {
      end = RetryEnd.NOT_RETRYABLE;
    } else if (p.maxRetries != -1 && retries >= p.maxRetries) {
      end = RetryEnd.MAX_RETRIES_REACHED;
    } else {
      end = RetryEnd.MAX_DURATION_REACHED;
      long delay = nextDelay();
      long elapsed = System.nanoTime() - startedAt;
      if ((p.maxDurationNanos == 0 || delay < p.maxDurationNanos - elapsed)
          && (deadline == NONE || delay < remainingNanos())) {
        if (carried() instanceof Watch watch) {
          watch.retryScheduled(retries + 1, delay, failure);
        }
        retries++;
        if (delay == 0) {
          attemptSoon();
        } else {
          // The next attempt starts on a completer: in the caller's context, as the first did.
          Future<?> waiting =
              Deadlines.schedule(Propagation.inContext(context(), this::attemptSoon), delay);
          backoff = waiting;
          if (isDone()) {
            waiting.cancel(false);
          }
        }
        return;
      }
    }
    retriesEnded(end);
    giveUp(failure);
  }

  /** Tells the listener, if any, why a method with retries retries no more. */
  private void retriesEnded(RetryEnd why) {
    if (policy.maxRetries != 0 && carried() instanceof Watch watch) {
      watch.retriesEnded(retries, why);
    }
  }

  /**
   * The delay before retry number {@code retries + 1}: the delay times the multiplier once per
   * retry before it, capped, then varied by up to the jitter either way.
   */
  private long nextDelay() {
    Policies p = policy;
    double grown = p.retryDelayNanos * Math.pow(p.delayMultiplier, retries);
    if (p.maxDelayNanos > 0) {
      grown = Math.min(grown, p.maxDelayNanos);
    }
    // Both parts at most Policies.LONGEST_NANOS (the jitter is clamped when built), so
    // neither the jitter's bound nor the sum can overflow. NaN (0 times an infinite growth) is 0.
    long delay = grown >= Policies.LONGEST_NANOS ? Policies.LONGEST_NANOS : (long) grown;
    if (p.jitterNanos > 0) {
      delay += ThreadLocalRandom.current().nextLong(-p.jitterNanos, p.jitterNanos + 1);
    }
    return Math.max(0, delay);
  }

  private void giveUp(Throwable failure) {
    Object answer = fallback;
    if (answer == null || !policy.fallsBackOn(failure)) {
      finish(null, failure);
      return;
    }
    if (carried() instanceof Watch watch) {
      watch.fallbackApplied(failure);
    }
    Attempt<T> call = Attempt.fallback(this, policy, kind, answer, failure);
    if (call.begin()) {
      call.executeSelf(executor);
    }
  }

  /** The fallback has its outcome: the call's. */
  void fallbackEnded(T value, Throwable failure) {
    current = null;
    if (!isDone()) {
      finish(value, failure == null ? null : Stages.unwrap(failure));
    }
  }

  private void finish(T value, Throwable failure) {
    endWork();
    releaseBody();
    settle(value, failure);
  }
}
