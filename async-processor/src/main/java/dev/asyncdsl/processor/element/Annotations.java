package dev.asyncdsl.processor.element;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Finds annotations on elements by qualified name, through their mirrors: never {@code
 * getAnnotation}, which would need the annotation's class on the processor's own class path.
 */
public final class Annotations {
  private Annotations() {}

  /** The annotation of the given type on {@code element}, if present. */
  public static Optional<AnnotationMirror> annotation(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotationType.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  public static boolean has(Element element, String qualifiedName) {
    return annotation(element, qualifiedName).isPresent();
  }
}
