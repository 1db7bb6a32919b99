package dev.asyncdsl.processor.annotation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

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
  static CircuitBreakerAnnotation read(Elements elements, Element holder, AnnotationMirror mirror) {
    MemberReader members = new MemberReader(elements, mirror);
    return new CircuitBreakerAnnotation(
        holder,
        mirror,
        members.integer("requestVolumeThreshold"),
        members.decimal("failureRatio"),
        members.timed("delay", "delayUnit"),
        members.integer("successThreshold"),
        new FailureClasses(members.classes("failOn"), members.classes("skipOn")));
  }
}
