package dev.asyncdsl.processor.annotation;

import javax.lang.model.element.AnnotationValue;

/**
 * One member of an annotation: its value, written or by default, and where it was written, to
 * report on.
 *
 * @param name the member's name, as messages write it
 * @param value the value, the default when nothing was written
 * @param at the value as written; null when the member was left to its default, and a report then
 *     goes on the annotation
 */
public record Member<T>(String name, T value, AnnotationValue at) {}
