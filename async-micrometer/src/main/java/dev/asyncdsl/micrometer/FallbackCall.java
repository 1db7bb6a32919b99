package dev.asyncdsl.micrometer;

import dev.asyncdsl.spi.CallObserver;
import dev.asyncdsl.spi.CallOutcome;

/**
 * The observer of one call with a fallback: the only state a call needs, whether its fallback was
 * applied, kept as which of the method's shared observers it passes the events to. One reference
 * field, so 16 bytes per call with compressed references.
 *
 * <p>Not volatile: the runtime tells a call's events one after the other and publishes an
 * observer's fields from one to the next. The one event that may come late, {@link
 * #bulkheadReleased}, counts the same with either observer.
 */
final class FallbackCall implements CallObserver {
  private MethodObserver meters;

  FallbackCall(MethodObserver notApplied) {
    this.meters = notApplied;
  }

  @Override
  public void fallbackApplied(Throwable failure) {
    MethodObserver applied = meters.applied;
    if (applied != null) {
      meters = applied;
    }
  }

  @Override
  public void callEnded(CallOutcome outcome, Throwable failure, long durationNanos) {
    meters.callEnded(outcome, failure, durationNanos);
  }

  @Override
  public void attemptStarted(int attempt) {}

  @Override
  public void circuitRejected(int attempt) {
    meters.circuitRejected(attempt);
  }

  @Override
  public void bulkheadQueued(int attempt) {
    meters.bulkheadQueued(attempt);
  }

  @Override
  public void bulkheadAccepted(int attempt, long waitedNanos) {
    meters.bulkheadAccepted(attempt, waitedNanos);
  }

  @Override
  public void bulkheadRejected(int attempt, long waitedNanos) {
    meters.bulkheadRejected(attempt, waitedNanos);
  }

  @Override
  public void bulkheadReleased(int attempt, long heldNanos) {
    meters.bulkheadReleased(attempt, heldNanos);
  }

  @Override
  public void circuitCounted(int attempt, boolean failure) {
    meters.circuitCounted(attempt, failure);
  }

  @Override
  public void attemptEnded(
      int attempt, CallOutcome outcome, Throwable failure, long durationNanos) {
    meters.attemptEnded(attempt, outcome, failure, durationNanos);
  }

  @Override
  public void retryScheduled(int attempt, long delayNanos, Throwable failure) {
    meters.retryScheduled(attempt, delayNanos, failure);
  }

  @Override
  public void retriesEnded(int retries, RetryEnd why) {
    meters.retriesEnded(retries, why);
  }
}
