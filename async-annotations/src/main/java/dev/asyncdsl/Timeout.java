package dev.asyncdsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for an {@link Async} method, counted from the call.
 *
 * <p>When the deadline passes before the method returns, the twin's future fails at once with a
 * {@link DeadlineExceededException}, which is a {@link java.util.concurrent.TimeoutException}, and
 * the thread running the method is interrupted, so blocking work stops. A result that arrives later
 * is dropped. When many deadlines fall within a few milliseconds, every future fails on time first
 * and the interrupts follow, within 50 ms.
 *
 * <p>A call made from inside a running {@code @Timeout} method never outlives its caller: it gets
 * at most the time the caller has left.
 *
 * <p>On a type, it is the default for the type's {@code @Async} methods; a method's own
 * {@code @Timeout} wins.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Timeout {
  /**
   * How long the call may run; must be positive.
   *
   * @return the deadline, in {@link #unit()}s
   */
  long value();

  /**
   * The unit of {@link #value()}.
   *
   * @return the unit, seconds by default
   */
  TimeUnit unit() default TimeUnit.SECONDS;
}
