package dev.asyncdsl.processor.annotation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/** A {@code @Bulkhead}: how many calls may run at once, and how many may wait. */
public record BulkheadAnnotation(
    Element holder,
    AnnotationMirror mirror,
    Member<Integer> value,
    Member<Integer> waitingTaskQueue)
    implements PolicyAnnotation {
  static BulkheadAnnotation read(MemberReader members) {
    return new BulkheadAnnotation(
        members.holder(),
        members.mirror(),
        members.integer("value"),
        members.integer("waitingTaskQueue"));
  }
}
