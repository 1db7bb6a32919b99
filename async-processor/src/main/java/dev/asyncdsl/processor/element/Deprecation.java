package dev.asyncdsl.processor.element;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Whether naming or calling an element warns, as javac decides: deprecation and its suppression.
 */
public final class Deprecation {
  private final Elements elements;

  Deprecation(Elements elements) {
    this.elements = elements;
  }

  /** Whether {@code element} or an element enclosing it is deprecated. */
  public boolean isInDeprecatedContext(Element element) {
    for (Element current = element; current != null; current = current.getEnclosingElement()) {
      if (elements.isDeprecated(current)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code element} is {@code @Deprecated(forRemoval = true)}. */
  public static boolean isForRemoval(Element element) {
    Deprecated deprecated = element.getAnnotation(Deprecated.class);
    return deprecated != null && deprecated.forRemoval();
  }

  /** Whether {@code @SuppressWarnings} on {@code element} or one enclosing it names {@code key}. */
  public static boolean suppresses(Element element, String key) {
    for (Element current = element; current != null; current = current.getEnclosingElement()) {
      SuppressWarnings annotation = current.getAnnotation(SuppressWarnings.class);
      if (annotation != null && List.of(annotation.value()).contains(key)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code type} or a type enclosing it is deprecated. */
  public boolean isDeprecatedInChain(TypeElement type) {
    return Nesting.enclosingChain(type).stream().anyMatch(elements::isDeprecated);
  }
}
