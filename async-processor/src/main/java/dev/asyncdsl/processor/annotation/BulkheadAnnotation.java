package dev.asyncdsl.processor.annotation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

/** A {@code @Bulkhead}: how many calls may run at once, and how many may wait. */
public record BulkheadAnnotation(
    Element holder, AnnotationMirror mirror, Member<Integer> value, Member<Integer> waitingTaskQueue)
    implements PolicyAnnotation {
  static BulkheadAnnotation read(Elements elements, Element holder, AnnotationMirror mirror) {
    MemberReader members = new MemberReader(elements, mirror);
    return new BulkheadAnnotation(
        holder, mirror, members.integer("value"), members.integer("waitingTaskQueue"));
  }
}
