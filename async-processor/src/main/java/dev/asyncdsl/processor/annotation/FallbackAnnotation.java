package dev.asyncdsl.processor.annotation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

/**
 * A {@code @Fallback}: the method to call instead, and on which failures.
 *
 * @param method the name of the fallback method; its value is null when javac already reported
 *     it missing
 */
public record FallbackAnnotation(
    Element holder, AnnotationMirror mirror, Member<String> method, FailureClasses failures)
    implements PolicyAnnotation {
  static FallbackAnnotation read(Elements elements, Element holder, AnnotationMirror mirror) {
    MemberReader members = new MemberReader(elements, mirror);
    return new FallbackAnnotation(
        holder,
        mirror,
        members.string("method"),
        new FailureClasses(members.classes("applyOn"), members.classes("skipOn")));
  }
}
