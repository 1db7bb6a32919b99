package dev.asyncdsl.processor.annotation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * A {@code @Fallback}: the method to call instead, and on which failures.
 *
 * @param method the name of the fallback method; its value is null when javac already reported it
 *     missing
 */
public record FallbackAnnotation(
    Element holder, AnnotationMirror mirror, Member<String> method, FailureClasses failures)
    implements PolicyAnnotation {
  static FallbackAnnotation read(MemberReader members) {
    return new FallbackAnnotation(
        members.holder(),
        members.mirror(),
        members.string("method"),
        members.failures("applyOn", "skipOn"));
  }
}
