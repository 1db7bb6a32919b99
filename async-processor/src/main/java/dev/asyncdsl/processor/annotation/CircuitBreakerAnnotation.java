package dev.asyncdsl.processor.annotation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/** A {@code @CircuitBreaker}: when the circuit opens, how long it stays open, what counts. */
public record CircuitBreakerAnnotation(
    Element holder,
    AnnotationMirror mirror,
    Member<Integer> requestVolumeThreshold,
    Member<Double> failureRatio,
    TimedMember delay,
    Member<Integer> successThreshold,
    FailureClasses failures)
    implements PolicyAnnotation {
  static CircuitBreakerAnnotation read(MemberReader members) {
    return new CircuitBreakerAnnotation(
        members.holder(),
        members.mirror(),
        members.integer("requestVolumeThreshold"),
        members.decimal("failureRatio"),
        members.timed("delay", "delayUnit"),
        members.integer("successThreshold"),
        members.failures("failOn", "skipOn"));
  }
}
