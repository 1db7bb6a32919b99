package dev.asyncdsl.processor.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.asyncdsl.processor.element.RuntimeNames;
import dev.asyncdsl.processor.model.PolicySpec;
import dev.asyncdsl.processor.model.PolicySpec.Amount;
import dev.asyncdsl.processor.model.PolicySpec.FailureTest;
import dev.asyncdsl.processor.model.PolicySpec.FallbackSpec;
import dev.asyncdsl.processor.model.TwinMethod;
import dev.asyncdsl.processor.model.TwinParameter;
import dev.asyncdsl.processor.model.TwinType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Modifier;

/**
 * Writes the fault-tolerance pieces of a twin: the {@code FaultTolerance} constant of each method
 * with policies, the field and accessor of the stateful ones, and the call that runs a method under
 * them.
 */
final class PolicyWriter {
  static final ClassName STATE_SCOPE = RuntimeNames.FAULT_TOLERANCE.nestedClass("StateScope");
  private static final ClassName TIME_UNIT = ClassName.get("java.util.concurrent", "TimeUnit");

  private PolicyWriter() {}

  /**
   * {@code private static final FaultTolerance FETCH_POLICY =
   * FaultTolerance.of(...)...build(CONFIG);}
   */
  static FieldSpec constant(TwinType twin, TwinMethod method, PolicySpec policies, CodeBlock link) {
    CodeBlock.Builder init =
        CodeBlock.builder()
            // An AsyncMethod too long for the first line goes on the next, indented deeper than
            // the builder's calls below it.
            .add(
                "$T.of($>$>$Z$L$<$<)$>$>",
                RuntimeNames.FAULT_TOLERANCE,
                TwinWriter.asyncMethod(method));
    policies.timeout().ifPresent(timeout -> init.add("\n.timeout($L)", amount(timeout)));
    policies
        .retry()
        .ifPresent(
            retry -> {
              init.add("\n.retry($L)", retry.maxRetries());
              retry.delay().ifPresent(delay -> init.add("\n.retryDelay($L)", amount(delay)));
              retry
                  .maxDuration()
                  .ifPresent(duration -> init.add("\n.retryMaxDuration($L)", amount(duration)));
              retry.jitter().ifPresent(jitter -> init.add("\n.retryJitter($L)", amount(jitter)));
              retry
                  .backoff()
                  .ifPresent(
                      backoff -> {
                        if (backoff.maxDelay().value() == 0) {
                          init.add("\n.retryBackoff($L)", backoff.multiplier());
                        } else {
                          init.add(
                              "\n.retryBackoff($L, $L)",
                              backoff.multiplier(),
                              amount(backoff.maxDelay()));
                        }
                      });
              retry
                  .retryOn()
                  .ifPresent(
                      test ->
                          init.add("\n.retryOn($L)", lambda(test))
                              .add(names(test, "retryOnNames", "abortOnNames")));
            });
    policies
        .circuitBreaker()
        .ifPresent(
            circuit -> {
              init.add(
                  "\n.circuitBreaker($L, $L, $L, $L)",
                  circuit.requestVolumeThreshold(),
                  circuit.failureRatio(),
                  amount(circuit.delay()),
                  circuit.successThreshold());
              circuit
                  .failsOn()
                  .ifPresent(
                      test ->
                          init.add("\n.circuitFailsOn($L)", lambda(test))
                              .add(names(test, "circuitFailOnNames", "circuitSkipOnNames")));
            });
    policies
        .bulkhead()
        .ifPresent(
            bulkhead ->
                init.add("\n.bulkhead($L, $L)", bulkhead.value(), bulkhead.waitingTaskQueue()));
    policies
        .fallback()
        .flatMap(FallbackSpec::applyOn)
        .ifPresent(
            test ->
                init.add("\n.fallbackOn($L)", lambda(test))
                    .add(names(test, "fallbackApplyOnNames", "fallbackSkipOnNames")));
    init.add("\n.build($N)$<$<", TwinWriter.CONFIG);
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add(
                "The fault tolerance of {@link #$L($L)}:\n$L.\n",
                method.name(),
                link,
                summary(policies));
    if (policies.isStateful() && method.isStatic()) {
      doc.add("Its state is shared by every caller in the JVM.\n");
    } else if (policies.isStateful()) {
      doc.add(
          "Its state is shared by every twin of {@link $T}, unless made with {@link $T#TWIN}.\n",
          twin.targetClass(),
          STATE_SCOPE);
    }
    FieldSpec.Builder field =
        FieldSpec.builder(
                RuntimeNames.FAULT_TOLERANCE,
                policies.constant(),
                Modifier.PRIVATE,
                Modifier.STATIC,
                Modifier.FINAL)
            .addJavadoc(doc.build());
    if (!policies.suppressedWarnings().isEmpty()) {
      field.addAnnotation(TwinWriter.suppressWarnings(policies.suppressedWarnings()));
    }
    return field.initializer(init.build()).build();
  }

