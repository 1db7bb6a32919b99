package dev.asyncdsl.processor.annotation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/** A {@code @Durable}: how often JobRunr retries the job, and its name in the dashboard. */
public record DurableAnnotation(
    Element holder, AnnotationMirror mirror, Member<Integer> retries, Member<String> name)
    implements PolicyAnnotation {
  static DurableAnnotation read(MemberReader members) {
    return new DurableAnnotation(
        members.holder(), members.mirror(), members.integer("retries"), members.string("name"));
  }
}
