package dev.asyncdsl.processor.annotation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads the members of one annotation mirror by name, defaults included, for the records of this
 * package; only they spell member names.
 */
final class MemberReader {
  private final Element holder;
  private final AnnotationMirror mirror;
  private final Map<String, AnnotationValue> values = new HashMap<>();
  private final Map<String, AnnotationValue> written = new HashMap<>();

  MemberReader(Elements elements, Element holder, AnnotationMirror mirror) {
    this.holder = holder;
    this.mirror = mirror;
    elements
        .getElementValuesWithDefaults(mirror)
        .forEach((member, value) -> values.put(name(member), value));
    mirror.getElementValues().forEach((member, value) -> written.put(name(member), value));
  }

  /** The element the annotation is written on. */
  Element holder() {
    return holder;
  }

  AnnotationMirror mirror() {
    return mirror;
  }

  /** The value as written, or null when the member was left to its default. */
  static AnnotationValue written(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  Member<Integer> integer(String name) {
    return new Member<>(name, number(name).intValue(), written.get(name));
  }

  Member<Long> wholeNumber(String name) {
    return new Member<>(name, number(name).longValue(), written.get(name));
  }

  Member<Double> decimal(String name) {
    return new Member<>(name, number(name).doubleValue(), written.get(name));
  }

  /** A {@code String} member; its value is null if it has none (a required member not written). */
  Member<String> string(String name) {
    AnnotationValue value = values.get(name);
    return new Member<>(name, value == null ? null : (String) value.getValue(), written.get(name));
  }

  /** The amount {@code name} counted in the {@code TimeUnit} of member {@code unit}. */
  TimedMember timed(String name, String unit) {
    String unitName = ((VariableElement) value(unit).getValue()).getSimpleName().toString();
    return new TimedMember(name, number(name).longValue(), unitName, written.get(name));
  }

  ClassList classes(String name) {
    List<TypeMirror> classes = new ArrayList<>();
    if (value(name).getValue() instanceof List<?> list) {
      for (Object item : list) {
        if (((AnnotationValue) item).getValue() instanceof TypeMirror type) {
          classes.add(type);
        }
      }
    }
    return new ClassList(name, classes, written.get(name));
  }

  /** The failure test of the class lists {@code matching} and {@code excluded}. */
  FailureClasses failures(String matching, String excluded) {
    return new FailureClasses(classes(matching), classes(excluded));
  }

  private Number number(String name) {
    return (Number) value(name).getValue();
  }

  private AnnotationValue value(String name) {
    AnnotationValue value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no member " + name + " in " + mirror);
    }
    return value;
  }

  private static String name(ExecutableElement member) {
    return member.getSimpleName().toString();
  }
}
