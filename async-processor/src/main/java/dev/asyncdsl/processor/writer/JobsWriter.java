package dev.asyncdsl.processor.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.asyncdsl.processor.element.RuntimeNames;
import dev.asyncdsl.processor.model.JobMethod;
import dev.asyncdsl.processor.model.JobsType;
import javax.lang.model.element.Modifier;

/** Writes a {@link JobsType} as Java source. Decides nothing the model has not decided. */
public final class JobsWriter {
  private static final ClassName INSTANT = ClassName.get("java.time", "Instant");
  private static final ClassName DURATION = ClassName.get("java.time", "Duration");

  /** The handler's parameter: the job's request. */
  private static final String JOB = "job";

  /** The twins' writer, whose {@code @Generated} a jobs class carries too. */
  private final TwinWriter twins;

  /**
   * @param generatorName the processor's class name, for {@code @Generated}
   */
  public JobsWriter(String generatorName) {
    this.twins = new TwinWriter(generatorName);
  }

  public JavaFile write(JobsType jobs) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(jobs.jobsName())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addJavadoc(classJavadoc(jobs));
    jobs.generatedAnnotation()
        .ifPresent(generated -> type.addAnnotation(twins.generated(generated)));
    if (!jobs.suppressedWarnings().isEmpty()) {
      type.addAnnotation(TwinWriter.suppressWarnings(jobs.suppressedWarnings()));
    }
    for (JobMethod method : jobs.methods()) {
      type.addField(methodConstant(jobs, method));
    }
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addJavadoc("Not instantiated: the entry points are static.\n")
            .build());
    for (JobMethod method : jobs.methods()) {
      type.addMethod(enqueue(jobs, method));
      type.addMethod(scheduleAt(jobs, method));
      type.addMethod(scheduleAfter(jobs, method));
    }
    for (JobMethod method : jobs.methods()) {
      type.addType(request(jobs, method));
      type.addType(handler(jobs, method));
    }
    return JavaFile.builder(jobs.jobsName().packageName(), type.build())
        .skipJavaLangImports(!jobs.importJavaLang())
        .build();
  }

  private static CodeBlock classJavadoc(JobsType jobs) {
    return CodeBlock.builder()
        .add(
            "The durable jobs of {@link $T}: each of its {@code @Durable} methods, enqueued as a\n",
            jobs.targetClass())
        .add("JobRunr job that a worker runs, in this process or in another one sharing the job\n")
        .add("storage.\n")
        .add(
            "\n<p>A method {@code name} has three entry points: {@code name} runs it as soon as a\n")
        .add("worker can, {@code nameAt} at an instant and {@code nameAfter} after a delay. Each\n")
        .add("stores the arguments and the caller's context, and returns the job's id.\n")
        .add("\n<p>Delivery is at least once: a job whose worker dies runs again, so the methods\n")
        .add("must be idempotent.\n")
        .build();
  }

  private static FieldSpec methodConstant(JobsType jobs, JobMethod method) {
    return FieldSpec.builder(
            RuntimeNames.DURABLE_METHOD,
            method.constant(),
            Modifier.PUBLIC,
            Modifier.STATIC,
            Modifier.FINAL)
        .addJavadoc("$L as the runtime knows it, with its JobRunr retries.\n", link(jobs, method))
        .initializer(
            "$T.of(\n$>$T.of($S, $S, $S), $L, $S)$<",
            RuntimeNames.DURABLE_METHOD,
            RuntimeNames.ASYNC_METHOD,
            method.asyncMethod().className(),
            method.asyncMethod().methodName(),
            method.asyncMethod().name(),
            method.retries(),
            method.jobName())
        .build();
  }

  /** {@code refresh(city)}: runs the method as soon as a worker can. */
  private static MethodSpec enqueue(JobsType jobs, JobMethod method) {
    MethodSpec.Builder builder =
        entryPoint(method.name())
            .addJavadoc(
                "Enqueues $L, for a worker to run as soon as it can.\n\n", link(jobs, method));
    return withArguments(builder, method)
        .addStatement(
            "return $T.enqueue($N, $L)",
            RuntimeNames.DURABLE_JOBS,
            method.constant(),
            newRequest(method))
        .build();
  }

  /** {@code refreshAt(at, city)}: runs the method at an instant. */
  private static MethodSpec scheduleAt(JobsType jobs, JobMethod method) {
    MethodSpec.Builder builder =
        entryPoint(method.name() + "At")
            .addJavadoc(
                "Schedules $L, for a worker to run at {@code $L}.\n\n",
                link(jobs, method),
                method.atName())
            .addJavadoc("@param $L when the job is to run\n", method.atName())
            .addParameter(INSTANT, method.atName());
    return withArguments(builder, method)
        .addStatement(
            "return $T.schedule($N, $N, $L)",
            RuntimeNames.DURABLE_JOBS,
            method.constant(),
            method.atName(),
            newRequest(method))
        .build();
  }

  /** {@code refreshAfter(delay, city)}: runs the method once a delay has passed. */
  private static MethodSpec scheduleAfter(JobsType jobs, JobMethod method) {
    MethodSpec.Builder builder =
        entryPoint(method.name() + "After")
            .addJavadoc(
                "Schedules $L, for a worker to run once {@code $L} has passed.\n\n",
                link(jobs, method),
                method.delayName())
            .addJavadoc("@param $L how long to wait before the job runs\n", method.delayName())
            .addParameter(DURATION, method.delayName());
    return withArguments(builder, method)
        .addStatement(
            "return $T.schedule($N, $N, $L)",
            RuntimeNames.DURABLE_JOBS,
            method.constant(),
            method.delayName(),
            newRequest(method))
        .build();
  }

  private static MethodSpec.Builder entryPoint(String name) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(RuntimeNames.JOB_ID);
  }

  /** Adds the method's arguments, last in every entry point, and the returned id. */
  private static MethodSpec.Builder withArguments(MethodSpec.Builder builder, JobMethod method) {
    for (JobMethod.Parameter parameter : method.parameters()) {
      builder
          .addJavadoc(
              "@param $L the argument {@code $L}, stored with the job\n",
              parameter.name(),
              parameter.name())
          .addParameter(ParameterSpec.builder(parameter.type(), parameter.name()).build());
    }
    return builder.varargs(method.isVarargs()).addJavadoc("@return the job's id\n");
  }

  private static CodeBlock link(JobsType jobs, JobMethod method) {
    return MethodLinks.link(jobs.targetClass(), method.name(), linkParameters(method));
  }

  /** {@code new RefreshJob(city, DurableContext.capture())}. */
  private static CodeBlock newRequest(JobMethod method) {
    CodeBlock.Builder arguments = CodeBlock.builder();
    for (JobMethod.Parameter parameter : method.parameters()) {
      arguments.add("$N, ", parameter.name());
    }
    return CodeBlock.of(
        "new $T($L$T.capture())",
        method.request(),
        arguments.build(),
        RuntimeNames.DURABLE_CONTEXT);
  }

  /** The record a job stores: the arguments and the caller's context. */
  private static TypeSpec request(JobsType jobs, JobMethod method) {
    MethodSpec.Builder components = MethodSpec.constructorBuilder();
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add("A job of $L:\n", link(jobs, method))
            .add(
                "its arguments and the caller's context, stored as JSON until a worker runs it.\n\n");
    for (JobMethod.Parameter parameter : method.parameters()) {
      components.addParameter(parameter.type(), parameter.component());
      doc.add("@param $L the argument {@code $L}\n", parameter.component(), parameter.name());
    }
    components.addParameter(RuntimeNames.DURABLE_CONTEXT, "context");
    doc.add("@param context the caller's context, restored in the worker while the job runs\n");
    return TypeSpec.recordBuilder(method.request())
        .addModifiers(Modifier.PUBLIC)
        .addSuperinterface(RuntimeNames.DURABLE_REQUEST)
        .addJavadoc(doc.build())
        .recordConstructor(components.build())
        .addMethod(
            MethodSpec.methodBuilder("getJobRequestHandler")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(Class.class), method.handler()))
                .addStatement("return $T.class", method.handler())
                .build())
        .build();
  }

  /** The class a worker runs a job with. */
  private static TypeSpec handler(JobsType jobs, JobMethod method) {
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add("Runs a {@link $T} in a worker:\n", method.request())
            .add("calls $L", link(jobs, method));
    if (method.twin().isPresent()) {
      doc.add(" through {@link $T},\nso that its timeout and policies apply", method.twin().get());
    }
    doc.add(".\n");
    return TypeSpec.classBuilder(method.handler())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(RuntimeNames.DURABLE_HANDLER, method.request()))
        .addJavadoc(doc.build())
        .addMethod(
            MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Created by JobRunr in the worker.\n")
                .build())
        .addMethod(
            MethodSpec.methodBuilder("perform")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .addParameter(method.request(), JOB)
                .addException(Exception.class)
                .addCode(performBody(jobs, method))
                .build())
        .build();
  }

  private static CodeBlock performBody(JobsType jobs, JobMethod method) {
    CodeBlock.Builder arguments = CodeBlock.builder();
    for (int i = 0; i < method.parameters().size(); i++) {
      arguments.add(i == 0 ? "" : ", ").add("$N.$N()", JOB, method.parameters().get(i).component());
    }
    CodeBlock.Builder body = CodeBlock.builder();
    if (method.twin().isPresent()) {
      ClassName twin = method.twin().get();
      if (method.isStatic()) {
        body.addStatement("await($T.$N($L))", twin, method.name(), arguments.build());
      } else {
        body.addStatement("$T target = $L", jobs.targetClass(), instance(jobs, method))
            .addStatement("await(new $T(target).$N($L))", twin, method.name(), arguments.build());
      }
      return body.build();
    }
    CodeBlock call =
        method.isStatic()
            ? CodeBlock.of("$T.$N($L)", jobs.targetClass(), method.name(), arguments.build())
            : CodeBlock.of("$L.$N($L)", instance(jobs, method), method.name(), arguments.build());
    if (method.awaitsStage()) {
      return body.addStatement("await($L.toCompletableFuture())", call).build();
    }
    return body.addStatement("$L", call).build();
  }

  /** The object an instance method runs on: registered, else built. */
  private static CodeBlock instance(JobsType jobs, JobMethod method) {
    if (method.buildsInstance()) {
      return CodeBlock.of(
          "$T.instance($T.class, $T::new)",
          RuntimeNames.DURABLE_JOBS,
          jobs.targetClass(),
          jobs.targetClass());
    }
    return CodeBlock.of(
        "$T.instance(\n$>$T.class,\n() -> {\n$>throw new $T(\n$>$S);$<$<\n})$<",
        RuntimeNames.DURABLE_JOBS,
        jobs.targetClass(),
        IllegalStateException.class,
        "no "
            + jobs.targetClass().canonicalName()
            + " is registered with DurableJobs.provide, and the worker cannot build one");
  }

  /** The erased parameter types, for a Javadoc link to the user's method. */
  private static CodeBlock linkParameters(JobMethod method) {
    return method.linkParameterTypes().stream()
        .map(type -> CodeBlock.of("$T", type))
        .collect(CodeBlock.joining(", "));
  }
}
