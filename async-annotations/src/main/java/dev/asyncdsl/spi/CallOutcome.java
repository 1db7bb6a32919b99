package dev.asyncdsl.spi;

/** How a call, or one attempt of it, ended: told to a {@link CallObserver}. */
public enum CallOutcome {
  /** It completed with a value (or, for a {@code void} method, normally). */
  SUCCEEDED,
  /**
   * It failed with what its method (or its fallback) threw, or with a failure from outside it: an
   * open circuit, a full bulkhead, an executor's refusal, {@code completeExceptionally} with
   * anything but a timeout or a cancellation (those are {@link #TIMED_OUT} and {@link #CANCELLED}).
   */
  FAILED,
  /**
   * Its deadline passed: its own {@code @Timeout}, or one it inherited from the call that made it;
   * a call under {@code Retry} whose last attempt timed out, failing with that. The failure is a
   * {@link dev.asyncdsl.DeadlineExceededException}.
   */
  TIMED_OUT,
  /** It was cancelled: by its caller, or with the call that made it, or by a failed gather. */
  CANCELLED
}
