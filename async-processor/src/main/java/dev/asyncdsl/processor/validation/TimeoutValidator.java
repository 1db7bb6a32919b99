package dev.asyncdsl.processor.validation;

import dev.asyncdsl.processor.annotation.AnnotationReader;
import dev.asyncdsl.processor.annotation.TimedMember;
import dev.asyncdsl.processor.annotation.TimeoutAnnotation;
import dev.asyncdsl.processor.diagnostic.Message;
import dev.asyncdsl.processor.diagnostic.Report;
import dev.asyncdsl.processor.element.Annotations;
import dev.asyncdsl.processor.element.Inspector;
import dev.asyncdsl.processor.element.RuntimeNames;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Checks the {@code @Timeout}s of one type: that an {@code @Async} applies to each, and that it is
 * a deadline a twin can count down to.
 */
final class TimeoutValidator extends AnnotationValidator<TimeoutAnnotation> {
  TimeoutValidator(Inspector inspector) {
    super(inspector, AnnotationReader.TIMEOUT);
  }

  /** Checks the {@code @Timeout}s in {@code type}, whose twin runs {@code methods}. */
  void validate(TypeElement type, List<ExecutableElement> methods, Report report) {
    Set<Element> covered = new HashSet<>(methods);
    String twinPackage = inspector.visibility().packageName(type);
    Optional<AnnotationMirror> typeTimeout = reader().mirrorOn(type);
    if (typeTimeout.isPresent()) {
      if (methods.isEmpty() && Annotations.has(type, RuntimeNames.ASYNC)) {
        // ASYNC_TYPE_WITHOUT_METHODS already says that nothing here runs asynchronously.
        return;
      }
      if (methods.isEmpty()) {
        report.add(
            Message.TIMEOUT_WITHOUT_ASYNC, type, typeTimeout.get(), null, type.getSimpleName());
      } else {
        checkValues(type, typeTimeout.get(), twinPackage, report);
      }
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Optional<AnnotationMirror> timeout = reader().mirrorOn(method);
      if (timeout.isEmpty()) {
        continue;
      }
      if (!covered.contains(method) && Annotations.has(method, RuntimeNames.DURABLE)) {
        // A @Durable method left out of the twin is not public: its own error says what to do.
        continue;
      }
      if (covered.contains(method)) {
        checkValues(method, timeout.get(), twinPackage, report);
      } else {
        report.add(
            Message.TIMEOUT_WITHOUT_ASYNC,
            method,
            timeout.get(),
            null,
            TwinValidator.describe(method));
      }
    }
  }

  @Override
  void checkValues(TimeoutAnnotation timeout, String twinPackage, Report report) {
    TimedMember value = timeout.value();
    if (value.value() <= 0) {
      report.add(
          Message.TIMEOUT_NOT_POSITIVE,
          timeout.holder(),
          timeout.mirror(),
          value.at(),
          value.value());
    } else if (value.nanos() == Long.MAX_VALUE) {
      report.add(
          Message.TIMEOUT_TOO_LONG,
          timeout.holder(),
          timeout.mirror(),
          value.at(),
          value.value(),
          value.unit());
    }
  }
}
