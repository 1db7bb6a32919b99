package dev.asyncdsl.processor.validation;

import dev.asyncdsl.processor.annotation.AnnotationReader;
import dev.asyncdsl.processor.annotation.RetryAnnotation;
import dev.asyncdsl.processor.diagnostic.Message;
import dev.asyncdsl.processor.diagnostic.Report;
import dev.asyncdsl.processor.element.Inspector;
import dev.asyncdsl.processor.element.ReturnShape;
import dev.asyncdsl.processor.element.RuntimeNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks a {@code @Retry}: counts and lengths of time that make sense together, a failure test that
 * can match, and checked exceptions in {@code retryOn} that the methods can fail with.
 */
final class RetryValidator extends AnnotationValidator<RetryAnnotation> {
  RetryValidator(Inspector inspector) {
    super(inspector, AnnotationReader.RETRY);
  }

  @Override
  void checkValues(RetryAnnotation retry, String twinPackage, Report report) {
    int maxRetries = retry.maxRetries().value();
    if (maxRetries < -1) {
      report.add(
          Message.RETRY_MAX_RETRIES_BELOW_MINUS_ONE,
          retry.holder(),
          retry.mirror(),
          retry.maxRetries().at(),
          maxRetries);
    }
    long delay = notNegative(retry, retry.delay(), report);
    long maxDuration = notNegative(retry, retry.maxDuration(), report);
    notNegative(retry, retry.jitter(), report);
    long maxDelay = notNegative(retry, retry.maxDelay(), report);
    if (delay >= 0 && maxDuration > 0 && maxDuration <= delay) {
      report.add(
          Message.RETRY_DURATION_NOT_LONGER_THAN_DELAY,
          retry.holder(),
          retry.mirror(),
          retry.maxDuration().at(),
          amount(retry.maxDuration()),
          amount(retry.delay()));
    }
    double multiplier = retry.delayMultiplier().value();
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      report.add(
          Message.RETRY_MULTIPLIER_BELOW_ONE,
          retry.holder(),
          retry.mirror(),
          retry.delayMultiplier().at(),
          multiplier);
    } else if (maxDelay > 0 && multiplier == 1.0) {
      report.add(
          Message.RETRY_MAX_DELAY_WITHOUT_BACKOFF,
          retry.holder(),
          retry.mirror(),
          retry.maxDelay().at(),
          amount(retry.maxDelay()));
    } else if (maxDelay > 0 && delay > 0 && maxDelay < delay) {
      report.add(
          Message.RETRY_MAX_DELAY_BELOW_DELAY,
          retry.holder(),
          retry.mirror(),
          retry.maxDelay().at(),
          amount(retry.maxDelay()),
          amount(retry.delay()));
    }
    if (maxRetries == -1 && maxDuration == 0) {
      report.add(
          Message.RETRY_FOREVER,
          retry.holder(),
          retry.mirror(),
          retry.maxRetries().at(),
          retry.holder() instanceof ExecutableElement method
              ? TwinValidator.describe(method)
              : retry.holder().getSimpleName());
    }
    checkFailureClasses(retry, retry.failures(), "the call is never retried", twinPackage, report);
  }

  /**
   * Checks {@code retryOn} against what the {@code included} methods of {@code type} can fail with:
   * each method's own {@code @Retry}, and the type's for the methods without one.
   */
  void checkRetryOn(TypeElement type, List<ExecutableElement> included, Report report) {
    List<ExecutableElement> typeRetried = new ArrayList<>();
    for (ExecutableElement method : included) {
      Optional<RetryAnnotation> own = reader().on(elements, method);
      if (own.isPresent()) {
        checkRetryOn(List.of(method), own.get(), report);
      } else if (reader().mirrorOn(type).isPresent()) {
        typeRetried.add(method);
      }
    }
    if (!typeRetried.isEmpty()) {
      checkRetryOn(typeRetried, reader().on(elements, type).orElseThrow(), report);
    }
  }

  /**
   * A checked exception in {@code retryOn} that none of {@code methods} (those the annotation
   * applies to) can fail with never matches.
   */
  private void checkRetryOn(List<ExecutableElement> methods, RetryAnnotation retry, Report report) {
    for (TypeMirror named : retry.failures().matching().classes()) {
      if (!isChecked(named)) {
        continue;
      }
      if (methods.stream().noneMatch(method -> mayFailWith(method, named))) {
        String described =
            methods.size() == 1
                ? TwinValidator.describe(methods.get(0))
                : "the @Async methods of " + retry.holder().getSimpleName();
        report.add(
            Message.RETRY_ON_UNTHROWN_CHECKED,
            retry.holder(),
            retry.mirror(),
            retry.failures().matching().entryNaming(named),
            simpleName(named),
            described,
            simpleName(named));
      }
    }
  }

  /**
   * Whether every instance of {@code type} is a checked exception. {@code Exception} and {@code
   * Throwable} also match unchecked exceptions, so only a class outside both {@code
   * RuntimeException} and {@code Error} that is no supertype of either can be ruled out.
   */
  private boolean isChecked(TypeMirror type) {
    for (String unchecked : List.of("java.lang.RuntimeException", "java.lang.Error")) {
      TypeMirror mirror = elements.getTypeElement(unchecked).asType();
      if (types.isSubtype(type, mirror) || types.isSubtype(mirror, type)) {
        return false;
      }
    }
    return types.isSubtype(type, elements.getTypeElement("java.lang.Throwable").asType());
  }

  /** Whether an attempt of {@code method} may fail with an instance of the checked {@code type}. */
  private boolean mayFailWith(ExecutableElement method, TypeMirror type) {
    if (inspector.methodShapes().returnShape(method) instanceof ReturnShape.Relay) {
      return true; // the stage it returns may complete with any exception
    }
    TypeElement deadline = elements.getTypeElement(RuntimeNames.DEADLINE_EXCEEDED_EXCEPTION);
    if (deadline != null
        && AnnotationReader.TIMEOUT.applies(method)
        && types.isSubtype(deadline.asType(), type)) {
      return true; // a @Timeout fails each attempt that takes too long with it
    }
    return method.getThrownTypes().stream()
        .anyMatch(
            declared ->
                declared.getKind() == TypeKind.TYPEVAR
                    || types.isSubtype(type, declared)
                    || types.isSubtype(declared, type));
  }
}
