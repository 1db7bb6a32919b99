package dev.asyncdsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

/**
 * Stops calling an {@link Async} method that keeps failing, and lets calls fail fast with a {@link
 * CircuitBreakerOpenException} instead, as MicroProfile Fault Tolerance's {@code @CircuitBreaker}
 * does.
 *
 * <ul>
 *   <li><b>Closed</b>: calls run; the outcomes of the last {@link #requestVolumeThreshold()} are
 *       kept, and when that many have been seen and the share of failures among them reaches {@link
 *       #failureRatio()}, the circuit opens.
 *   <li><b>Open</b>: calls fail at once, without running, for {@link #delay()}; then the circuit is
 *       half-open.
 *   <li><b>Half-open</b>: up to {@link #successThreshold()} trial calls run at once (others fail
 *       fast); that many successes close the circuit, one failure opens it again.
 * </ul>
 *
 * <p>A failure counts when it is an instance of a class in {@link #failOn()} and of none in {@link
 * #skipOn()} (which wins); any other outcome counts as a success. A {@link Timeout} that passes and
 * a full {@link Bulkhead} count as failures (both act inside the circuit breaker); a cancelled call
 * does not count. With {@link Retry}, every attempt passes the circuit breaker on its own.
 *
 * <p>The circuit belongs to the method: every twin of the type shares it, unless the twin was made
 * with {@link FaultTolerance.StateScope#TWIN}. {@link FaultTolerance#circuitState()} tells its
 * state.
 *
 * <p>On a type, it is the default for the type's {@code @Async} methods, each with a circuit of its
 * own; a method's own {@code @CircuitBreaker} wins.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CircuitBreaker {
  /**
   * How many of the latest outcomes the closed circuit weighs.
   *
   * @return the size of the rolling window, at least 1
   */
  int requestVolumeThreshold() default 20;

  /**
   * The share of failures in the window that opens the circuit.
   *
   * @return a ratio between 0 and 1
   */
  double failureRatio() default 0.5;

  /**
   * How long the circuit stays open before it lets trial calls through.
   *
   * @return the delay, not negative, in {@link #delayUnit()}s
   */
  long delay() default 5000;

  /**
   * The unit of {@link #delay()}.
   *
   * @return the unit, milliseconds by default
   */
  TimeUnit delayUnit() default TimeUnit.MILLISECONDS;

  /**
   * How many trial calls in a row must succeed to close a half-open circuit.
   *
   * @return the successes needed, at least 1
   */
  int successThreshold() default 1;

  /**
   * The failures that count against the circuit.
   *
   * @return the failures that count, {@link Throwable} by default
   */
  Class<? extends Throwable>[] failOn() default {Throwable.class};

  /**
   * The failures that count as successes, even when they match {@link #failOn()}.
   *
   * @return the failures that do not count
   */
  Class<? extends Throwable>[] skipOn() default {};
}
