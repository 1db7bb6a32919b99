package dev.asyncdsl;

/**
 * A call failed by a fault-tolerance policy without its method running: {@link
 * CircuitBreakerOpenException} or {@link BulkheadFullException}.
 *
 * <p>It has no stack trace: it is raised by the runtime before the method runs, so its stack would
 * say nothing about the method, and an open circuit must reject a burst of calls cheaply. Where the
 * future is awaited shows the place that matters.
 */
public abstract class FaultToleranceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The method the policy guards, as {@code Type.method(Params)}, or null. */
  private final String method;

  FaultToleranceException(String method) {
    super(null, null, false, false);
    this.method = method;
  }

  /**
   * The method whose call failed, as {@code Type.method(Params)}.
   *
   * @return the method, or null for a policy made by hand without a name
   */
  public final String method() {
    return method;
  }

  /** What went wrong, without the method. */
  abstract String reason();

  /** The method and what went wrong, built when asked for. */
  @Override
  public final String getMessage() {
    return method == null ? reason() : method + ": " + reason();
  }
}
