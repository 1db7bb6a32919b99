package dev.asyncdsl.processor.annotation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/** A {@code @Retry}: how often and how long to try again, and on which failures. */
public record RetryAnnotation(
    Element holder,
    AnnotationMirror mirror,
    Member<Integer> maxRetries,
    TimedMember delay,
    TimedMember maxDuration,
    TimedMember jitter,
    Member<Double> delayMultiplier,
    TimedMember maxDelay,
    FailureClasses failures)
    implements PolicyAnnotation {
  static RetryAnnotation read(MemberReader members) {
    return new RetryAnnotation(
        members.holder(),
        members.mirror(),
        members.integer("maxRetries"),
        members.timed("delay", "delayUnit"),
        members.timed("maxDuration", "durationUnit"),
        members.timed("jitter", "jitterUnit"),
        members.decimal("delayMultiplier"),
        members.timed("maxDelay", "maxDelayUnit"),
        members.failures("retryOn", "abortOn"));
  }
}
