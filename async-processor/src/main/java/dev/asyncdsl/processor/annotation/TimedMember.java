package dev.asyncdsl.processor.annotation;

import java.util.concurrent.TimeUnit;
import javax.lang.model.element.AnnotationValue;

/**
 * A length of time an annotation gives in two members: the amount, and the {@code TimeUnit} it
 * counts in ({@code delay} and {@code delayUnit}).
 *
 * @param name the amount's member, as messages write it
 * @param value the amount, written or by default
 * @param unit the name of the {@code TimeUnit} constant, written or by default
 * @param at the amount as written; null when left to its default
 */
public record TimedMember(String name, long value, String unit, AnnotationValue at) {
  /** The length in nanoseconds, {@code Long.MAX_VALUE} when it overflows. */
  public long nanos() {
    return TimeUnit.valueOf(unit).toNanos(value);
  }
}
