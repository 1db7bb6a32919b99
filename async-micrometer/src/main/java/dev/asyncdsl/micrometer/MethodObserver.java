package dev.asyncdsl.micrometer;

import dev.asyncdsl.spi.CallObserver;
import dev.asyncdsl.spi.CallOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * What hears every call of one method with one set of policies, for one registry: stateless, shared
 * by all those calls, since each event says all it needs. It holds the method's meters, resolved
 * once; the meters of a policy the method does not have are null, and their events never come.
 *
 * <p>A call with a fallback needs one bit of its own, whether the fallback was applied: {@link
 * FallbackCall} keeps it, and switches to {@link #applied} when it was.
 */
final class MethodObserver implements CallObserver {
  // ft.invocations.total, with this observer's fallback tag.
  private final Counter valueReturned;
  private final Counter exceptionThrown;

  /** The same meters counting the call's end as {@code fallback=applied}; null without one. */
  final MethodObserver applied;

  // Retry: ft.retry.retries.total and ft.retry.calls.total by [retried][retryResult].
  private final Counter retries;
  private final Counter[] retryCalls;

  // Timeout
  private final Counter timedOut;
  private final Counter notTimedOut;
  private final Timer executionDuration;

  /**
   * Whether the timeout is counted when the call ends rather than per attempt: for a method whose
   * only policy is a timeout, whose call is its one attempt. A twin calls it through a {@code
   * TimedMethod}, a plain call that tells no attempt; called under a {@code FaultTolerance}, its
   * single attempt ends as the call does, so the two are counted alike.
   */
  private final boolean timeoutPerCall;

  // CircuitBreaker
  private final Counter circuitSuccess;
  private final Counter circuitFailure;
  private final Counter circuitOpen;

  // Bulkhead
  private final Counter bulkheadAccepted;
  private final Counter bulkheadRejected;
  private final Timer bulkheadRunning;
  private final Timer bulkheadWaiting;

  /**
   * The observer of calls that end counted by {@code valueReturned} and {@code exceptionThrown},
   * with the policies' meters {@code meters} holds (those of a policy absent are null).
   */
  MethodObserver(
      Counter valueReturned,
      Counter exceptionThrown,
      MethodObserver applied,
      MethodMeters.Policy meters,
      boolean timeoutPerCall) {
    this.valueReturned = valueReturned;
    this.timeoutPerCall = timeoutPerCall;
    this.exceptionThrown = exceptionThrown;
    this.applied = applied;
    this.retries = meters.retries;
    this.retryCalls = meters.retryCalls;
    this.timedOut = meters.timedOut;
    this.notTimedOut = meters.notTimedOut;
    this.executionDuration = meters.executionDuration;
    this.circuitSuccess = meters.circuitSuccess;
    this.circuitFailure = meters.circuitFailure;
    this.circuitOpen = meters.circuitOpen;
    this.bulkheadAccepted = meters.bulkheadAccepted;
    this.bulkheadRejected = meters.bulkheadRejected;
    this.bulkheadRunning = meters.bulkheadRunning;
    this.bulkheadWaiting = meters.bulkheadWaiting;
  }

  @Override
  public void callEnded(CallOutcome outcome, Throwable failure, long durationNanos) {
    (outcome == CallOutcome.SUCCEEDED ? valueReturned : exceptionThrown).increment();
    if (timeoutPerCall) {
      timeoutEnded(outcome, durationNanos);
    }
  }

  // Retry: once per call; the retries as they are scheduled, as SmallRye counts them.

  @Override
  public void retryScheduled(int attempt, long delayNanos, Throwable failure) {
    if (retries != null) {
      retries.increment();
    }
  }

  @Override
  public void retriesEnded(int retries, RetryEnd why) {
    if (retryCalls != null) {
      retryCalls[MethodMeters.retryIndex(retries > 0, why)].increment();
    }
  }

  // Timeout, circuit breaker and bulkhead: once per attempt, as they wrap each attempt.

  @Override
  public void attemptEnded(
      int attempt, CallOutcome outcome, Throwable failure, long durationNanos) {
    if (executionDuration != null && !timeoutPerCall) {
      timeoutEnded(outcome, durationNanos);
    }
  }

  private void timeoutEnded(CallOutcome outcome, long durationNanos) {
    (outcome == CallOutcome.TIMED_OUT ? timedOut : notTimedOut).increment();
    executionDuration.record(durationNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void circuitCounted(int attempt, boolean failure) {
    if (circuitSuccess != null) {
      (failure ? circuitFailure : circuitSuccess).increment();
    }
  }

  @Override
  public void circuitRejected(int attempt) {
    if (circuitOpen != null) {
      circuitOpen.increment();
    }
  }

  /**
   * A place in the queue: SmallRye's bulkhead accepts an attempt when it takes a slot or a place in
   * the queue, so the acceptance is counted here, not again when it gets its slot.
   */
  @Override
  public void bulkheadQueued(int attempt) {
    if (bulkheadAccepted != null) {
      bulkheadAccepted.increment();
    }
  }

  /**
   * A slot: counted as accepted unless the attempt waited in the queue (counted when it was
   * queued); its wait, 0 if it did not, is recorded as SmallRye records every accepted attempt's.
   */
  @Override
  public void bulkheadAccepted(int attempt, long waitedNanos) {
    if (bulkheadAccepted != null) {
      if (waitedNanos == 0) {
        bulkheadAccepted.increment();
      }
      bulkheadWaiting.record(waitedNanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void bulkheadRejected(int attempt, long waitedNanos) {
    if (bulkheadRejected != null) {
      bulkheadRejected.increment();
    }
  }

  @Override
  public void bulkheadReleased(int attempt, long heldNanos) {
    if (bulkheadRunning != null) {
      bulkheadRunning.record(heldNanos, TimeUnit.NANOSECONDS);
    }
  }
}
