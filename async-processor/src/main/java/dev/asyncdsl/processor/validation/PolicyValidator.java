package dev.asyncdsl.processor.validation;

import dev.asyncdsl.processor.diagnostic.Message;
import dev.asyncdsl.processor.diagnostic.Report;
import dev.asyncdsl.processor.element.Annotations;
import dev.asyncdsl.processor.element.Inspector;
import dev.asyncdsl.processor.element.RuntimeNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Checks the fault-tolerance annotations of one type: that an {@code @Async} applies to them, then
 * each one's values with its own validator, then what needs the methods it applies to. What
 * MicroProfile Fault Tolerance reports as a {@code FaultToleranceDefinitionException} when the
 * application starts is a compile error here.
 */
final class PolicyValidator {
  private final Inspector inspector;
  private final FallbackValidator fallback;
  private final RetryValidator retry;

  /** One validator per policy, in the order the policies wrap the method, outermost first. */
  private final List<AnnotationValidator<?>> validators;

  PolicyValidator(Inspector inspector) {
    this.inspector = inspector;
    this.fallback = new FallbackValidator(inspector);
    this.retry = new RetryValidator(inspector);
    this.validators =
        List.of(
            fallback,
            retry,
            new CircuitBreakerValidator(inspector),
            new BulkheadValidator(inspector));
  }

  /**
   * Checks the policies of {@code type}, whose twin runs {@code included} (of the {@code
   * candidates} {@code @Async} offered), into {@code report}. Returns the fallback method of each
   * included method that has one.
   */
  Map<ExecutableElement, ExecutableElement> validate(
      TypeElement type,
      List<ExecutableElement> candidates,
      List<ExecutableElement> included,
      Report report) {
    String twinPackage = inspector.visibility().packageName(type);
    boolean typeAsync = Annotations.has(type, RuntimeNames.ASYNC);
    for (AnnotationValidator<?> validator : validators) {
      String simpleName = validator.reader().simpleName();
      Optional<AnnotationMirror> onType = validator.reader().mirrorOn(type);
      if (onType.isPresent()) {
        if (candidates.isEmpty() && !typeAsync) {
          report.add(
              Message.POLICY_WITHOUT_ASYNC,
              type,
              onType.get(),
              null,
              simpleName,
              type.getSimpleName(),
              "add @Async (to it, or to its methods) or remove @" + simpleName);
        } else if (!candidates.isEmpty()) {
          validator.checkValues(type, onType.get(), twinPackage, report);
        }
      }
      for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
        Optional<AnnotationMirror> own = validator.reader().mirrorOn(method);
        if (own.isEmpty()) {
          continue;
        }
        if (!candidates.contains(method) && Annotations.has(method, RuntimeNames.DURABLE)) {
          // A @Durable method left out of the twin is not public: its own error says what to do.
          continue;
        }
        if (!candidates.contains(method)) {
          String remove = "remove @" + simpleName;
          String hint =
              Annotations.has(method, RuntimeNames.NOT_ASYNC)
                  ? "remove @NotAsync, or " + remove
                  : typeAsync
                      ? "add @Async to it, or " + remove
                      : "add @Async (to it, or to its class) or " + remove;
          report.add(
              Message.POLICY_WITHOUT_ASYNC,
              method,
              own.get(),
              null,
              simpleName,
              TwinValidator.describe(method),
              hint);
        } else if (included.contains(method)) {
          validator.checkValues(method, own.get(), twinPackage, report);
        }
      }
    }
    retry.checkRetryOn(type, included, report);
    return fallback.findFallbacks(type, included, twinPackage, report);
  }
}
