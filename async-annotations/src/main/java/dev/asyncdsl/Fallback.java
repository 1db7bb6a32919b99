package dev.asyncdsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * When an {@link Async} method fails (after its {@link Retry retries}, if any), runs another method
 * of the same type instead; its result, or its failure, is the call's.
 *
 * <p>The fallback method is checked at compile time: it is declared in the same type (or
 * inherited), is not private, takes the {@code @Async} method's parameter types, optionally
 * followed by one {@link Throwable} (or subtype) parameter that receives the failure, returns a
 * type assignable to the method's, and is static if the method is. It runs on the same executor,
 * within what is left of a deadline the call inherited; its own exceptions are the call's.
 *
 * <p>A failure that is an instance of a class in {@link #skipOn()} (which wins) or of none in
 * {@link #applyOn()} is the call's failure, with no fallback. A call its caller cancelled never
 * falls back; a {@link java.util.concurrent.CancellationException} the method threw is a failure
 * like any other.
 *
 * <p>On a type (which MicroProfile does not allow), it is the default for the type's {@code @Async}
 * methods, each of which must have a fitting method of that name; a method's own {@code @Fallback}
 * wins.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Fallback {
  /**
   * The name of the method to run instead.
   *
   * @return a method name of the same type
   */
  String method();

  /**
   * The failures to fall back on.
   *
   * @return the failures the fallback answers, {@link Throwable} by default
   */
  Class<? extends Throwable>[] applyOn() default {Throwable.class};

  /**
   * The failures never to fall back on, even when they match {@link #applyOn()}.
   *
   * @return the failures the caller sees as they are
   */
  Class<? extends Throwable>[] skipOn() default {};
}