  /** The instance field holding this twin's policies of a stateful instance method. */
  static FieldSpec stateField(PolicySpec policies, TwinMethod method, CodeBlock link) {
    return FieldSpec.builder(
            RuntimeNames.FAULT_TOLERANCE,
            policies.state().orElseThrow(),
            Modifier.PRIVATE,
            Modifier.FINAL)
        .addJavadoc(
            "The fault tolerance of {@link #$L($L)} for this twin: {@link #$L} or a copy with its own state.\n",
            method.name(),
            link,
            policies.constant())
        .build();
  }

  /**
   * {@code public FaultTolerance fetchPolicy()}, to read a circuit's state or a bulkhead's load.
   */
  static MethodSpec accessor(
      TwinType twin, TwinMethod method, PolicySpec policies, CodeBlock link) {
    String name = policies.state().orElseThrow();
    MethodSpec.Builder spec =
        MethodSpec.methodBuilder(name)
            .addJavadoc(
                "The fault tolerance of {@link #$L($L)}, to read the state of its",
                method.name(),
                link)
            .addJavadoc(
                policies.circuitBreaker().isPresent() && policies.bulkhead().isPresent()
                    ? " circuit breaker\nand bulkhead"
                    : policies.circuitBreaker().isPresent() ? " circuit breaker" : " bulkhead")
            .addJavadoc(" (health checks, tests).\n\n@return the policies and their state\n")
            .returns(RuntimeNames.FAULT_TOLERANCE);
    if (twin.isPublic() && method.isPublic()) {
      spec.addModifiers(Modifier.PUBLIC);
    }
    if (method.isStatic()) {
      spec.addModifiers(Modifier.STATIC).addStatement("return $N", policies.constant());
    } else {
      spec.addStatement("return this.$N", name);
    }
    return spec.build();
  }

  /**
   * What runs the method: {@code FETCH_POLICY.<String>call(executor, () -> ..., failure -> ...)};
   * {@code invocation} is the runtime method with its type argument, {@code <String>call}.
   */
  static CodeBlock call(
      TwinType twin,
      TwinMethod method,
      PolicySpec policies,
      CodeBlock invocation,
      CodeBlock executor,
      CodeBlock body) {
    CodeBlock receiver =
        policies.isStateful() && !method.isStatic()
            ? CodeBlock.of("this.$N", policies.state().orElseThrow())
            : CodeBlock.of("$T.$N", twin.twinName(), policies.constant());
    if (policies.fallback().isEmpty()) {
      return CodeBlock.of("$L.$L($Z$L, () -> $L)", receiver, invocation, executor, body);
    }
    return CodeBlock.of(
        "$L.$L($Z$L,$W() -> $L,$Wfailure -> $L)",
        receiver,
        invocation,
        executor,
        body,
        fallbackCall(twin, method, policies.fallback().get()));
  }

  private static CodeBlock fallbackCall(TwinType twin, TwinMethod method, FallbackSpec fallback) {
    CodeBlock receiver =
        fallback.isStatic() ? CodeBlock.of("$T", twin.targetClass()) : CodeBlock.of("this.target");
    List<CodeBlock> arguments = new ArrayList<>();
    for (TwinParameter parameter : method.parameters()) {
      arguments.add(CodeBlock.of("$N", parameter.name()));
    }
    fallback
        .failureType()
        .ifPresent(
            type ->
                arguments.add(
                    fallback.castFailure()
                        ? CodeBlock.of("($T) failure", type)
                        : CodeBlock.of("failure")));
    return CodeBlock.of(
        "$L.$L$L($L)",
        receiver,
        TwinWriter.typeArguments(method),
        fallback.name(),
        arguments.stream().collect(CodeBlock.joining(", ")));
  }

