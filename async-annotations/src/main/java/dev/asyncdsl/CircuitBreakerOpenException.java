package dev.asyncdsl;

/**
 * The call failed at once because the {@link CircuitBreaker} of its method is open (or half-open
 * with all its trial calls running): the method did not run.
 */
public final class CircuitBreakerOpenException extends FaultToleranceException {
  private static final long serialVersionUID = 1L;

  CircuitBreakerOpenException(String method) {
    super(method);
  }

  @Override
  String reason() {
    return "the circuit breaker is open; the call failed fast without running";
  }
}
