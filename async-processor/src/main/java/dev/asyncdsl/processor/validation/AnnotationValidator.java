package dev.asyncdsl.processor.validation;

import dev.asyncdsl.processor.annotation.AnnotationReader;
import dev.asyncdsl.processor.annotation.ClassList;
import dev.asyncdsl.processor.annotation.FailureClasses;
import dev.asyncdsl.processor.annotation.Member;
import dev.asyncdsl.processor.annotation.PolicyAnnotation;
import dev.asyncdsl.processor.annotation.TimedMember;
import dev.asyncdsl.processor.diagnostic.Message;
import dev.asyncdsl.processor.diagnostic.Report;
import dev.asyncdsl.processor.element.Inspector;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks the values of one kind of annotation. Each kind has its own subclass; the checks several
 * share are here: numbers that must be at least one or not negative, and the two class lists of a
 * failure test, which must not contradict each other and must name classes the twin can see.
 */
abstract class AnnotationValidator<A extends PolicyAnnotation> {
  final Inspector inspector;
  final Elements elements;
  final Types types;
  private final AnnotationReader<A> reader;

  AnnotationValidator(Inspector inspector, AnnotationReader<A> reader) {
    this.inspector = inspector;
    this.elements = inspector.elements();
    this.types = inspector.types();
    this.reader = reader;
  }

  AnnotationReader<A> reader() {
    return reader;
  }

  /**
   * Checks the values of {@code annotation}, on an element whose twin is in {@code twinPackage}.
   */
  abstract void checkValues(A annotation, String twinPackage, Report report);

  /** Reads {@code mirror}, found on {@code holder}, and checks its values. */
  final void checkValues(
      Element holder, AnnotationMirror mirror, String twinPackage, Report report) {
    checkValues(reader.read(elements, holder, mirror), twinPackage, report);
  }

  /** Reports {@code member} below one; {@code why} says what the number means. */
  final void atLeastOne(A annotation, Member<Integer> member, String why, Report report) {
    if (member.value() < 1) {
      report.add(
          Message.POLICY_VALUE_BELOW_ONE,
          annotation.holder(),
          annotation.mirror(),
          member.at(),
          annotation.simpleName(),
          member.name(),
          member.value(),
          why);
    }
  }

  /** Reports {@code member} below zero. */
  final void notNegative(A annotation, Member<Integer> member, Report report) {
    if (member.value() < 0) {
      report.add(
          Message.POLICY_VALUE_NEGATIVE,
          annotation.holder(),
          annotation.mirror(),
          member.at(),
          annotation.simpleName(),
          member.name(),
          member.value());
    }
  }

  /** The length in nanoseconds, or -1 (reported) when it is negative. */
  final long notNegative(A annotation, TimedMember length, Report report) {
    if (length.value() < 0) {
      report.add(
          Message.POLICY_VALUE_NEGATIVE,
          annotation.holder(),
          annotation.mirror(),
          length.at(),
          annotation.simpleName(),
          length.name(),
          length.value());
      return -1;
    }
    return length.nanos();
  }

  /** {@code 500 milliseconds}, {@code 1 second}. */
  static String amount(TimedMember length) {
    long value = length.value();
    String name = length.unit().toLowerCase(Locale.ROOT);
    return value + " " + (value == 1 || value == -1 ? name.substring(0, name.length() - 1) : name);
  }

  /**
   * Checks a failure test: no class both matched and excluded, one that can match at all, and every
   * class visible to the twin. {@code effect} says what a test that never matches means.
   */
  final void checkFailureClasses(
      A annotation, FailureClasses failures, String effect, String twinPackage, Report report) {
    ClassList matching = failures.matching();
    ClassList excluded = failures.excluded();
    boolean inBoth = false;
    for (TypeMirror named : excluded.classes()) {
      if (matching.classes().stream().anyMatch(other -> types.isSameType(other, named))) {
        inBoth = true;
        report.add(
            Message.POLICY_CLASS_IN_BOTH,
            annotation.holder(),
            annotation.mirror(),
            excluded.entryNaming(named),
            annotation.simpleName(),
            simpleName(named) + ".class",
            matching.name(),
            excluded.name());
      }
    }
    checkActs(annotation, matching, excluded, inBoth, effect, report);
    for (ClassList member : List.of(matching, excluded)) {
      for (TypeMirror named : member.classes()) {
        checkVisible(annotation, member, named, twinPackage, report);
      }
    }
  }

  /**
   * Warns of a failure test that can never match: nothing named to match, or every class named also
   * excluded (by itself, reported as a contradiction, or by a superclass).
   */
  private void checkActs(
      A annotation,
      ClassList matching,
      ClassList excluded,
      boolean inBoth,
      String effect,
      Report report) {
    String simple = annotation.simpleName();
    List<TypeMirror> included = matching.classes();
    if (included.isEmpty()) {
      report.add(
          Message.POLICY_MATCHES_NOTHING,
          annotation.holder(),
          annotation.mirror(),
          matching.at(),
          simple,
          matching.name(),
          effect,
          simple);
    } else if (!inBoth
        && included.stream()
            .allMatch(
                named ->
                    excluded.classes().stream().anyMatch(other -> types.isSubtype(named, other)))) {
      report.add(
          Message.POLICY_EXCLUDES_EVERY_MATCH,
          annotation.holder(),
          annotation.mirror(),
          excluded.at(),
          "@" + simple + "(" + excluded.name() + ")",
          matching.name(),
          String.join(", ", included.stream().map(AnnotationValidator::simpleName).toList()),
          effect,
          excluded.name(),
          "@" + simple);
    }
  }

  private void checkVisible(
      A annotation, ClassList member, TypeMirror named, String twinPackage, Report report) {
    if (!(named instanceof DeclaredType declared)) {
      return;
    }
    Optional<TypeElement> hidden =
        inspector.visibility().inaccessibleFrom((TypeElement) declared.asElement(), twinPackage);
    if (hidden.isPresent()) {
      boolean isPrivate = hidden.get().getModifiers().contains(Modifier.PRIVATE);
      String access =
          (isPrivate
              ? "private"
              : "not public, in package " + inspector.visibility().packageName(hidden.get()));
      if (!hidden.get().equals(declared.asElement())) {
        access = "declared in " + hidden.get().getSimpleName() + ", which is " + access;
      }
      report.add(
          Message.POLICY_CLASS_INVISIBLE,
          annotation.holder(),
          annotation.mirror(),
          member.entryNaming(named),
          annotation.simpleName(),
          simpleName(named),
          access,
          hidden.get().getSimpleName(),
          isPrivate ? "package-private or public" : "public");
    }
  }

  static String simpleName(TypeMirror type) {
    return type instanceof DeclaredType declared
        ? declared.asElement().getSimpleName().toString()
        : type.toString();
  }
}
