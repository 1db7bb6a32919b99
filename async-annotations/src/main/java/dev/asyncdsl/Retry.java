package dev.asyncdsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

/**
 * Runs an {@link Async} method again when it fails, as MicroProfile Fault Tolerance's
 * {@code @Retry} does; the processor checks every value at compile time.
 *
 * <p>A failure matching {@link #retryOn()} and not {@link #abortOn()} (which wins) starts a new
 * attempt after {@link #delay()}, give or take up to {@link #jitter()}; with a {@link
 * #delayMultiplier()} above 1 each delay is that many times the one before, capped by {@link
 * #maxDelay()} when it is positive. The call fails with the last attempt's own exception once
 * {@link #maxRetries()} retries have failed, or when the next attempt would start after {@link
 * #maxDuration()} (counted from the call). A {@link Timeout} bounds each attempt; a deadline the
 * call inherits from the method that made it bounds the whole, backoff delays included. Cancelling
 * the twin's future stops the running attempt and starts no other.
 *
 * <p>The policies wrap the method in a fixed order: {@code Fallback(Retry(CircuitBreaker(
 * Timeout(Bulkhead(method)))))}. So every attempt passes the circuit breaker, an open circuit's
 * {@link CircuitBreakerOpenException} is retried like any other exception, and a fallback runs only
 * once the retries are spent.
 *
 * <p>On a type, it is the default for the type's {@code @Async} methods; a method's own
 * {@code @Retry} wins.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Retry {
  /**
   * How many times to retry after the first attempt; {@code -1} retries until {@link
   * #maxDuration()}, {@code 0} never retries.
   *
   * @return the most retries, at least -1
   */
  int maxRetries() default 3;

  /**
   * How long to wait before each retry (before the backoff multiplies it).
   *
   * @return the delay, not negative, in {@link #delayUnit()}s
   */
  long delay() default 0;

  /**
   * The unit of {@link #delay()}.
   *
   * @return the unit, milliseconds by default
   */
  TimeUnit delayUnit() default TimeUnit.MILLISECONDS;

  /**
   * How long, from the call, retries may still start; {@code 0} sets no limit. When set it must be
   * longer than {@link #delay()}.
   *
   * @return the longest time to keep retrying, in {@link #durationUnit()}s
   */
  long maxDuration() default 180_000;

  /**
   * The unit of {@link #maxDuration()}.
   *
   * @return the unit, milliseconds by default
   */
  TimeUnit durationUnit() default TimeUnit.MILLISECONDS;

  /**
   * How much each delay may vary at random, either way, so that failing callers do not all retry at
   * the same instant.
   *
   * @return the jitter, not negative, in {@link #jitterUnit()}s
   */
  long jitter() default 0;

  /**
   * The unit of {@link #jitter()}.
   *
   * @return the unit, milliseconds by default
   */
  TimeUnit jitterUnit() default TimeUnit.MILLISECONDS;

  /**
   * By how much each delay grows over the one before: {@code 1} keeps it constant, {@code 2}
   * doubles it (exponential backoff).
   *
   * @return the multiplier, at least 1
   */
  double delayMultiplier() default 1.0;

  /**
   * The longest a growing delay gets; {@code 0} sets no cap.
   *
   * @return the cap, not negative, in {@link #maxDelayUnit()}s
   */
  long maxDelay() default 0;

  /**
   * The unit of {@link #maxDelay()}.
   *
   * @return the unit, milliseconds by default
   */
  TimeUnit maxDelayUnit() default TimeUnit.MILLISECONDS;

  /**
   * The failures to retry: an exception that is an instance of one of these.
   *
   * @return the failures to retry, {@link Exception} by default
   */
  Class<? extends Throwable>[] retryOn() default {Exception.class};

  /**
   * The failures never to retry, even when they match {@link #retryOn()}.
   *
   * @return the failures that end the call at once
   */
  Class<? extends Throwable>[] abortOn() default {};
}
