package dev.asyncdsl.processor.annotation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;

/**
 * A {@code @Timeout}: the longest an attempt may take.
 *
 * @param value the time, in its unit ({@code SECONDS} by default)
 */
public record TimeoutAnnotation(Element holder, AnnotationMirror mirror, TimedMember value)
    implements PolicyAnnotation {
  private static final String VALUE = "value";
  private static final String UNIT = "unit";

  static TimeoutAnnotation read(MemberReader members) {
    return new TimeoutAnnotation(members.holder(), members.mirror(), members.timed(VALUE, UNIT));
  }

  /**
   * Whether the members hold values: a {@code @Timeout(Limits.SLOW)} whose constant is not
   * generated yet has none, and neither has one whose required value is missing.
   */
  static boolean isResolved(AnnotationMirror timeout) {
    AnnotationValue value = MemberReader.written(timeout, VALUE);
    AnnotationValue unit = MemberReader.written(timeout, UNIT);
    return value != null
        && value.getValue() instanceof Number
        && (unit == null || unit.getValue() instanceof VariableElement);
  }
}
