package dev.asyncdsl.micrometer;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.FaultTolerance.CircuitState;
import dev.asyncdsl.spi.CallObserver.RetryEnd;
import io.micrometer.core.instrument.Tag;

/**
 * The names, tag keys and tag values of MicroProfile Fault Tolerance's metrics, spelled as SmallRye
 * Fault Tolerance registers them in Micrometer ({@code MetricsConstants} and {@code
 * MicrometerRecorder} there).
 */
final class MeterNames {
  private MeterNames() {}

  static final String INVOCATIONS_TOTAL = "ft.invocations.total";

  static final String RETRY_CALLS_TOTAL = "ft.retry.calls.total";
  static final String RETRY_RETRIES_TOTAL = "ft.retry.retries.total";

  static final String TIMEOUT_CALLS_TOTAL = "ft.timeout.calls.total";
  static final String TIMEOUT_EXECUTION_DURATION = "ft.timeout.executionDuration";

  static final String CIRCUIT_BREAKER_CALLS_TOTAL = "ft.circuitbreaker.calls.total";
  static final String CIRCUIT_BREAKER_STATE_CURRENT = "ft.circuitbreaker.state.current";
  static final String CIRCUIT_BREAKER_STATE_TOTAL = "ft.circuitbreaker.state.total";
  static final String CIRCUIT_BREAKER_OPENED_TOTAL = "ft.circuitbreaker.opened.total";

  static final String BULKHEAD_CALLS_TOTAL = "ft.bulkhead.calls.total";
  static final String BULKHEAD_EXECUTIONS_RUNNING = "ft.bulkhead.executionsRunning";
  static final String BULKHEAD_EXECUTIONS_WAITING = "ft.bulkhead.executionsWaiting";
  static final String BULKHEAD_RUNNING_DURATION = "ft.bulkhead.runningDuration";
  static final String BULKHEAD_WAITING_DURATION = "ft.bulkhead.waitingDuration";

  static final Tag RESULT_VALUE_RETURNED = Tag.of("result", "valueReturned");
  static final Tag RESULT_EXCEPTION_THROWN = Tag.of("result", "exceptionThrown");

  static final Tag FALLBACK_APPLIED = Tag.of("fallback", "applied");
  static final Tag FALLBACK_NOT_APPLIED = Tag.of("fallback", "notApplied");
  static final Tag FALLBACK_NOT_DEFINED = Tag.of("fallback", "notDefined");

  static final Tag RETRIED_TRUE = Tag.of("retried", "true");
  static final Tag RETRIED_FALSE = Tag.of("retried", "false");

  static final Tag TIMED_OUT_TRUE = Tag.of("timedOut", "true");
  static final Tag TIMED_OUT_FALSE = Tag.of("timedOut", "false");

  static final Tag CIRCUIT_BREAKER_RESULT_SUCCESS = Tag.of("circuitBreakerResult", "success");
  static final Tag CIRCUIT_BREAKER_RESULT_FAILURE = Tag.of("circuitBreakerResult", "failure");
  static final Tag CIRCUIT_BREAKER_RESULT_OPEN =
      Tag.of("circuitBreakerResult", "circuitBreakerOpen");

  static final Tag BULKHEAD_RESULT_ACCEPTED = Tag.of("bulkheadResult", "accepted");
  static final Tag BULKHEAD_RESULT_REJECTED = Tag.of("bulkheadResult", "rejected");

  /**
   * The {@code retryResult} tag of why a method stopped retrying.
   *
   * @param why the reason
   * @return the tag
   */
  static Tag retryResult(RetryEnd why) {
    switch (why) {
      case VALUE_RETURNED:
        return Tag.of("retryResult", "valueReturned");
      case NOT_RETRYABLE:
        return Tag.of("retryResult", "exceptionNotRetryable");
      case MAX_RETRIES_REACHED:
        return Tag.of("retryResult", "maxRetriesReached");
      case MAX_DURATION_REACHED:
        return Tag.of("retryResult", "maxDurationReached");
      default:
        throw new IllegalArgumentException("no retryResult for " + why);
    }
  }

  /**
   * The {@code state} tag of a circuit's state.
   *
   * @param state the state
   * @return the tag
   */
  static Tag circuitState(CircuitState state) {
    switch (state) {
      case CLOSED:
        return Tag.of("state", "closed");
      case OPEN:
        return Tag.of("state", "open");
      case HALF_OPEN:
        return Tag.of("state", "halfOpen");
      default:
        throw new IllegalArgumentException("no state tag for " + state);
    }
  }

  /**
   * The {@code method} tag of {@code method}: its class's canonical name and its name, as SmallRye
   * writes it ({@code beanClass.getCanonicalName() + "." + methodName}). {@link
   * AsyncMethod#className()} is the binary name, so a nested class's {@code $} becomes a dot:
   * {@code com.example.Outer$Inner} and {@code celsius} make {@code
   * com.example.Outer.Inner.celsius}. A method known only by its name is tagged with that name.
   *
   * @param method the method
   * @return the tag
   */
  static Tag method(AsyncMethod method) {
    String className = method.className();
    return Tag.of(
        "method",
        className.isEmpty()
            ? method.methodName()
            : className.replace('$', '.') + "." + method.methodName());
  }
}
