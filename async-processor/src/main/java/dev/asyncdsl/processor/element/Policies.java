package dev.asyncdsl.processor.element;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Reads the fault-tolerance annotations ({@code @Retry}, {@code @Fallback}, {@code @Bulkhead},
 * {@code @CircuitBreaker}) through their mirrors, defaults included.
 */
public final class Policies {
  private Policies() {}

  /** The simple name, as messages write the annotation: {@code Retry}. */
  public static String simpleName(String annotation) {
    return annotation.substring(annotation.lastIndexOf('.') + 1);
  }

  /** The policy that applies to {@code method}: its own annotation, else its type's. */
  public static Optional<AnnotationMirror> applying(ExecutableElement method, String annotation) {
    return Inspector.applying(method, annotation);
  }

  /** Whether any policy applies to {@code method}. */
  public static boolean anyApplies(ExecutableElement method) {
    return RuntimeNames.POLICIES.stream().anyMatch(annotation -> applying(method, annotation).isPresent());
  }

  /** Whether the annotation has a member {@code name} ({@code retryOn} is @Retry's only). */
  public static boolean hasMember(AnnotationMirror mirror, String name) {
    return ElementFilter.methodsIn(mirror.getAnnotationType().asElement().getEnclosedElements())
        .stream()
        .anyMatch(member -> member.getSimpleName().contentEquals(name));
  }

  /** The value of member {@code name}, written or by default. */
  public static AnnotationValue value(Elements elements, AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    throw new IllegalArgumentException("no member " + name + " in " + mirror);
  }

  /**
   * The value written for member {@code name}, to report on; null when it was left to its
   * default (the report then goes on the annotation).
   */
  public static AnnotationValue written(AnnotationMirror mirror, String name) {
    return Inspector.member(mirror, name).orElse(null);
  }

  public static long longValue(Elements elements, AnnotationMirror mirror, String name) {
    return ((Number) value(elements, mirror, name).getValue()).longValue();
  }

  public static int intValue(Elements elements, AnnotationMirror mirror, String name) {
    return ((Number) value(elements, mirror, name).getValue()).intValue();
  }

  public static double doubleValue(Elements elements, AnnotationMirror mirror, String name) {
    return ((Number) value(elements, mirror, name).getValue()).doubleValue();
  }

  public static String stringValue(Elements elements, AnnotationMirror mirror, String name) {
    return (String) value(elements, mirror, name).getValue();
  }

  /** The name of a {@code TimeUnit} member's constant. */
  public static String unit(Elements elements, AnnotationMirror mirror, String name) {
    return ((VariableElement) value(elements, mirror, name).getValue()).getSimpleName().toString();
  }

  /** The classes a {@code Class<? extends Throwable>[]} member names, in the order written. */
  public static List<TypeMirror> classes(Elements elements, AnnotationMirror mirror, String name) {
    List<TypeMirror> classes = new ArrayList<>();
    Object value = value(elements, mirror, name).getValue();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        Object type = ((AnnotationValue) item).getValue();
        if (type instanceof TypeMirror mirrorType) {
          classes.add(mirrorType);
        }
      }
    }
    return classes;
  }

  /**
   * The entry of member {@code name} naming {@code type}, to report on; the whole member if it
   * cannot be told apart.
   */
  public static AnnotationValue entryNaming(AnnotationMirror mirror, String name, TypeMirror type) {
    AnnotationValue member = written(mirror, name);
    if (member != null && member.getValue() instanceof List<?> list) {
      for (Object item : list) {
        AnnotationValue entry = (AnnotationValue) item;
        if (entry.getValue() instanceof TypeMirror named && named.toString().equals(type.toString())) {
          return entry;
        }
      }
    }
    return member;
  }

  /**
   * Whether every value of the policies on {@code element} is resolved: a class in {@code retryOn}
   * generated later in this build, or a constant not yet computed, has no value to read yet.
   */
  public static boolean isResolved(Element element) {
    for (String annotation : RuntimeNames.POLICIES) {
      Optional<AnnotationMirror> mirror = Inspector.annotation(element, annotation);
      if (mirror.isEmpty()) {
        continue;
      }
      for (AnnotationValue value : mirror.get().getElementValues().values()) {
        if (!isResolved(value.getValue())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isResolved(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().allMatch(item -> isResolved(((AnnotationValue) item).getValue()));
    }
    if (value instanceof TypeMirror type) {
      return type.getKind() != TypeKind.ERROR;
    }
    if (value instanceof String text) {
      return !text.equals("<error>");
    }
    return value instanceof Number || value instanceof VariableElement;
  }
}
