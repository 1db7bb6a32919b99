package dev.asyncdsl.processor.model;

import com.palantir.javapoet.TypeName;
import dev.asyncdsl.processor.annotation.AnnotationReader;
import dev.asyncdsl.processor.annotation.CircuitBreakerAnnotation;
import dev.asyncdsl.processor.annotation.ClassList;
import dev.asyncdsl.processor.annotation.FailureClasses;
import dev.asyncdsl.processor.annotation.FallbackAnnotation;
import dev.asyncdsl.processor.annotation.RetryAnnotation;
import dev.asyncdsl.processor.annotation.TimedMember;
import dev.asyncdsl.processor.element.Nesting;
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
      java.util.function.Supplier<String> stateName) {
    if (!AnnotationReader.anyPolicyApplies(method)) {
      return Optional.empty();
    }
    Optional<RetryAnnotation> retryAnnotation = AnnotationReader.RETRY.applying(elements, method);
    Optional<CircuitBreakerAnnotation> circuitAnnotation =
        AnnotationReader.CIRCUIT_BREAKER.applying(elements, method);
    Optional<FallbackAnnotation> fallbackAnnotation =
        AnnotationReader.FALLBACK.applying(elements, method);
    Optional<RetrySpec> retry = retryAnnotation.map(this::retry);
    Optional<CircuitSpec> circuit = circuitAnnotation.map(this::circuit);
    Optional<BulkheadSpec> bulkhead =
        AnnotationReader.BULKHEAD
            .applying(elements, method)
            .map(
                annotation ->
                    new BulkheadSpec(
                        annotation.value().value(), annotation.waitingTaskQueue().value()));
    Optional<FallbackSpec> fallbackSpec =
        fallbackAnnotation.flatMap(
            annotation -> fallback.map(found -> fallback(method, found, annotation)));
    if (retry.isEmpty() && circuit.isEmpty() && bulkhead.isEmpty() && fallbackSpec.isEmpty()) {
      return Optional.empty(); // a fallback that names no fitting method (reported) was all
    }
    boolean stateful = circuit.isPresent() || bulkhead.isPresent();
    List<FailureClasses> failureTests = new ArrayList<>();
    retryAnnotation.ifPresent(annotation -> failureTests.add(annotation.failures()));
    circuitAnnotation.ifPresent(annotation -> failureTests.add(annotation.failures()));
    fallbackAnnotation.ifPresent(annotation -> failureTests.add(annotation.failures()));
    return Optional.of(
        new PolicySpec(
            constant,
            timeout,
            retry,
            circuit,
            bulkhead,
            fallbackSpec,
            stateful ? Optional.of(stateName.get()) : Optional.empty(),
            suppressedWarnings(failureTests)));
  }

  private RetrySpec retry(RetryAnnotation retry) {
    Amount delay = amount(retry.delay());
    Amount maxDuration = amount(retry.maxDuration());
    Amount jitter = amount(retry.jitter());
    double multiplier = retry.delayMultiplier().value();
    Amount maxDelay = amount(retry.maxDelay());
    boolean defaultDuration =
        maxDuration.value() == 180_000 && maxDuration.unit().equals("MILLISECONDS");
    return new RetrySpec(
        retry.maxRetries().value(),
        delay.value() == 0 ? Optional.empty() : Optional.of(delay),
        defaultDuration ? Optional.empty() : Optional.of(maxDuration),
        jitter.value() == 0 ? Optional.empty() : Optional.of(jitter),
        multiplier == 1.0 ? Optional.empty() : Optional.of(new Backoff(multiplier, maxDelay)),
        test(retry.failures(), "java.lang.Exception"));
  }

  private CircuitSpec circuit(CircuitBreakerAnnotation circuit) {
    return new CircuitSpec(
        circuit.requestVolumeThreshold().value(),
        circuit.failureRatio().value(),
        amount(circuit.delay()),
        circuit.successThreshold().value(),
        test(circuit.failures(), "java.lang.Throwable"));
  }

  private FallbackSpec fallback(
      ExecutableElement method, ExecutableElement found, FallbackAnnotation annotation) {
    int own = method.getParameters().size();
    Optional<TypeName> failureType = Optional.empty();
    boolean cast = false;
    if (found.getParameters().size() > own) {
      TypeMirror failure = failureType(method, found);
      failureType = Optional.of(TypeName.get(failure));
      cast = !isClass(failure, "java.lang.Throwable");
    }
    List<TypeName> link = new ArrayList<>();
    found
        .getParameters()
        .forEach(parameter -> link.add(TypeName.get(types.erasure(parameter.asType()))));
    return new FallbackSpec(
        found.getSimpleName().toString(),
        found.getModifiers().contains(Modifier.STATIC),
        failureType,
        cast,
        link,
        test(annotation.failures(), "java.lang.Throwable"));
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
   * {@code deprecation} and {@code removal} when one of the {@code failureTests} names a deprecated
   * class: the user was warned where they named it, and the twin repeats the name in its constant.
   */
  private List<String> suppressedWarnings(List<FailureClasses> failureTests) {
    for (FailureClasses test : failureTests) {
      for (ClassList classes : List.of(test.matching(), test.excluded())) {
        if (classes.classes().stream().anyMatch(this::isDeprecated)) {
          return List.of("deprecation", "removal");
        }
      }
    }
    return List.of();
  }

  /** Whether naming {@code type} warns: it, or a type enclosing it, is deprecated. */
  private boolean isDeprecated(TypeMirror type) {
    return type instanceof DeclaredType declared
        && Nesting.enclosingChain((TypeElement) declared.asElement()).stream()
            .anyMatch(elements::isDeprecated);
  }

  private static Amount amount(TimedMember length) {
    return new Amount(length.value(), length.unit());
  }

  /**
   * The failure test of {@code failures}; empty when it is the default: exactly {@code
   * defaultClass} matching, nothing excluded.
   */
  private Optional<FailureTest> test(FailureClasses failures, String defaultClass) {
    List<TypeMirror> included = failures.matching().classes();
    List<TypeMirror> left = failures.excluded().classes();
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
    boolean defaultMatching = included.size() == 1 && isClass(included.get(0), defaultClass);
    return Optional.of(
        new FailureTest(
            names,
            excludedNames,
            defaultMatching ? Optional.empty() : Optional.of(binaryNames(included)),
            binaryNames(left)));
  }

  /** The binary names of {@code classes}, {@code p.Outer$Failure} for a nested one. */
  private List<String> binaryNames(List<TypeMirror> classes) {
    List<String> names = new ArrayList<>();
    for (TypeMirror type : classes) {
      names.add(
          type instanceof DeclaredType declared
              ? elements.getBinaryName((TypeElement) declared.asElement()).toString()
              : type.toString());
    }
    return names;
  }

  private static boolean isClass(TypeMirror type, String qualifiedName) {
    return type instanceof DeclaredType declared
        && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(qualifiedName);
  }
}
