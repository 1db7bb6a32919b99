package dev.asyncdsl.processor.validation;

import dev.asyncdsl.processor.element.Inspector;
import dev.asyncdsl.processor.element.Policies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks the fault-tolerance annotations of one type: that an {@code @Async} applies to them,
 * that their numbers make sense, that the exception classes they name are consistent and
 * visible, and that each {@code @Fallback} names a method the twin can call instead. What
 * MicroProfile Fault Tolerance reports as a {@code FaultToleranceDefinitionException} when the
 * application starts is a compile error here.
 */
final class PolicyValidator {
  private final Inspector inspector;
  private final Elements elements;
  private final Types types;

  PolicyValidator(Inspector inspector) {
    this.inspector = inspector;
    this.elements = inspector.elements();
    this.types = inspector.types();
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
    Map<ExecutableElement, ExecutableElement> fallbacks = new LinkedHashMap<>();
    String twinPackage = inspector.packageName(type);
    boolean typeAsync = Inspector.has(type, Inspector.ASYNC);
    for (String annotation : Policies.ALL) {
      Optional<AnnotationMirror> onType = Inspector.annotation(type, annotation);
      if (onType.isPresent()) {
        if (candidates.isEmpty() && !typeAsync) {
          report.add(Message.POLICY_WITHOUT_ASYNC, type, onType.get(), null,
              Policies.simpleName(annotation), type.getSimpleName(),
              "add @Async (to it, or to its methods) or remove @" + Policies.simpleName(annotation));
        } else if (!candidates.isEmpty()) {
          checkValues(type, onType.get(), annotation, twinPackage, report);
        }
      }
      for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
        Optional<AnnotationMirror> own = Inspector.annotation(method, annotation);
        if (own.isEmpty()) {
          continue;
        }
        if (!candidates.contains(method)) {
          String remove = "remove @" + Policies.simpleName(annotation);
          String hint =
              Inspector.has(method, Inspector.NOT_ASYNC)
                  ? "remove @NotAsync, or " + remove
                  : typeAsync
                      ? "add @Async to it, or " + remove
                      : "add @Async (to it, or to its class) or " + remove;
          report.add(Message.POLICY_WITHOUT_ASYNC, method, own.get(), null,
              Policies.simpleName(annotation), TwinValidator.describe(method), hint);
        } else if (included.contains(method)) {
          checkValues(method, own.get(), annotation, twinPackage, report);
        }
      }
    }
    List<ExecutableElement> typeRetried = new ArrayList<>();
    for (ExecutableElement method : included) {
      Optional<AnnotationMirror> ownRetry = Inspector.annotation(method, Policies.RETRY);
      if (ownRetry.isPresent()) {
        checkRetryOn(method, List.of(method), ownRetry.get(), report);
      } else if (Inspector.has(type, Policies.RETRY)) {
        typeRetried.add(method);
      }
    }
    if (!typeRetried.isEmpty()) {
      checkRetryOn(type, typeRetried, Inspector.annotation(type, Policies.RETRY).get(), report);
    }
    // A type's @Fallback must fit each method it applies to: the twin cannot yet leave a method
    // whose only policy it is without one.
    for (ExecutableElement method : included) {
      Optional<AnnotationMirror> fallback = Policies.applying(method, Policies.FALLBACK);
      if (fallback.isPresent()) {
        Element holder = Inspector.has(method, Policies.FALLBACK) ? method : type;
        findFallback(type, method, holder, fallback.get(), twinPackage, report)
            .ifPresent(found -> fallbacks.put(method, found));
      }
    }
    return fallbacks;
  }

  private void checkValues(
      Element element, AnnotationMirror mirror, String annotation, String twinPackage, Report report) {
    switch (annotation) {
      case Policies.RETRY -> checkRetry(element, mirror, report);
      case Policies.CIRCUIT_BREAKER -> checkCircuitBreaker(element, mirror, report);
      case Policies.BULKHEAD -> checkBulkhead(element, mirror, report);
      default -> {}
    }
    String[][] exclusive = {
      {"retryOn", "abortOn"}, {"failOn", "skipOn"}, {"applyOn", "skipOn"},
    };
    for (String[] pair : exclusive) {
      if (!hasMember(mirror, pair[0])) {
        continue;
      }
      List<TypeMirror> included = Policies.classes(elements, mirror, pair[0]);
      List<TypeMirror> excluded = Policies.classes(elements, mirror, pair[1]);
      for (TypeMirror named : excluded) {
        if (included.stream().anyMatch(other -> types.isSameType(other, named))) {
          report.add(Message.POLICY_CLASS_IN_BOTH, element, mirror,
              Policies.entryNaming(mirror, pair[1], named),
              Policies.simpleName(annotation), simpleName(named) + ".class", pair[0], pair[1]);
        }
      }
      for (String member : pair) {
        for (TypeMirror named : Policies.classes(elements, mirror, member)) {
          checkVisible(element, mirror, annotation, member, named, twinPackage, report);
        }
      }
    }
  }

  private static boolean hasMember(AnnotationMirror mirror, String name) {
    return ElementFilter.methodsIn(mirror.getAnnotationType().asElement().getEnclosedElements()).stream()
        .anyMatch(member -> member.getSimpleName().contentEquals(name));
  }

  private void checkVisible(
      Element element,
      AnnotationMirror mirror,
      String annotation,
      String member,
      TypeMirror named,
      String twinPackage,
      Report report) {
    if (!(named instanceof DeclaredType declared)) {
      return;
    }
    Optional<TypeElement> hidden =
        inspector.inaccessibleFrom((TypeElement) declared.asElement(), twinPackage);
    if (hidden.isPresent()) {
      boolean isPrivate = hidden.get().getModifiers().contains(Modifier.PRIVATE);
      String access =
          (isPrivate ? "private" : "not public, in package " + inspector.packageName(hidden.get()));
      if (!hidden.get().equals(declared.asElement())) {
        access = "declared in " + hidden.get().getSimpleName() + ", which is " + access;
      }
      report.add(Message.POLICY_CLASS_INVISIBLE, element, mirror,
          Policies.entryNaming(mirror, member, named),
          Policies.simpleName(annotation), simpleName(named), access, hidden.get().getSimpleName(),
          isPrivate ? "package-private or public" : "public");
    }
  }

  private void checkRetry(Element element, AnnotationMirror retry, Report report) {
    int maxRetries = Policies.intValue(elements, retry, "maxRetries");
    if (maxRetries < -1) {
      report.add(Message.RETRY_MAX_RETRIES_BELOW_MINUS_ONE, element, retry,
          Policies.written(retry, "maxRetries"), maxRetries);
    }
    long delay = nonNegative(element, retry, "Retry", "delay", "delayUnit", report);
    long maxDuration = nonNegative(element, retry, "Retry", "maxDuration", "durationUnit", report);
    nonNegative(element, retry, "Retry", "jitter", "jitterUnit", report);
    long maxDelay = nonNegative(element, retry, "Retry", "maxDelay", "maxDelayUnit", report);
    if (delay >= 0 && maxDuration > 0 && maxDuration <= delay) {
      report.add(Message.RETRY_DURATION_NOT_LONGER_THAN_DELAY, element, retry,
          Policies.written(retry, "maxDuration"),
          amount(retry, "maxDuration", "durationUnit"), amount(retry, "delay", "delayUnit"));
    }
    double multiplier = Policies.doubleValue(elements, retry, "delayMultiplier");
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      report.add(Message.RETRY_MULTIPLIER_BELOW_ONE, element, retry,
          Policies.written(retry, "delayMultiplier"), multiplier);
    } else if (maxDelay > 0 && multiplier == 1.0) {
      report.add(Message.RETRY_MAX_DELAY_WITHOUT_BACKOFF, element, retry,
          Policies.written(retry, "maxDelay"), amount(retry, "maxDelay", "maxDelayUnit"));
    } else if (maxDelay > 0 && delay > 0 && maxDelay < delay) {
      report.add(Message.RETRY_MAX_DELAY_BELOW_DELAY, element, retry,
          Policies.written(retry, "maxDelay"),
          amount(retry, "maxDelay", "maxDelayUnit"), amount(retry, "delay", "delayUnit"));
    }
    if (maxRetries == -1 && maxDuration == 0) {
      report.add(Message.RETRY_FOREVER, element, retry, Policies.written(retry, "maxRetries"),
          element instanceof ExecutableElement method
              ? TwinValidator.describe(method)
              : element.getSimpleName());
    }
  }

  private void checkCircuitBreaker(Element element, AnnotationMirror circuit, Report report) {
    atLeastOne(element, circuit, "CircuitBreaker", "requestVolumeThreshold",
        "it is how many of the latest calls the circuit weighs", report);
    atLeastOne(element, circuit, "CircuitBreaker", "successThreshold",
        "it is how many trial calls must succeed to close the circuit", report);
    double ratio = Policies.doubleValue(elements, circuit, "failureRatio");
    if (!(ratio >= 0 && ratio <= 1)) {
      report.add(Message.CIRCUIT_RATIO_OUT_OF_RANGE, element, circuit,
          Policies.written(circuit, "failureRatio"), ratio);
    }
    nonNegative(element, circuit, "CircuitBreaker", "delay", "delayUnit", report);
  }

  private void checkBulkhead(Element element, AnnotationMirror bulkhead, Report report) {
    atLeastOne(element, bulkhead, "Bulkhead", "value",
        "it is how many calls may run at once", report);
    int queue = Policies.intValue(elements, bulkhead, "waitingTaskQueue");
    if (queue < 0) {
      report.add(Message.POLICY_VALUE_NEGATIVE, element, bulkhead,
          Policies.written(bulkhead, "waitingTaskQueue"), "Bulkhead", "waitingTaskQueue", queue);
    }
  }

  private void atLeastOne(
      Element element, AnnotationMirror mirror, String annotation, String member, String why, Report report) {
    int value = Policies.intValue(elements, mirror, member);
    if (value < 1) {
      report.add(Message.POLICY_VALUE_BELOW_ONE, element, mirror, Policies.written(mirror, member),
          annotation, member, value, why);
    }
  }

  /** The member in nanoseconds, or -1 (reported) when it is negative. */
  private long nonNegative(
      Element element, AnnotationMirror mirror, String annotation, String member, String unit, Report report) {
    long value = Policies.longValue(elements, mirror, member);
    if (value < 0) {
      report.add(Message.POLICY_VALUE_NEGATIVE, element, mirror, Policies.written(mirror, member),
          annotation, member, value);
      return -1;
    }
    return TimeUnit.valueOf(Policies.unit(elements, mirror, unit)).toNanos(value);
  }

  /** {@code 500 milliseconds}, {@code 1 second}. */
  private String amount(AnnotationMirror mirror, String member, String unit) {
    long value = Policies.longValue(elements, mirror, member);
    String name = Policies.unit(elements, mirror, unit).toLowerCase(java.util.Locale.ROOT);
    return value + " " + (value == 1 || value == -1 ? name.substring(0, name.length() - 1) : name);
  }

  /**
   * A checked exception in {@code retryOn} that none of {@code methods} (those the annotation on
   * {@code holder} applies to) can fail with never matches.
   */
  private void checkRetryOn(
      Element holder, List<ExecutableElement> methods, AnnotationMirror retry, Report report) {
    for (TypeMirror named : Policies.classes(elements, retry, "retryOn")) {
      if (!isChecked(named)) {
        continue;
      }
      if (methods.stream().noneMatch(method -> mayFailWith(method, named))) {
        String described =
            methods.size() == 1
                ? TwinValidator.describe(methods.get(0))
                : "the @Async methods of " + holder.getSimpleName();
        report.add(Message.RETRY_ON_UNTHROWN_CHECKED, holder, retry,
            Policies.entryNaming(retry, "retryOn", named),
            simpleName(named), described, simpleName(named));
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
    if (inspector.returnShape(method) instanceof Inspector.ReturnShape.Relay) {
      return true; // the stage it returns may complete with any exception
    }
    TypeElement deadline = elements.getTypeElement("dev.asyncdsl.DeadlineExceededException");
    if (deadline != null
        && inspector.timeoutAnnotation(method).isPresent()
        && types.isSubtype(deadline.asType(), type)) {
      return true; // a @Timeout fails each attempt that takes too long with it
    }
    return method.getThrownTypes().stream()
        .anyMatch(declared -> declared.getKind() == TypeKind.TYPEVAR
            || types.isSubtype(type, declared)
            || types.isSubtype(declared, type));
  }

  private List<ExecutableElement> named(TypeElement type, String name) {
    List<ExecutableElement> named = new ArrayList<>();
    for (ExecutableElement member : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (member.getSimpleName().contentEquals(name)) {
        named.add(member);
      }
    }
    return named;
  }

  /**
   * The method {@code @Fallback} names for {@code method}: same type, fitting parameters (the
   * method's, then optionally the failure) and result. With both shapes, the one taking the
   * failure is used; of several taking it, one that takes every failure {@code applyOn} lets
   * through.
   */
  private Optional<ExecutableElement> findFallback(
      TypeElement type,
      ExecutableElement method,
      Element holder,
      AnnotationMirror fallback,
      String twinPackage,
      Report report) {
    String name = Policies.stringValue(elements, fallback, "method");
    AnnotationValue at = Policies.written(fallback, "method");
    List<ExecutableElement> named = named(type, name);
    String described = TwinValidator.describe(method);
    if (named.isEmpty()) {
      report.add(Message.FALLBACK_METHOD_NOT_FOUND, holder, fallback, at, name, described,
          type.getSimpleName(), name, candidatesText(type, method, name));
      return Optional.empty();
    }
    List<ExecutableElement> fitting = new ArrayList<>();
    for (ExecutableElement candidate : named) {
      if (takesParameters(candidate, method)) {
        fitting.add(candidate);
      }
    }
    if (fitting.isEmpty()) {
      String parameters = parameterList(method);
      report.add(Message.FALLBACK_PARAMETERS_MISMATCH, holder, fallback, at, name, described,
          name + "(" + parameters + ")",
          name + "(" + (parameters.isEmpty() ? "" : parameters + ", ") + "Throwable)",
          type.getSimpleName(),
          String.join(", ", named.stream().map(TwinValidator::describe).toList()));
      return Optional.empty();
    }
    int own = method.getParameters().size();
    List<TypeMirror> applyOn = Policies.classes(elements, fallback, "applyOn");
    ExecutableElement chosen =
        fitting.stream()
            .filter(candidate -> candidate.getParameters().size() > own)
            .filter(candidate -> narrowerThan(candidate, own, applyOn).isEmpty())
            .findFirst()
            .or(() -> fitting.stream().filter(candidate -> candidate.getParameters().size() > own).findFirst())
            .orElse(fitting.get(0));
    Set<Modifier> modifiers = chosen.getModifiers();
    TypeElement declaring = (TypeElement) chosen.getEnclosingElement();
    boolean otherPackage = !inspector.packageName(declaring).equals(twinPackage);
    if (modifiers.contains(Modifier.PRIVATE)
        || (otherPackage && !modifiers.contains(Modifier.PUBLIC))) {
      String access =
          modifiers.contains(Modifier.PRIVATE)
              ? "private"
              : (modifiers.contains(Modifier.PROTECTED) ? "protected" : "package-private")
                  + " in " + declaring.getSimpleName() + " of package " + inspector.packageName(declaring);
      report.add(Message.FALLBACK_METHOD_INACCESSIBLE, holder, fallback, at,
          TwinValidator.describe(chosen), access, twinPackage,
          otherPackage ? "public" : "package-private or public");
      return Optional.empty();
    }
    if (method.getModifiers().contains(Modifier.STATIC) && !modifiers.contains(Modifier.STATIC)) {
      report.add(Message.FALLBACK_NOT_STATIC, holder, fallback, at,
          TwinValidator.describe(chosen), described, TwinValidator.describe(chosen));
      return Optional.empty();
    }
    if (!returnFits(chosen, method)) {
      report.add(Message.FALLBACK_RETURN_TYPE_MISMATCH, holder, fallback, at,
          TwinValidator.describe(chosen), chosen.getReturnType(), method.getReturnType(), described,
          method.getReturnType());
      return Optional.empty();
    }
    Optional<TypeMirror> uncaught = narrowerThan(chosen, own, applyOn);
    if (uncaught.isPresent()) {
      TypeMirror failure = chosen.getParameters().get(own).asType();
      AnnotationValue entry = Policies.entryNaming(fallback, "applyOn", uncaught.get());
      report.add(Message.FALLBACK_FAILURE_TOO_NARROW, holder, fallback, entry == null ? at : entry,
          TwinValidator.describe(chosen), simpleName(failure),
          entry == null ? " (by default " + simpleName(uncaught.get()) + ")" : "",
          simpleName(uncaught.get()), simpleName(uncaught.get()), simpleName(failure));
      return Optional.empty();
    }
    return Optional.of(chosen);
  }

  /** The first class of {@code applyOn} the failure parameter of {@code candidate} cannot take. */
  private Optional<TypeMirror> narrowerThan(
      ExecutableElement candidate, int own, List<TypeMirror> applyOn) {
    if (candidate.getParameters().size() <= own) {
      return Optional.empty();
    }
    TypeMirror failure = candidate.getParameters().get(own).asType();
    return applyOn.stream().filter(applied -> !types.isAssignable(applied, failure)).findFirst();
  }

  /** The method's parameters, then optionally one {@code Throwable}; compared erased. */
  private boolean takesParameters(ExecutableElement candidate, ExecutableElement method) {
    TypeMirror throwable = elements.getTypeElement("java.lang.Throwable").asType();
    int own = method.getParameters().size();
    int count = candidate.getParameters().size();
    if (count != own && count != own + 1) {
      return false;
    }
    if (candidate.getTypeParameters().size() != method.getTypeParameters().size()) {
      return false;
    }
    for (int i = 0; i < own; i++) {
      TypeMirror expected = types.erasure(method.getParameters().get(i).asType());
      TypeMirror actual = types.erasure(candidate.getParameters().get(i).asType());
      if (!types.isSameType(expected, actual)) {
        return false;
      }
    }
    return count == own
        || types.isAssignable(candidate.getParameters().get(own).asType(), throwable);
  }

  private boolean returnFits(ExecutableElement fallback, ExecutableElement method) {
    TypeMirror wanted = method.getReturnType();
    if (wanted.getKind() == TypeKind.VOID) {
      return true; // whatever the fallback returns is dropped
    }
    TypeMirror given = fallback.getReturnType();
    if (given.getKind() == TypeKind.VOID) {
      return false;
    }
    if (!method.getTypeParameters().isEmpty()) {
      return types.isAssignable(types.erasure(given), types.erasure(wanted));
    }
    return types.isAssignable(given, wanted);
  }

  /** What to name or declare instead of the missing {@code name}. */
  private String candidatesText(TypeElement type, ExecutableElement method, String name) {
    List<String> found = new ArrayList<>();
    for (ExecutableElement member : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!member.equals(method)
          && !member.getModifiers().contains(Modifier.PRIVATE)
          && (!method.getModifiers().contains(Modifier.STATIC)
              || member.getModifiers().contains(Modifier.STATIC))
          && takesParameters(member, method)
          && returnFits(member, method)) {
        found.add(TwinValidator.describe(member));
      }
    }
    return found.isEmpty()
        ? "declare " + name + "(" + parameterList(method) + "), optionally followed by a Throwable"
            + " parameter for the failure"
        : "name one that would fit: " + String.join(", ", found);
  }

  private static String parameterList(ExecutableElement method) {
    String described = TwinValidator.describe(method);
    return described.substring(described.indexOf('(') + 1, described.length() - 1);
  }

  private static String simpleName(TypeMirror type) {
    return type instanceof DeclaredType declared
        ? declared.asElement().getSimpleName().toString()
        : type.toString();
  }
}
