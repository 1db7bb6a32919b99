package dev.asyncdsl.internal.jfr;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.spi.CallObserver;
import dev.asyncdsl.spi.CallOutcome;

/**
 * What one call tells Flight Recorder. The call's event is begun when the call starts, if its type
 * is enabled then; every other event is made only when its type is enabled at the moment it
 * happens. The runtime tells a call's events one after the other and publishes this object's fields
 * between them, so they need no synchronization.
 */
final class JfrObserver implements CallObserver {
  private final AsyncMethod method;

  /** The call's event, begun; null if its type was disabled when the call started. */
  private final CallEvent call;

  /** The running attempt's event, begun; null between attempts or when its type is disabled. */
  private AttemptEvent attempt;

  /** The number of the last attempt that started or was turned away. */
  private int attempts;

  /** Whether the last attempt timed out: the call's own timeout is then the attempt's. */
  private boolean attemptTimedOut;

  private String retryResult;
  private boolean fallbackApplied;

  JfrObserver(AsyncMethod method) {
    this.method = method;
    CallEvent event = null;
    if (EventTypes.CALL.isEnabled()) {
      event = new CallEvent(method);
      event.begin();
    }
    this.call = event;
  }

  @Override
  public void attemptStarted(int number) {
    attempts = number;
    attemptTimedOut = false;
    if (EventTypes.ATTEMPT.isEnabled()) {
      AttemptEvent event = new AttemptEvent(method, number);
      event.begin();
      attempt = event;
    }
  }

  @Override
  public void circuitRejected(int number) {
    attempts = number;
    attemptTimedOut = false;
    if (EventTypes.CIRCUIT_REJECTION.isEnabled()) {
      new CircuitRejectionEvent(method, number).commit();
    }
  }

  @Override
  public void bulkheadRejected(int number, long waitedNanos) {
    if (EventTypes.BULKHEAD_REJECTION.isEnabled()) {
      new BulkheadRejectionEvent(method, number, waitedNanos).commit();
    }
  }

  @Override
  public void attemptEnded(int number, CallOutcome outcome, Throwable failure, long durationNanos) {
    AttemptEvent event = attempt;
    attempt = null;
    if (event != null && event.attempt == number) {
      event.end();
      if (event.shouldCommit()) {
        event.outcome = outcome.name();
        if (failure != null) {
          event.failureClass = failure.getClass();
          event.failureMessage = failure.getMessage();
        }
        event.commit();
      }
    }
    attemptTimedOut = outcome == CallOutcome.TIMED_OUT;
    if (attemptTimedOut && EventTypes.TIMEOUT.isEnabled()) {
      new TimeoutEvent(method, number, durationNanos).commit();
    }
  }

  @Override
  public void retryScheduled(int number, long delayNanos, Throwable failure) {
    if (EventTypes.RETRY.isEnabled()) {
      RetryEvent event = new RetryEvent(method, number, delayNanos);
      if (failure != null) {
        event.failureClass = failure.getClass();
        event.failureMessage = failure.getMessage();
      }
      event.commit();
    }
  }

  @Override
  public void retriesEnded(int retries, RetryEnd why) {
    retryResult = why.name();
  }

  @Override
  public void fallbackApplied(Throwable failure) {
    fallbackApplied = true;
  }

  @Override
  public void callEnded(CallOutcome outcome, Throwable failure, long durationNanos) {
    if (outcome == CallOutcome.TIMED_OUT && !attemptTimedOut && EventTypes.TIMEOUT.isEnabled()) {
      // The call's own deadline (a method without policies, or one it inherited), not an attempt's.
      new TimeoutEvent(method, 0, durationNanos).commit();
    }
    CallEvent event = call;
    if (event != null) {
      event.end();
      if (event.shouldCommit()) {
        event.outcome = outcome.name();
        if (failure != null) {
          event.failureClass = failure.getClass();
          event.failureMessage = failure.getMessage();
        }
        event.attempts = attempts;
        event.retryResult = retryResult;
        event.fallbackApplied = fallbackApplied;
        event.commit();
      }
    }
  }
}
