package dev.asyncdsl.processor.validation;

import dev.asyncdsl.processor.diagnostic.Message;
import dev.asyncdsl.processor.diagnostic.Report;
import dev.asyncdsl.processor.element.Inspector;
import dev.asyncdsl.processor.element.Policies;
import dev.asyncdsl.processor.element.RuntimeNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
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
    boolean typeAsync = Inspector.has(type, RuntimeNames.ASYNC);
    for (String annotation : RuntimeNames.POLICIES) {
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
              Inspector.has(method, RuntimeNames.NOT_ASYNC)
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
      Optional<AnnotationMirror> ownRetry = Inspector.annotation(method, RuntimeNames.RETRY);
      if (ownRetry.isPresent()) {
        checkRetryOn(method, List.of(method), ownRetry.get(), report);
      } else if (Inspector.has(type, RuntimeNames.RETRY)) {
        typeRetried.add(method);
      }
    }
    if (!typeRetried.isEmpty()) {
      checkRetryOn(type, typeRetried, Inspector.annotation(type, RuntimeNames.RETRY).get(), report);
    }
    // A type's @Fallback must fit each method it applies to: the twin cannot yet leave a method
    // whose only policy it is without one.
    for (ExecutableElement method : included) {
      Optional<AnnotationMirror> fallback = Policies.applying(method, RuntimeNames.FALLBACK);
      if (fallback.isPresent()) {
        Element holder = Inspector.has(method, RuntimeNames.FALLBACK) ? method : type;
        findFallback(type, method, holder, fallback.get(), twinPackage, report)
            .ifPresent(found -> fallbacks.put(method, found));
      }
    }
    return fallbacks;
  }

  private void checkValues(
      Element element, AnnotationMirror mirror, String annotation, String twinPackage, Report report) {
    switch (annotation) {
      case RuntimeNames.RETRY -> checkRetry(element, mirror, report);
      case RuntimeNames.CIRCUIT_BREAKER -> checkCircuitBreaker(element, mirror, report);
      case RuntimeNames.BULKHEAD -> checkBulkhead(element, mirror, report);
      default -> {}
    }
    String[][] exclusive = {
      {"retryOn", "abortOn"}, {"failOn", "skipOn"}, {"applyOn", "skipOn"},
    };
    for (String[] pair : exclusive) {
      if (!Policies.hasMember(mirror, pair[0])) {
        continue;
      }
      List<TypeMirror> included = Policies.classes(elements, mirror, pair[0]);
      List<TypeMirror> excluded = Policies.classes(elements, mirror, pair[1]);
      boolean inBoth = false;
      for (TypeMirror named : excluded) {
        if (included.stream().anyMatch(other -> types.isSameType(other, named))) {
          inBoth = true;
          report.add(Message.POLICY_CLASS_IN_BOTH, element, mirror,
              Policies.entryNaming(mirror, pair[1], named),
              Policies.simpleName(annotation), simpleName(named) + ".class", pair[0], pair[1]);
        }
      }
      checkActs(element, mirror, annotation, pair, included, excluded, inBoth, report);
      for (String member : pair) {
        for (TypeMirror named : Policies.classes(elements, mirror, member)) {
          checkVisible(element, mirror, annotation, member, named, twinPackage, report);
        }
      }
    }
  }

  /**
   * Warns of a failure test that can never match: nothing named to match, or every class named
   * also excluded (by itself, reported as a contradiction, or by a superclass).
   */
  private void checkActs(
      Element element,
      AnnotationMirror mirror,
      String annotation,
      String[] pair,
      List<TypeMirror> included,
      List<TypeMirror> excluded,
      boolean inBoth,
      Report report) {
    String simple = Policies.simpleName(annotation);
    String effect =
        switch (pair[0]) {
          case "retryOn" -> "the call is never retried";
          case "applyOn" -> "the fallback never runs";
          default -> "no failure counts and the circuit never opens";
        };
    if (included.isEmpty()) {
      report.add(Message.POLICY_MATCHES_NOTHING, element, mirror, Policies.written(mirror, pair[0]),
          simple, pair[0], effect, simple);
    } else if (!inBoth
        && included.stream().allMatch(
            named -> excluded.stream().anyMatch(other -> types.isSubtype(named, other)))) {
      report.add(Message.POLICY_EXCLUDES_EVERY_MATCH, element, mirror,
          Policies.written(mirror, pair[1]), "@" + simple + "(" + pair[1] + ")", pair[0],
          String.join(", ", included.stream().map(PolicyValidator::simpleName).toList()),
          effect, pair[1], "@" + simple);
    }
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
    TypeElement deadline = elements.getTypeElement(RuntimeNames.DEADLINE_EXCEEDED_EXCEPTION);
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
   * The method {@code @Fallback} names for {@code method}: fitting parameters (the method's, then
   * optionally the failure) and a result the twin can return. Of several that fit, one taking a
   * failure that every class {@code applyOn} lets through can be, else one without the failure;
   * the first of them the twin can call is used, or the first one's problem reported.
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
    String described = TwinValidator.describe(method);
    if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
      report.add(Message.FALLBACK_METHOD_NAME_INVALID, holder, fallback, at, name, described,
          candidatesText(type, method, method.getSimpleName() + "Fallback"));
      return Optional.empty();
    }
    List<ExecutableElement> named = named(type, name);
    if (named.isEmpty()) {
      report.add(Message.FALLBACK_METHOD_NOT_FOUND, holder, fallback, at, name, described,
          type.getSimpleName(), name, candidatesText(type, method, name));
      return Optional.empty();
    }
    int own = method.getParameters().size();
    List<FallbackSignature> fitting = new ArrayList<>();
    List<ExecutableElement> fittingMethods = new ArrayList<>();
    for (ExecutableElement candidate : named) {
      Optional<FallbackSignature> signature = signature(type, candidate, method);
      if (signature.isPresent() && takesParameters(signature.get(), candidate, own)) {
        fitting.add(signature.get());
        fittingMethods.add(candidate);
      }
    }
    if (fitting.isEmpty()) {
      if (!reportAlmostFitting(type, method, holder, fallback, at, named, report)) {
        String parameters = parameterList(method);
        report.add(Message.FALLBACK_PARAMETERS_MISMATCH, holder, fallback, at, name, described,
            name + "(" + parameters + ")",
            name + "(" + (parameters.isEmpty() ? "" : parameters + ", ") + "Throwable)",
            type.getSimpleName(),
            String.join(", ", named.stream().map(TwinValidator::describe).toList()));
      }
      return Optional.empty();
    }
    List<TypeMirror> applyOn = Policies.classes(elements, fallback, "applyOn");
    // Taking every failure applyOn lets through, then without the failure, then too narrow.
    List<Integer> order = new ArrayList<>();
    for (int pass = 0; pass < 3; pass++) {
      for (int i = 0; i < fitting.size(); i++) {
        boolean takesFailure = fittingMethods.get(i).getParameters().size() > own;
        boolean wide = !takesFailure || narrowerThan(fitting.get(i), own, applyOn).isEmpty();
        if (pass == 0 ? takesFailure && wide : pass == 1 ? !takesFailure : !wide) {
          order.add(i);
        }
      }
    }
    Report first = null;
    for (int i : order) {
      Report problems = new Report();
      checkCallable(method, holder, fallback, at, fittingMethods.get(i), fitting.get(i), applyOn,
          twinPackage, problems);
      if (problems.isClean()) {
        ExecutableElement chosen = fittingMethods.get(i);
        warnIfDeprecated(method, holder, fallback, at, chosen, report);
        return Optional.of(chosen);
      }
      if (first == null) {
        first = problems;
      }
    }
    report.addAll(first);
    return Optional.empty();
  }

  /** Reports why {@code chosen}, whose parameters fit, cannot stand in for {@code method}. */
  private void checkCallable(
      ExecutableElement method,
      Element holder,
      AnnotationMirror fallback,
      AnnotationValue at,
      ExecutableElement chosen,
      FallbackSignature signature,
      List<TypeMirror> applyOn,
      String twinPackage,
      Report report) {
    String described = TwinValidator.describe(method);
    int own = method.getParameters().size();
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
      return;
    }
    if (method.getModifiers().contains(Modifier.STATIC) && !modifiers.contains(Modifier.STATIC)) {
      report.add(Message.FALLBACK_NOT_STATIC, holder, fallback, at,
          TwinValidator.describe(chosen), described, TwinValidator.describe(chosen));
      return;
    }
    if (!returnFits(signature, method)) {
      TypeMirror wanted = signature.methodReturnType();
      report.add(Message.FALLBACK_RETURN_TYPE_MISMATCH, holder, fallback, at,
          TwinValidator.describe(chosen), signature.returnType(), wanted, described,
          wanted.getKind().isPrimitive()
              ? wanted + " or " + types.boxedClass((PrimitiveType) wanted).getSimpleName()
              : wanted + " (or a subtype)");
      return;
    }
    Optional<TypeMirror> uncaught = narrowerThan(signature, own, applyOn);
    if (chosen.getParameters().size() > own && uncaught.isPresent()) {
      TypeMirror failure = signature.parameter(own);
      AnnotationValue entry = Policies.entryNaming(fallback, "applyOn", uncaught.get());
      report.add(Message.FALLBACK_FAILURE_TOO_NARROW, holder, fallback, entry == null ? at : entry,
          TwinValidator.describe(chosen), simpleName(failure),
          entry == null ? " (by default " + simpleName(uncaught.get()) + ")" : "",
          simpleName(uncaught.get()), simpleName(uncaught.get()), simpleName(failure));
    }
  }

  /**
   * A deprecated fallback warns where javac would warn on the call written in {@code method}:
   * not when both are in one outermost class, nor when {@code method} suppresses the warning or,
   * for a plain deprecation, is itself deprecated. The twin's call never warns.
   */
  private void warnIfDeprecated(
      ExecutableElement method,
      Element holder,
      AnnotationMirror fallback,
      AnnotationValue at,
      ExecutableElement chosen,
      Report report) {
    if (!elements.isDeprecated(chosen)
        || Inspector.outermost(chosen).equals(Inspector.outermost(method))) {
      return;
    }
    boolean removal = Inspector.isForRemoval(chosen);
    String key = removal ? "removal" : "deprecation";
    if (Inspector.suppresses(method, key) || (!removal && inspector.isInDeprecatedContext(method))) {
      return;
    }
    report.add(Message.FALLBACK_DEPRECATED, holder, fallback, at, TwinValidator.describe(chosen),
        removal ? " for removal" : "", key, TwinValidator.describe(method));
  }

  /**
   * The candidate as the twin would call it; empty when it cannot take the method's parameters
   * (another number of them, or of type variables).
   */
  private Optional<FallbackSignature> signature(
      TypeElement type, ExecutableElement candidate, ExecutableElement method) {
    int own = method.getParameters().size();
    int count = candidate.getParameters().size();
    if ((count != own && count != own + 1)
        || candidate.getTypeParameters().size() != method.getTypeParameters().size()) {
      return Optional.empty();
    }
    return Optional.of(new FallbackSignature(types, (DeclaredType) type.asType(), method, candidate));
  }

  /**
   * The method's parameters, of the very same types, then optionally the failure, a {@code
   * Throwable}; and type variables that accept the method's.
   */
  private boolean takesParameters(FallbackSignature signature, ExecutableElement candidate, int own) {
    for (int i = 0; i < own; i++) {
      if (!types.isSameType(signature.methodParameter(i), signature.parameter(i))) {
        return false;
      }
    }
    if (signature.rejectedTypeVariable().isPresent()) {
      return false;
    }
    return candidate.getParameters().size() == own || isFailureType(signature.parameter(own));
  }

  private boolean isFailureType(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && types.isSubtype(type, elements.getTypeElement("java.lang.Throwable").asType());
  }

  /**
   * When a candidate has the method's parameters but for their type arguments or its type
   * variables' bounds, reports what differs and returns true.
   */
  private boolean reportAlmostFitting(
      TypeElement type,
      ExecutableElement method,
      Element holder,
      AnnotationMirror fallback,
      AnnotationValue at,
      List<ExecutableElement> named,
      Report report) {
    int own = method.getParameters().size();
    for (ExecutableElement candidate : named) {
      Optional<FallbackSignature> found = signature(type, candidate, method);
      if (found.isEmpty()) {
        continue;
      }
      FallbackSignature signature = found.get();
      boolean erasedSame = true;
      for (int i = 0; i < own && erasedSame; i++) {
        erasedSame = types.isSameType(
            types.erasure(signature.methodParameter(i)), types.erasure(signature.parameter(i)));
      }
      if (!erasedSame
          || (candidate.getParameters().size() > own && !isFailureType(signature.parameter(own)))) {
        continue;
      }
      Optional<Integer> rejected = signature.rejectedTypeVariable();
      if (rejected.isPresent()) {
        report.add(Message.FALLBACK_TYPE_VARIABLES_DIFFER, holder, fallback, at,
            TwinValidator.describe(candidate), typeVariables(signature.typeVariables()),
            signature.methodTypeVariables().get(rejected.get()), TwinValidator.describe(method),
            TwinValidator.describe(method), typeVariables(signature.methodTypeVariables()));
        return true;
      }
      for (int i = 0; i < own; i++) {
        if (!types.isSameType(signature.methodParameter(i), signature.parameter(i))) {
          report.add(Message.FALLBACK_PARAMETER_TYPES_DIFFER, holder, fallback, at,
              TwinValidator.describe(candidate), candidate.getParameters().get(i).asType(),
              TwinValidator.describe(method), signature.methodParameter(i),
              signature.methodParameter(i));
          return true;
        }
      }
    }
    return false;
  }

  /** {@code <T extends java.lang.Number, U>}. */
  private static String typeVariables(List<? extends TypeVariable> variables) {
    List<String> declared = new ArrayList<>();
    for (TypeVariable variable : variables) {
      List<String> bounds = new ArrayList<>();
      for (TypeMirror bound : FallbackSignature.bounds(variable.getUpperBound())) {
        if (!bound.toString().equals("java.lang.Object")) {
          bounds.add(bound.toString());
        }
      }
      declared.add(variable + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds)));
    }
    return "<" + String.join(", ", declared) + ">";
  }

  /** The first class of {@code applyOn} the failure parameter of {@code candidate} cannot take. */
  private Optional<TypeMirror> narrowerThan(
      FallbackSignature signature, int own, List<TypeMirror> applyOn) {
    if (signature.parameterCount() <= own) {
      return Optional.empty();
    }
    TypeMirror failure = signature.parameter(own);
    return applyOn.stream().filter(applied -> !types.isAssignable(applied, failure)).findFirst();
  }

  /**
   * Whether the twin's fallback lambda can return what the candidate returns: the method's boxed
   * result for a value (a {@code long} method takes no {@code int}, which would box to {@code
   * Integer}), a stage of it for a stage, anything for {@code void}. Subtyping, not assignment:
   * an unchecked conversion would warn in the twin.
   */
  private boolean returnFits(FallbackSignature signature, ExecutableElement method) {
    Inspector.ReturnShape shape = inspector.returnShape(method);
    if (shape instanceof Inspector.ReturnShape.NoValue) {
      return true; // whatever the fallback returns is dropped
    }
    TypeMirror given = boxed(signature.returnType());
    if (given.getKind() == TypeKind.VOID) {
      return false;
    }
    if (shape instanceof Inspector.ReturnShape.Relay relay) {
      TypeElement stage = elements.getTypeElement("java.util.concurrent.CompletionStage");
      return types.isSubtype(
          given, types.getDeclaredType(stage, types.getWildcardType(boxed(relay.resultType()), null)));
    }
    return types.isSubtype(given, boxed(signature.methodReturnType()));
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) type).asType() : type;
  }

  /** What to name or declare instead of the missing {@code name}. */
  private String candidatesText(TypeElement type, ExecutableElement method, String name) {
    List<String> found = new ArrayList<>();
    for (ExecutableElement member : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!member.equals(method)
          && !member.getModifiers().contains(Modifier.PRIVATE)
          && (!method.getModifiers().contains(Modifier.STATIC)
              || member.getModifiers().contains(Modifier.STATIC))
          && fits(type, member, method)) {
        found.add(TwinValidator.describe(member));
      }
    }
    return found.isEmpty()
        ? "declare " + name + "(" + parameterList(method) + "), optionally followed by a Throwable"
            + " parameter for the failure"
        : "name one that would fit: " + String.join(", ", found);
  }

  private boolean fits(TypeElement type, ExecutableElement member, ExecutableElement method) {
    Optional<FallbackSignature> signature = signature(type, member, method);
    return signature.isPresent()
        && takesParameters(signature.get(), member, method.getParameters().size())
        && returnFits(signature.get(), method);
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
