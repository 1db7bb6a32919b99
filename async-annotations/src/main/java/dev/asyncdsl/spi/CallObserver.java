package dev.asyncdsl.spi;

/**
 * Hears what happens to one call, from the moment it started to its end: made for it by a {@link
 * CallListener} when the twin's method is called. Every method has a default that does nothing, so
 * an observer overrides what it needs; one that needs nothing per call is {@link #IGNORE}, and the
 * call then tells it nothing.
 *
 * <p>Attempts are numbered from 1. A method without policies has no attempts: it hears {@link
 * #callEnded} alone. A method with policies hears, for each attempt, either {@link #attemptStarted}
 * (its circuit let it through), the bulkhead's events and {@link #attemptEnded}, or {@link
 * #circuitRejected}; then {@link #retryScheduled} or {@link #retriesEnded}, perhaps {@link
 * #fallbackApplied}, and {@link #callEnded} last. Events of one call are told one at a time, in
 * that order, each after the one before has returned (the runtime publishes an observer's fields
 * from one event to the next), but not on one thread: on the caller's, a runner's or a timer's
 * completer, whichever brought the event about. The one exception is {@link #bulkheadReleased} of
 * an attempt that timed out or was cancelled: its method gives the slot back when it finally
 * returns, which may be after later events, {@link #callEnded} included. After {@link #callEnded}
 * nothing else is told: an attempt under way when the call is cancelled is told ended first, with
 * the call's outcome, and one that starts as the call ends is not told at all. Durations are in
 * nanoseconds, from {@link System#nanoTime()}.
 *
 * <p>Observers run on the call's path: they should be quick and should not block. What one throws
 * goes to the thread's uncaught-exception handler, never to the call.
 */
public interface CallObserver {
  /** Hears nothing: a listener returns it for a call it does not follow. */
  CallObserver IGNORE = new CallObserver() {};

  /**
   * The circuit let attempt {@code attempt} through (or the method has no circuit breaker): it
   * starts, first waiting for the bulkhead if there is one.
   *
   * @param attempt the attempt's number, from 1
   */
  default void attemptStarted(int attempt) {}

  /**
   * The circuit was open: attempt {@code attempt} did not run, and fails with {@link
   * dev.asyncdsl.CircuitBreakerOpenException}.
   *
   * @param attempt the attempt's number, from 1
   */
  default void circuitRejected(int attempt) {}

  /**
   * The attempt waits in the bulkhead's queue.
   *
   * @param attempt the attempt's number, from 1
   */
  default void bulkheadQueued(int attempt) {}

  /**
   * The attempt has a slot of the bulkhead, at once or after waiting in its queue.
   *
   * @param attempt the attempt's number, from 1
   * @param waitedNanos how long it waited in the queue, 0 if it did not
   */
  default void bulkheadAccepted(int attempt, long waitedNanos) {}

  /**
   * The bulkhead turned the attempt away: its slots and its queue were full. (An attempt that times
   * out or is cancelled while it waits in the queue just ends, with {@link #attemptEnded}.)
   *
   * @param attempt the attempt's number, from 1
   * @param waitedNanos how long it waited in the queue, 0 if it did not
   */
  default void bulkheadRejected(int attempt, long waitedNanos) {}

  /**
   * The attempt gave its bulkhead slot back: its method has returned (or, for a method that returns
   * a stage, the stage has completed too).
   *
   * @param attempt the attempt's number, from 1
   * @param heldNanos how long it held the slot
   */
  default void bulkheadReleased(int attempt, long heldNanos) {}

  /**
   * The circuit breaker counted the attempt's outcome. An outcome the caller brought about (a
   * cancel, the caller's deadline) is not counted, and not told.
   *
   * @param attempt the attempt's number, from 1
   * @param failure whether it counted as a failure ({@code CircuitBreaker.failOn}), else a success
   */
  default void circuitCounted(int attempt, boolean failure) {}

  /**
   * The attempt has ended.
   *
   * @param attempt the attempt's number, from 1
   * @param outcome how it ended
   * @param failure what it failed with; {@code null} when it succeeded
   * @param durationNanos from its start (before the bulkhead) to its end
   */
  default void attemptEnded(
      int attempt, CallOutcome outcome, Throwable failure, long durationNanos) {}

  /**
   * Attempt {@code attempt} failed and the method retries: attempt {@code attempt + 1} starts after
   * {@code delayNanos}.
   *
   * @param attempt the number of the attempt that failed, from 1
   * @param delayNanos the delay before the next attempt
   * @param failure what the failed attempt failed with
   */
  default void retryScheduled(int attempt, long delayNanos, Throwable failure) {}

  /**
   * The method retries no more, for {@code why}: told once per call of a method with {@link
   * dev.asyncdsl.Retry}, unless the call was cancelled or ran out of its caller's deadline first.
   *
   * @param retries how many retries there were (attempts less one)
   * @param why why it ended
   */
  default void retriesEnded(int retries, RetryEnd why) {}

  /**
   * The fallback answers for the call; the call's outcome is the fallback's.
   *
   * @param failure what the method (its last attempt) failed with
   */
  default void fallbackApplied(Throwable failure) {}

  /**
   * The call has ended. Told once, last, and before its future completes: whoever waits for the
   * call (or runs a dependent of its future) finds done what this did.
   *
   * @param outcome how it ended
   * @param failure what it failed with; {@code null} when it succeeded
   * @param durationNanos from the call of the twin's method to now
   */
  default void callEnded(CallOutcome outcome, Throwable failure, long durationNanos) {}

  /** Why a method stopped retrying: MicroProfile Fault Tolerance's {@code retryResult}. */
  enum RetryEnd {
    /** An attempt succeeded. */
    VALUE_RETURNED,
    /** An attempt failed with what {@code Retry.retryOn} (or {@code abortOn}) does not retry. */
    NOT_RETRYABLE,
    /** The last retry failed: {@code maxRetries} were made. */
    MAX_RETRIES_REACHED,
    /**
     * The next retry could not start within {@code Retry.maxDuration} (or before the deadline the
     * call inherited).
     */
    MAX_DURATION_REACHED
  }
}
