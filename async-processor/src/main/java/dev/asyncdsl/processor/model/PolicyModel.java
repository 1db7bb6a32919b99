package dev.asyncdsl.processor.model;

import com.palantir.javapoet.TypeName;
import dev.asyncdsl.processor.element.Inspector;
import dev.asyncdsl.processor.element.Policies;
import dev.asyncdsl.processor.element.RuntimeNames;
import dev.asyncdsl.processor.model.PolicySpec.Amount;
import dev.asyncdsl.processor.model.PolicySpec.Backoff;
import dev.asyncdsl.processor.model.PolicySpec.BulkheadSpec;
import dev.asyncdsl.processor.model.PolicySpec.CircuitSpec;
import dev.asyncdsl.processor.model.PolicySpec.FailureTest;
import dev.asyncdsl.processor.model.PolicySpec.FallbackSpec;
import dev.asyncdsl.processor.model.PolicySpec.RetrySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads a method's validated fault-tolerance annotations into a {@link PolicySpec}. */
final class PolicyModel {
  private final Elements elements;
  private final Types types;

  PolicyModel(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /**
   * The policies of {@code method}, if any applies; {@code fallback} is the method its
   * {@code @Fallback} names (validated), {@code timeout} its {@code @Timeout}; {@code stateName}
   * names the accessor, asked only for policies that keep state.
   */
  Optional<PolicySpec> build(
      ExecutableElement method,
      Optional<ExecutableElement> fallback,
      Optional<Amount> timeout,
      String constant,
      String readableName,
      java.util.function.Supplier<String> stateName) {
    if (!Policies.anyApplies(method)) {
      return Optional.empty();
    }
    Optional<RetrySpec> retry = Policies.applying(method, RuntimeNames.RETRY).map(this::retry);
    Optional<CircuitSpec> circuit =
        Policies.applying(method, RuntimeNames.CIRCUIT_BREAKER).map(this::circuit);
    Optional<BulkheadSpec> bulkhead =
        Policies.applying(method, RuntimeNames.BULKHEAD)
            .map(mirror -> new BulkheadSpec(
                Policies.intValue(elements, mirror, "value"),
                Policies.intValue(elements, mirror, "waitingTaskQueue")));
    Optional<FallbackSpec> fallbackSpec =
        Policies.applying(method, RuntimeNames.FALLBACK)
            .flatMap(mirror -> fallback.map(found -> fallback(method, found, mirror)));
    if (retry.isEmpty() && circuit.isEmpty() && bulkhead.isEmpty() && fallbackSpec.isEmpty()) {
      return Optional.empty(); // a fallback that names no fitting method (reported) was all
    }
    boolean stateful = circuit.isPresent() || bulkhead.isPresent();
    return Optional.of(
        new PolicySpec(
            constant,
            readableName,
            timeout,
            retry,
            circuit,
            bulkhead,
            fallbackSpec,
            stateful ? Optional.of(stateName.get()) : Optional.empty(),
            suppressedWarnings(method)));
  }

  private RetrySpec retry(AnnotationMirror retry) {
    Amount delay = amount(retry, "delay", "delayUnit");
    Amount maxDuration = amount(retry, "maxDuration", "durationUnit");
    Amount jitter = amount(retry, "jitter", "jitterUnit");
    double multiplier = Policies.doubleValue(elements, retry, "delayMultiplier");
    Amount maxDelay = amount(retry, "maxDelay", "maxDelayUnit");
    boolean defaultDuration = maxDuration.value() == 180_000 && maxDuration.unit().equals("MILLISECONDS");
    return new RetrySpec(
        Policies.intValue(elements, retry, "maxRetries"),
        delay.value() == 0 ? Optional.empty() : Optional.of(delay),
        defaultDuration ? Optional.empty() : Optional.of(maxDuration),
        jitter.value() == 0 ? Optional.empty() : Optional.of(jitter),
        multiplier == 1.0 ? Optional.empty() : Optional.of(new Backoff(multiplier, maxDelay)),
        test(retry, "retryOn", "abortOn", "java.lang.Exception"));
  }

  private CircuitSpec circuit(AnnotationMirror circuit) {
    return new CircuitSpec(
        Policies.intValue(elements, circuit, "requestVolumeThreshold"),
        Policies.doubleValue(elements, circuit, "failureRatio"),
        amount(circuit, "delay", "delayUnit"),
        Policies.intValue(elements, circuit, "successThreshold"),
        test(circuit, "failOn", "skipOn", "java.lang.Throwable"));
  }

  private FallbackSpec fallback(ExecutableElement method, ExecutableElement found, AnnotationMirror mirror) {
    int own = method.getParameters().size();
    Optional<TypeName> failureType = Optional.empty();
    boolean cast = false;
    if (found.getParameters().size() > own) {
      TypeMirror failure = failureType(method, found);
      failureType = Optional.of(TypeName.get(failure));
      cast = !isClass(failure, "java.lang.Throwable");
    }
    List<TypeName> link = new ArrayList<>();
    found.getParameters().forEach(parameter -> link.add(TypeName.get(types.erasure(parameter.asType()))));
    return new FallbackSpec(
        found.getSimpleName().toString(),
        found.getModifiers().contains(Modifier.STATIC),
        failureType,
        cast,
        link,
        test(mirror, "applyOn", "skipOn", "java.lang.Throwable"));
  }

  /**
   * The type of the fallback's failure parameter as the annotated type sees it: a superclass's
   * {@code E} is what the type gives it.
   */
  private TypeMirror failureType(ExecutableElement method, ExecutableElement fallback) {
    DeclaredType site = (DeclaredType) method.getEnclosingElement().asType();
    ExecutableType member = (ExecutableType) types.asMemberOf(site, fallback);
    return member.getParameterTypes().get(method.getParameters().size());
  }

  /**
   * {@code deprecation} and {@code removal} when a failure test names a deprecated class: the
   * user was warned where they named it, and the twin repeats the name in its constant.
   */
  private List<String> suppressedWarnings(ExecutableElement method) {
    for (String annotation : List.of(RuntimeNames.RETRY, RuntimeNames.CIRCUIT_BREAKER, RuntimeNames.FALLBACK)) {
      Optional<AnnotationMirror> mirror = Policies.applying(method, annotation);
      if (mirror.isEmpty()) {
        continue;
      }
      for (String member : List.of("retryOn", "abortOn", "failOn", "skipOn", "applyOn")) {
        if (Policies.hasMember(mirror.get(), member)
            && Policies.classes(elements, mirror.get(), member).stream().anyMatch(this::isDeprecated)) {
          return List.of("deprecation", "removal");
        }
      }
    }
    return List.of();
  }

  /** Whether naming {@code type} warns: it, or a type enclosing it, is deprecated. */
  private boolean isDeprecated(TypeMirror type) {
    return type instanceof DeclaredType declared
        && Inspector.enclosingChain((TypeElement) declared.asElement()).stream()
            .anyMatch(elements::isDeprecated);
  }

  private Amount amount(AnnotationMirror mirror, String value, String unit) {
    return new Amount(Policies.longValue(elements, mirror, value), Policies.unit(elements, mirror, unit));
  }

  /**
   * The failure test of members {@code matching} and {@code excluded}; empty when it is the
   * default: exactly {@code defaultClass} matching, nothing excluded.
   */
  private Optional<FailureTest> test(
      AnnotationMirror mirror, String matching, String excluded, String defaultClass) {
    List<TypeMirror> included = Policies.classes(elements, mirror, matching);
    List<TypeMirror> left = Policies.classes(elements, mirror, excluded);
    if (left.isEmpty() && included.size() == 1 && isClass(included.get(0), defaultClass)) {
      return Optional.empty();
    }
    boolean everything = included.stream().anyMatch(type -> isClass(type, "java.lang.Throwable"));
    List<TypeName> names = new ArrayList<>();
    if (!everything) {
      included.forEach(type -> names.add(TypeName.get(type)));
    }
    List<TypeName> excludedNames = new ArrayList<>();
    left.forEach(type -> excludedNames.add(TypeName.get(type)));
    if (!everything && names.isEmpty()) {
      // Nothing matches: `matching = {}`. A test that matches nothing is one excluding Throwable.
      excludedNames.clear();
      excludedNames.add(TypeName.get(elements.getTypeElement("java.lang.Throwable").asType()));
    }
    return Optional.of(new FailureTest(names, excludedNames));
  }

  private static boolean isClass(TypeMirror type, String qualifiedName) {
    return type instanceof DeclaredType declared
        && ((TypeElement) declared.asElement())
            .getQualifiedName()
            .contentEquals(qualifiedName);
  }
}