  /**
   * {@code failure -> failure instanceof IOException && !(failure instanceof
   * FileNotFoundException)}.
   */
  private static CodeBlock lambda(FailureTest test) {
    List<CodeBlock> parts = new ArrayList<>();
    for (TypeName excluded : test.excluded()) {
      parts.add(CodeBlock.of("!(failure instanceof $T)", excluded));
    }
    if (!test.matching().isEmpty()) {
      CodeBlock any =
          test.matching().stream()
              .map(type -> CodeBlock.of("failure instanceof $T", type))
              .collect(CodeBlock.joining(" ||$W"));
      parts.add(
          test.matching().size() > 1 && !test.excluded().isEmpty()
              ? CodeBlock.of("($L)", any)
              : any);
    }
    if (parts.isEmpty()) {
      return CodeBlock.of("failure -> true");
    }
    return CodeBlock.of("failure -> $L", parts.stream().collect(CodeBlock.joining(" &&$W")));
  }

  /**
   * {@code .retryOnNames("java.io.IOException").abortOnNames("java.io.FileNotFoundException")}: the
   * class lists as written, for configuration that overrides only one of them; a member left at its
   * default is not written.
   */
  private static CodeBlock names(FailureTest test, String matching, String excluded) {
    CodeBlock.Builder calls = CodeBlock.builder();
    test.matchingNames().ifPresent(names -> calls.add("\n.$N($L)", matching, strings(names)));
    if (!test.excludedNames().isEmpty()) {
      calls.add("\n.$N($L)", excluded, strings(test.excludedNames()));
    }
    return calls.build();
  }

  private static CodeBlock strings(List<String> names) {
    return names.stream().map(name -> CodeBlock.of("$S", name)).collect(CodeBlock.joining(",$W"));
  }

  /** {@code 200 milliseconds}, {@code 1 second}. */
  private static String words(Amount amount) {
    String unit = amount.unit().toLowerCase(Locale.ROOT);
    return amount.value()
        + " "
        + (amount.value() == 1 ? unit.substring(0, unit.length() - 1) : unit);
  }

  private static CodeBlock amount(Amount amount) {
    return CodeBlock.of("$LL, $T.$L", amount.value(), TIME_UNIT, amount.unit());
  }

  /** "a timeout of 2 s per attempt, up to 3 retries, a circuit breaker and a bulkhead". */
  static String summary(PolicySpec policies) {
    List<String> parts = new ArrayList<>();
    policies
        .timeout()
        .ifPresent(timeout -> parts.add("a timeout of " + words(timeout) + " per attempt"));
    policies
        .retry()
        .ifPresent(
            retry -> {
              String retries =
                  retry.maxRetries() == -1
                      ? "retries until its max duration"
                      : "up to "
                          + retry.maxRetries()
                          + (retry.maxRetries() == 1 ? " retry" : " retries");
              if (retry.delay().isPresent()) {
                retries += ", " + words(retry.delay().get()) + " apart";
                if (retry.backoff().isPresent()) {
                  retries +=
                      " and " + retry.backoff().get().multiplier() + " times longer each time";
                }
              }
              parts.add(retries);
            });
    policies
        .circuitBreaker()
        .ifPresent(
            circuit ->
                parts.add(
                    "a circuit breaker that opens for "
                        + words(circuit.delay())
                        + " once "
                        + Math.round(circuit.failureRatio() * 100)
                        + "% of the last "
                        + circuit.requestVolumeThreshold()
                        + " calls failed"));
    policies
        .bulkhead()
        .ifPresent(
            bulkhead ->
                parts.add(
                    "a bulkhead of "
                        + bulkhead.value()
                        + " running and "
                        + bulkhead.waitingTaskQueue()
                        + " waiting"));
    policies
        .fallback()
        .ifPresent(fallback -> parts.add("a fallback to {@code " + fallback.name() + "}"));
    if (parts.size() == 1) {
      return parts.get(0);
    }
    // One policy a line: the Javadoc stays readable however many there are.
    return String.join(",\n", parts.subList(0, parts.size() - 1))
        + "\nand "
        + parts.get(parts.size() - 1);
  }
}
