package dev.asyncdsl.processor.writer;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.asyncdsl.processor.element.RuntimeNames;
import dev.asyncdsl.processor.model.ConfigSpec;
import dev.asyncdsl.processor.model.PolicySpec;
import dev.asyncdsl.processor.model.TimeoutSpec;
import dev.asyncdsl.processor.model.TwinMethod;
import dev.asyncdsl.processor.model.TwinParameter;
import dev.asyncdsl.processor.model.TwinType;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/** Writes a {@link TwinType} as Java source. Decides nothing the model has not decided. */
public final class TwinWriter {
  private static final ClassName COMPLETABLE_FUTURE =
      ClassName.get("java.util.concurrent", "CompletableFuture");
  private static final ClassName EXECUTOR = ClassName.get("java.util.concurrent", "Executor");
  private static final ClassName TIME_UNIT = ClassName.get("java.util.concurrent", "TimeUnit");
  private static final ClassName TIMED_METHOD =
      RuntimeNames.ASYNC_RUNTIME.nestedClass("TimedMethod");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName ITERABLE = ClassName.get("java.lang", "Iterable");

  /** The twin's description for configuration, first among its constants. */
  static final String CONFIG = "CONFIG";

  private final String generatorName;

  /**
   * @param generatorName the processor's class name, for {@code @Generated}
   */
  public TwinWriter(String generatorName) {
    this.generatorName = generatorName;
  }

