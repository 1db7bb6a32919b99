package dev.asyncdsl.processor.diagnostic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** The diagnostics for one type, collected while validating and printed once. */
public final class Report {
  /** The {@code @SuppressWarnings} key that silences every asyncdsl warning and note. */
  public static final String ALL = "asyncdsl";

  private record Entry(
      Message message,
      String text,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value) {}

  private final List<Entry> entries = new ArrayList<>();

  public void add(Message message, Element element, Object... arguments) {
    entries.add(new Entry(message, message.format(arguments), element, null, null));
  }

  /** A diagnostic on an annotation (and one of its values) of {@code element}. */
  public void add(
      Message message,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Object... arguments) {
    entries.add(new Entry(message, message.format(arguments), element, annotation, value));
  }

  /** The first error's message, if any. */
  public java.util.Optional<Message> firstError() {
    return entries.stream()
        .map(Entry::message)
        .filter(message -> message.kind() == Diagnostic.Kind.ERROR)
        .findFirst();
  }

  /** Adds every diagnostic of {@code other}. */
  public void addAll(Report other) {
    entries.addAll(other.entries);
  }

  /** True when nothing worse than a warning was found. */
  public boolean isClean() {
    return entries.stream().noneMatch(entry -> entry.message().kind() == Diagnostic.Kind.ERROR);
  }

  /**
   * Prints every diagnostic, except the warnings and notes the user silenced: by tag in {@code
   * suppressed} (the processor option), or with {@code @SuppressWarnings} naming the tag, or {@code
   * "asyncdsl"} for all of them, on the element or one enclosing it.
   */
  public void printTo(Messager messager, Set<String> suppressed) {
    for (Entry entry : entries) {
      if (entry.message().kind() != Diagnostic.Kind.ERROR
          && isSuppressed(entry.message(), entry.element(), suppressed)) {
        continue;
      }
      if (entry.annotation() == null) {
        messager.printMessage(entry.message().kind(), entry.text(), entry.element());
      } else {
        messager.printMessage(
            entry.message().kind(),
            entry.text(),
            entry.element(),
            entry.annotation(),
            entry.value());
      }
    }
  }

  /** Whether a warning or note is silenced where it is reported, or by the processor option. */
  public static boolean isSuppressed(Message message, Element element, Set<String> suppressed) {
    if (suppressed.contains(message.name()) || suppressed.contains(ALL)) {
      return true;
    }
    for (Element current = element; current != null; current = current.getEnclosingElement()) {
      SuppressWarnings annotation = current.getAnnotation(SuppressWarnings.class);
      if (annotation != null) {
        for (String key : annotation.value()) {
          if (key.equals(message.name()) || key.equals(ALL)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
