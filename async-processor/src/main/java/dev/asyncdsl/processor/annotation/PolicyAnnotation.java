package dev.asyncdsl.processor.annotation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * One of asyncdsl's annotations on a method or type, read once into a record of its members, with
 * what it takes to report on it: the element it is on and its mirror.
 */
public sealed interface PolicyAnnotation
    permits TimeoutAnnotation,
        RetryAnnotation,
        FallbackAnnotation,
        BulkheadAnnotation,
        CircuitBreakerAnnotation,
        DurableAnnotation {
  /** The method or type the annotation is written on. */
  Element holder();

  AnnotationMirror mirror();

  /** The simple name, as messages write the annotation: {@code Retry}. */
  default String simpleName() {
    return mirror().getAnnotationType().asElement().getSimpleName().toString();
  }
}