  public JavaFile write(TwinType twin) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(twin.twinName())
            .addModifiers(Modifier.FINAL)
            .addTypeVariables(twin.typeVariables())
            .addJavadoc(classJavadoc(twin));
    twin.generatedAnnotation().ifPresent(generated -> type.addAnnotation(generated(generated)));
    if (twin.isPublic()) {
      type.addModifiers(Modifier.PUBLIC);
    }
    if (twin.isDeprecated()) {
      type.addAnnotation(Deprecated.class);
    }
    if (!twin.suppressedWarnings().isEmpty()) {
      type.addAnnotation(suppressWarnings(twin.suppressedWarnings()));
    }
    type.addField(configConstant(twin));
    for (TwinMethod method : twin.methods()) {
      method
          .methodConstant()
          .ifPresent(constant -> type.addField(methodConstant(method, constant)));
      method.timeout().ifPresent(timeout -> type.addField(timeoutConstant(method, timeout)));
      method
          .policies()
          .ifPresent(
              policies ->
                  type.addField(
                      PolicyWriter.constant(twin, method, policies, linkParameters(method))));
    }
    // Every policy is built: from now on a wrong configuration fails the twin's constructors and
    // calls, and never the class's initialisation.
    type.addStaticBlock(CodeBlock.builder().addStatement("$N.complete()", CONFIG).build());
    if (twin.hasInstanceMethods()) {
      addInstanceMembers(type, twin);
    } else {
      type.addMethod(
          MethodSpec.constructorBuilder()
              .addModifiers(Modifier.PRIVATE)
              .addJavadoc("Not instantiated: the methods are static, with nothing to wrap.\n")
              .build());
    }
    for (TwinMethod method : twin.methods()) {
      type.addMethod(twinMethod(twin, method));
      if (method.hasGatherHelper()) {
        type.addMethod(gatherHelper(twin, method));
      }
    }
    for (TwinMethod method : twin.methods()) {
      method
          .policies()
          .filter(PolicySpec::isStateful)
          .ifPresent(
              policies ->
                  type.addMethod(
                      PolicyWriter.accessor(twin, method, policies, linkParameters(method))));
    }
    return JavaFile.builder(twin.twinName().packageName(), type.build())
        .skipJavaLangImports(!twin.importJavaLang())
        .build();
  }

  private static CodeBlock classJavadoc(TwinType twin) {
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add(
                "The asynchronous twin of {@link $T}: each of its {@code @Async} methods,\n",
                twin.targetClass())
            .add("returning a {@link $T} of its result.\n", COMPLETABLE_FUTURE);
    if (twin.hasInstanceMethods()) {
      doc.add("\n<p>Instance methods run on the executor given to the constructor;\n")
          .add("static methods on {@link $T#defaultExecutor()}.\n", RuntimeNames.ASYNC_RUNTIME);
    } else {
      doc.add(
          "\n<p>Its methods run on {@link $T#defaultExecutor()}.\n", RuntimeNames.ASYNC_RUNTIME);
    }
    if (!twin.typeVariables().isEmpty()) {
      doc.add("\n");
      for (TypeVariableName variable : twin.typeVariables()) {
        doc.add(
            "@param <$L> the type variable {@code $L} of the wrapped object's type\n",
            variable.name(),
            variable.name());
      }
    }
    return doc.build();
  }

  private static void addInstanceMembers(TypeSpec.Builder type, TwinType twin) {
    Modifier visibility = twin.isPublic() ? Modifier.PUBLIC : null;
    type.addField(
        FieldSpec.builder(twin.targetType(), "target", Modifier.PRIVATE, Modifier.FINAL)
            .addJavadoc("The object whose methods this twin runs.\n")
            .build());
    type.addField(
        FieldSpec.builder(EXECUTOR, "executor", Modifier.PRIVATE, Modifier.FINAL)
            .addJavadoc("Where the instance methods run.\n")
            .build());
    List<TwinMethod> stateful =
        twin.methods().stream()
            .filter(method -> !method.isStatic())
            .filter(method -> method.policies().filter(PolicySpec::isStateful).isPresent())
            .toList();
    for (TwinMethod method : stateful) {
      type.addField(
          PolicyWriter.stateField(method.policies().get(), method, linkParameters(method)));
    }

    MethodSpec.Builder onDefault =
        MethodSpec.constructorBuilder()
            .addJavadoc(
                "Runs the methods of {@code target} on {@link $T#defaultExecutor()}.\n",
                RuntimeNames.ASYNC_RUNTIME)
            .addJavadoc("\n@param target the object whose methods to run\n")
            .addJavadoc(throwsTag(twin))
            .addParameter(twin.targetType(), "target")
            .addStatement("this(target, $T.defaultExecutor())", RuntimeNames.ASYNC_RUNTIME);
    MethodSpec.Builder onExecutor =
        MethodSpec.constructorBuilder()
            .addJavadoc("Runs the methods of {@code target} on {@code executor}.\n");
    if (!stateful.isEmpty()) {
      onExecutor
          .addJavadoc(
              "\n<p>The circuit breakers and bulkheads are those of the methods, shared by every\n")
          .addJavadoc("twin of {@link $T}.\n", twin.targetClass());
    }
    onExecutor
        .addJavadoc("\n@param target the object whose methods to run\n")
        .addJavadoc("@param executor where to run them\n")
        .addJavadoc(throwsTag(twin))
        .addParameter(twin.targetType(), "target")
        .addParameter(EXECUTOR, "executor");
    MethodSpec.Builder withScope = null;
    if (stateful.isEmpty()) {
      onExecutor
          .addStatement("$N.check()", CONFIG)
          .addStatement("this.target = $T.requireNonNull(target, $S)", OBJECTS, "target")
          .addStatement("this.executor = $T.requireNonNull(executor, $S)", OBJECTS, "executor");
    } else {
      onExecutor.addStatement("this(target, executor, $T.METHOD)", PolicyWriter.STATE_SCOPE);
      withScope =
          MethodSpec.constructorBuilder()
              .addJavadoc(
                  "Runs the methods of {@code target} on {@code executor}, with the circuit breakers\n")
              .addJavadoc(
                  "and bulkheads {@code scope} says: those of the methods, shared by every twin of\n")
              .addJavadoc(
                  "{@link $T} ({@link $T#METHOD}), or this twin's own\n",
                  twin.targetClass(),
                  PolicyWriter.STATE_SCOPE)
              .addJavadoc("({@link $T#TWIN}),\n", PolicyWriter.STATE_SCOPE)
              .addJavadoc("for a target that talks to a downstream of its own.\n")
              .addJavadoc("\n@param target the object whose methods to run\n")
              .addJavadoc("@param executor where to run them\n")
              .addJavadoc("@param scope whose circuit breakers and bulkheads this twin uses\n")
              .addParameter(twin.targetType(), "target")
              .addParameter(EXECUTOR, "executor")
              .addParameter(PolicyWriter.STATE_SCOPE, "scope")
              .addJavadoc(throwsTag(twin))
              .addStatement("$N.check()", CONFIG)
              .addStatement("this.target = $T.requireNonNull(target, $S)", OBJECTS, "target")
              .addStatement("this.executor = $T.requireNonNull(executor, $S)", OBJECTS, "executor");
      for (TwinMethod method : stateful) {
        PolicySpec policies = method.policies().get();
        withScope.addStatement(
            "this.$N = $N.in(scope)", policies.state().get(), policies.constant());
      }
    }
    if (visibility != null) {
      onDefault.addModifiers(visibility);
      onExecutor.addModifiers(visibility);
      if (withScope != null) {
        withScope.addModifiers(visibility);
      }
    }
    type.addMethod(onDefault.build());
    type.addMethod(onExecutor.build());
    if (withScope != null) {
      type.addMethod(withScope.build());
    }
  }

  /** A constructor's {@code @throws}: the configuration of the class's policies is checked. */
  private static CodeBlock throwsTag(TwinType twin) {
    return CodeBlock.of(
        "@throws $T when the configuration of {@link $T}'s policies is wrong\n",
        RuntimeNames.POLICY_CONFIG_EXCEPTION,
        twin.targetClass());
  }

  private static MethodSpec twinMethod(TwinType twin, TwinMethod method) {
    MethodSpec.Builder spec =
        MethodSpec.methodBuilder(method.name())
            .addJavadoc(methodJavadoc(twin, method))
            .addTypeVariables(method.typeVariables())
            .returns(future(method.resultType()))
            .varargs(method.isVarargs());
    addModifiers(spec, twin, method);
    for (TwinParameter parameter : method.parameters()) {
      spec.addParameter(
          ParameterSpec.builder(parameter.type(), parameter.name())
              .addAnnotations(parameter.annotations())
              .build());
    }
    if (method.safeVarargs() && !method.isStatic()) {
      spec.addModifiers(Modifier.FINAL);
    }
    if (method.safeVarargs()) {
      spec.addAnnotation(SafeVarargs.class);
    }
    CodeBlock call = originalCall(twin, method);
    String runtimeMethod =
        switch (method.kind()) {
          case VALUE -> "call";
          case VOID -> "run";
          case RELAY -> "relay";
        };
    CodeBlock executor =
        method.isStatic()
            ? CodeBlock.of("$T.defaultExecutor()", RuntimeNames.ASYNC_RUNTIME)
            : CodeBlock.of("this.executor");
    CodeBlock typeArgument =
        method.kind() == TwinMethod.Kind.VOID
            ? CodeBlock.of("")
            : CodeBlock.of("<$T>", method.resultType());
    if (method.policies().isPresent()) {
      spec.addStatement(
          "return $L",
          PolicyWriter.call(
              twin,
              method,
              method.policies().get(),
              CodeBlock.of("$L$L", typeArgument, runtimeMethod),
              executor,
              call));
    } else if (method.isStaticWithoutPolicies()) {
      // No constant of its own fails its calls when the configuration is wrong: the twin's does.
      spec.addStatement(
          "return $T.$N.$L$L($Z$L, $T.$N,$W() -> $L)",
          twin.twinName(),
          CONFIG,
          typeArgument,
          runtimeMethod,
          executor,
          twin.twinName(),
          method.methodConstant().orElseThrow(),
          call);
    } else {
      // The method's own constant names it (and its timeout, if it has one).
      String constant =
          method.timeout().map(TimeoutSpec::constant).or(method::methodConstant).orElseThrow();
      spec.addStatement(
          "return $T.$L$L($Z$L, $T.$N,$W() -> $L)",
          RuntimeNames.ASYNC_RUNTIME,
          typeArgument,
          runtimeMethod,
          executor,
          twin.twinName(),
          constant,
          call);
    }
    return spec.build();
  }

  /**
   * {@code PolicyConfig.twin("p.Client").method("fetch", "Retry")...}: the class and each method
   * with the policies it carries, which the policies below are built through.
   */
  private static FieldSpec configConstant(TwinType twin) {
    CodeBlock.Builder init =
        CodeBlock.builder()
            .add("$T.twin($S)$>$>", RuntimeNames.POLICY_CONFIG, twin.config().className());
    for (ConfigSpec.Method method : twin.config().methods()) {
      init.add("\n.method($S", method.name());
      method.policies().forEach(policy -> init.add(", $S", policy));
      init.add(")");
    }
    init.add("$<$<");
    return FieldSpec.builder(
            RuntimeNames.POLICY_CONFIG_TWIN,
            CONFIG,
            Modifier.PRIVATE,
            Modifier.STATIC,
            Modifier.FINAL)
        .addJavadoc(
            "The methods of {@link $T} and the policies each carries, as configuration keys name\n",
            twin.targetClass())
        .addJavadoc(
            "them: the policies are built with the values configured ({@link $T}).\n",
            RuntimeNames.POLICY_CONFIG)
        .initializer(init.build())
        .build();
  }

  /**
   * The method's name, made once: the call passes the constant, so naming it to the listeners costs
   * nothing.
   */
  private static FieldSpec methodConstant(TwinMethod method, String constant) {
    return FieldSpec.builder(
            RuntimeNames.ASYNC_METHOD, constant, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(
            "The name of {@link #$L($L)}, for the listeners that hear its calls.\n",
            method.name(),
            linkParameters(method))
        // Alone in its initializer, it wraps after its parenthesis, its arguments kept together.
        .initializer(
            "$T.of($Z$S, $S, $S)",
            RuntimeNames.ASYNC_METHOD,
            method.asyncMethod().className(),
            method.asyncMethod().methodName(),
            method.asyncMethod().name())
        .build();
  }

  /**
   * The method's name and timeout, made once: the call passes the constant, so it allocates nothing
   * for the message its timeout would carry.
   */
  private static FieldSpec timeoutConstant(TwinMethod method, TimeoutSpec timeout) {
    return FieldSpec.builder(
            TIMED_METHOD, timeout.constant(), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(
            "The name and timeout of {@link #$L($L)}, for its timeout's message\n"
                + "and the listeners that hear its calls: the configured timeout, if any.\n",
            method.name(),
            linkParameters(method))
        .initializer(
            "$N.timed($Z$L,$W$LL, $T.$L)",
            CONFIG,
            asyncMethod(method),
            timeout.value(),
            TIME_UNIT,
            timeout.unit())
        .build();
  }

  /**
   * {@code AsyncMethod.of("p.Outer$Inner", "fold", "Outer.Inner.fold(Object)")}, in one piece: a
   * line that must wrap breaks before it or after it.
   */
  static CodeBlock asyncMethod(TwinMethod method) {
    return CodeBlock.of(
        "$T.of($S, $S, $S)",
        RuntimeNames.ASYNC_METHOD,
        method.asyncMethod().className(),
        method.asyncMethod().methodName(),
        method.asyncMethod().name());
  }

  /** {@code this.target.<T>m(a, b)} or {@code Foo.<T>m(a, b)}. */
  private static CodeBlock originalCall(TwinType twin, TwinMethod method) {
    CodeBlock receiver =
        method.isStatic() ? CodeBlock.of("$T", twin.targetClass()) : CodeBlock.of("this.target");
    String arguments =
        method.parameters().stream().map(TwinParameter::name).collect(Collectors.joining(", "));
    return CodeBlock.of("$L.$L$L($L)", receiver, typeArguments(method), method.name(), arguments);
  }

  private static MethodSpec gatherHelper(TwinType twin, TwinMethod method) {
    TwinParameter parameter = method.parameters().get(0);
    TypeName element = parameter.type().box();
    MethodSpec.Builder spec =
        MethodSpec.methodBuilder(method.gatherHelperName())
            .addJavadoc(
                "Runs {@link #$L($L)} for every input at once; the results come in input order.\n"
                    + "The first failure fails the whole and cancels the calls still running.\n"
                    + "\n",
                method.name(),
                linkParameters(method))
            .addJavadoc(typeVariableTags(method))
            .addJavadoc("@param inputs the arguments, one call each\n")
            .addJavadoc("@return the results in input order, or the first failure, as a future\n")
            .addTypeVariables(method.typeVariables())
            .returns(future(ParameterizedTypeName.get(LIST, method.resultType())))
            .addParameter(
                ParameterizedTypeName.get(ITERABLE, WildcardTypeName.subtypeOf(element)), "inputs");
    addModifiers(spec, twin, method);
    CodeBlock receiver =
        method.isStatic() ? CodeBlock.of("$T", twin.twinName()) : CodeBlock.of("this");
    // A primitive parameter is passed unboxed, or a boxed input could pick an inherited overload
    // (equals(int) would lose to Object.equals(Object)); a reference input is of the exact type.
    CodeBlock argument =
        parameter.type().isPrimitive()
            ? CodeBlock.of("($T) input", parameter.type())
            : CodeBlock.of("input");
    spec.addStatement(
        "return $T.<$T, $T>each($Zinputs, input -> $L.$L$L($L))",
        RuntimeNames.ASYNC_RUNTIME,
        element,
        method.resultType(),
        receiver,
        typeArguments(method),
        method.name(),
        argument);
    return spec.build();
  }

  /** {@code <T, U>}: explicit type arguments, so javac has nothing to infer. */
  static String typeArguments(TwinMethod method) {
    if (method.typeVariables().isEmpty()) {
      return "";
    }
    return method.typeVariables().stream()
        .map(TypeVariableName::name)
        .collect(Collectors.joining(", ", "<", ">"));
  }

  private static void addModifiers(MethodSpec.Builder spec, TwinType twin, TwinMethod method) {
    if (twin.isPublic() && method.isPublic()) {
      spec.addModifiers(Modifier.PUBLIC);
    }
    if (method.isStatic()) {
      spec.addModifiers(Modifier.STATIC);
    }
    if (method.isDeprecated()) {
      spec.addAnnotation(Deprecated.class);
    }
    if (!method.suppressedWarnings().isEmpty()) {
      spec.addAnnotation(suppressWarnings(method.suppressedWarnings()));
    }
  }

  /** {@code @Generated("<the processor>")}, of the {@code @Generated} the module can see. */
  AnnotationSpec generated(ClassName generated) {
    return AnnotationSpec.builder(generated).addMember("value", "$S", generatorName).build();
  }

  static AnnotationSpec suppressWarnings(List<String> categories) {
    CodeBlock values =
        categories.stream()
            .map(category -> CodeBlock.of("$S", category))
            .collect(CodeBlock.joining(", "));
    return AnnotationSpec.builder(SuppressWarnings.class)
        .addMember("value", categories.size() == 1 ? "$L" : "{$L}", values)
        .build();
  }

  private static CodeBlock methodJavadoc(TwinType twin, TwinMethod method) {
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add(
                "Runs $L ",
                MethodLinks.link(twin.targetClass(), method.name(), linkParameters(method)))
            .add(
                method.isStatic()
                    ? CodeBlock.of("on {@link $T#defaultExecutor()}", RuntimeNames.ASYNC_RUNTIME)
                    : CodeBlock.of("on this twin's executor"));
    method
        .timeout()
        .ifPresent(
            timeout ->
                doc.add(
                    ",\nfailing with a {@link $T} after $L $L",
                    ClassName.get("java.util.concurrent", "TimeoutException"),
                    timeout.value(),
                    timeout.unit().toLowerCase(java.util.Locale.ROOT)));
    method.policies().ifPresent(policies -> doc.add(",\nunder $L", PolicyWriter.summary(policies)));
    doc.add(".\n\n").add(typeVariableTags(method));
    for (TwinParameter parameter : method.parameters()) {
      doc.add("@param $L passed on as it is\n", parameter.name());
    }
    doc.add("@return ");
    doc.add(
        switch (method.kind()) {
          case VALUE -> "the method's result";
          case VOID -> "the method's completion";
          case RELAY -> "the result of the stage the method returns";
        });
    doc.add(", or the exception it throws, as a future\n");
    return doc.build();
  }

  private static CodeBlock typeVariableTags(TwinMethod method) {
    CodeBlock.Builder tags = CodeBlock.builder();
    for (TypeVariableName variable : method.typeVariables()) {
      tags.add(
          "@param <$L> the method's type variable {@code $L}\n", variable.name(), variable.name());
    }
    return tags.build();
  }

  private static CodeBlock linkParameters(TwinMethod method) {
    return method.linkParameterTypes().stream()
        .map(type -> CodeBlock.of("$T", type))
        .collect(CodeBlock.joining(", "));
  }

  private static TypeName future(TypeName result) {
    return ParameterizedTypeName.get(COMPLETABLE_FUTURE, result);
  }
}
