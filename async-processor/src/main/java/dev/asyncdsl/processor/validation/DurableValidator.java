package dev.asyncdsl.processor.validation;

import dev.asyncdsl.processor.annotation.AnnotationReader;
import dev.asyncdsl.processor.annotation.DurableAnnotation;
import dev.asyncdsl.processor.annotation.PolicyAnnotation;
import dev.asyncdsl.processor.diagnostic.Message;
import dev.asyncdsl.processor.diagnostic.Report;
import dev.asyncdsl.processor.element.Inspector;
import dev.asyncdsl.processor.element.JobArguments;
import dev.asyncdsl.processor.element.Nesting;
import dev.asyncdsl.processor.element.ReturnShape;
import dev.asyncdsl.processor.element.WorkerInstances;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks the {@code @Durable} methods of one type: what would fail on a worker, perhaps on another
 * machine, if it were not caught here. The worker must reach the method and build its object, and
 * the job's JSON must hold its arguments.
 */
public final class DurableValidator extends AnnotationValidator<DurableAnnotation> {
  public DurableValidator(Inspector inspector) {
    super(inspector, AnnotationReader.DURABLE);
  }

  /** Checks the {@code @Durable} methods of {@code type}. */
  public JobsValidation validate(TypeElement type) {
    Report report = new Report();
    List<ExecutableElement> methods = inspector.methodShapes().durableMethods(type);
    if (methods.isEmpty()) {
      return new JobsValidation(report, methods);
    }
    String jobsPackage = inspector.visibility().packageName(type);
    for (ExecutableElement method : methods) {
      checkMethod(type, method, jobsPackage, report);
    }
    checkEntryPoints(methods, report);
    checkJobsName(type, report);
    return new JobsValidation(report, methods);
  }

  @Override
  void checkValues(DurableAnnotation durable, String twinPackage, Report report) {
    notNegative(durable, durable.retries(), report);
  }

  private void checkMethod(
      TypeElement type, ExecutableElement method, String jobsPackage, Report report) {
    String name = TwinValidator.describe(method);
    if (!method.getModifiers().contains(Modifier.PUBLIC)) {
      report.add(Message.DURABLE_METHOD_NOT_PUBLIC, method, name, access(method));
    }
    Optional<TypeElement> hidden =
        Nesting.enclosingChain(type).stream()
            .filter(element -> !element.getModifiers().contains(Modifier.PUBLIC))
            .findFirst();
    hidden.ifPresent(
        element ->
            report.add(
                Message.DURABLE_CLASS_NOT_PUBLIC,
                method,
                name,
                element.getSimpleName(),
                element.getSimpleName()));
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      checkInstance(type, method, name, report);
    }
    if (!method.getTypeParameters().isEmpty()) {
      report.add(
          Message.DURABLE_TYPE_VARIABLES,
          method,
          name,
          "declares type variables",
          method.getTypeParameters().get(0).getSimpleName());
    }
    checkValues(method, reader().mirrorOn(method).orElseThrow(), jobsPackage, report);
    for (VariableElement parameter : method.getParameters()) {
      inspector
          .jobArguments()
          .reject(parameter.getSimpleName().toString(), parameter.asType(), jobsPackage)
          .ifPresent(rejected -> reportArgument(method, name, parameter, rejected, report));
    }
    checkResult(method, name, report);
    checkPerProcessPolicy(
        method,
        name,
        AnnotationReader.BULKHEAD,
        "two workers run twice as many at once as it allows",
        report);
    checkPerProcessPolicy(
        method,
        name,
        AnnotationReader.CIRCUIT_BREAKER,
        "it opens in one worker while the others go on failing",
        report);
  }

  /** An instance method runs on an object the worker gets or builds. */
  private void checkInstance(
      TypeElement type, ExecutableElement method, String name, Report report) {
    if (!type.getTypeParameters().isEmpty()) {
      report.add(
          Message.DURABLE_TYPE_VARIABLES,
          method,
          name,
          "is an instance method of " + type.getSimpleName() + ", which declares type variables",
          type.getTypeParameters().get(0).getSimpleName());
    }
    if (type.getNestingKind() == NestingKind.MEMBER
        && type.getKind() == ElementKind.CLASS
        && !type.getModifiers().contains(Modifier.STATIC)) {
      TypeElement enclosing = (TypeElement) type.getEnclosingElement();
      report.add(
          Message.DURABLE_INNER_CLASS,
          method,
          name,
          type.getSimpleName(),
          enclosing.getSimpleName(),
          type.getSimpleName());
      return;
    }
    WorkerInstances.whyNotBuildable(type)
        .ifPresent(
            why ->
                report.add(
                    Message.DURABLE_WORKER_CANNOT_BUILD,
                    method,
                    name,
                    type.getSimpleName(),
                    why,
                    type.getSimpleName(),
                    type.getSimpleName()));
  }

  private void reportArgument(
      ExecutableElement method,
      String name,
      VariableElement parameter,
      JobArguments.Rejected rejected,
      Report report) {
    String where =
        rejected.path().equals(parameter.getSimpleName().toString())
            ? "parameter " + rejected.path()
            : rejected.path() + " (in parameter " + parameter.getSimpleName() + ")";
    report.add(
        Message.DURABLE_ARGUMENT_TYPE,
        parameter,
        name,
        where + " has the type " + rejected.type(),
        rejected.why());
  }

  private void checkResult(ExecutableElement method, String name, Report report) {
    ReturnShape shape = inspector.methodShapes().returnShape(method);
    if (shape instanceof ReturnShape.NoValue) {
      return;
    }
    if (shape instanceof ReturnShape.Relay relay && isVoid(relay.resultType())) {
      return;
    }
    report.add(Message.DURABLE_RESULT_DROPPED, method, name, method.getReturnType());
  }

  private boolean isVoid(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && types.isSameType(type, elements.getTypeElement("java.lang.Void").asType());
  }

  /**
   * A bulkhead or circuit breaker lives in one process: for a job it counts that worker's runs
   * only, which is seldom what a limit on the job means.
   */
  private <A extends PolicyAnnotation> void checkPerProcessPolicy(
      ExecutableElement method,
      String name,
      AnnotationReader<A> policy,
      String effect,
      Report report) {
    Optional<AnnotationMirror> own = policy.mirrorOn(method);
    Optional<AnnotationMirror> mirror =
        own.isPresent() ? own : policy.mirrorOn(method.getEnclosingElement());
    if (mirror.isEmpty()) {
      return;
    }
    report.add(
        Message.DURABLE_PER_PROCESS_POLICY,
        method,
        mirror.get(),
        null,
        policy.simpleName(),
        name,
        effect,
        policy.simpleName());
  }

  /**
   * The entry points of the jobs class, {@code name}, {@code nameAt} and {@code nameAfter}, are
   * static methods of one class: none may have the signature of another, nor of an {@code Object}
   * method, which a static method cannot hide.
   */
  private void checkEntryPoints(List<ExecutableElement> methods, Report report) {
    Map<String, ExecutableElement> taken = new HashMap<>();
    for (ExecutableElement method : methods) {
      List<String> parameters = new ArrayList<>();
      for (VariableElement parameter : method.getParameters()) {
        parameters.add(types.erasure(parameter.asType()).toString());
      }
      String name = method.getSimpleName().toString();
      Map<String, String> entries = new LinkedHashMap<>();
      entries.put(name, signature(name, List.of(), parameters));
      entries.put(name + "At", signature(name + "At", List.of("java.time.Instant"), parameters));
      entries.put(
          name + "After", signature(name + "After", List.of("java.time.Duration"), parameters));
      Optional<ExecutableElement> objectMethod =
          inspector.methodShapes().objectMethodOverridden(method);
      if (objectMethod.isPresent()) {
        report.add(
            Message.DURABLE_NAME_CLASH,
            method,
            TwinValidator.describe(method),
            entries.get(name),
            "clashes with Object." + TwinValidator.describe(objectMethod.get()));
        continue;
      }
      for (String entry : entries.values()) {
        ExecutableElement other = taken.putIfAbsent(entry, method);
        if (other != null && other != method) {
          report.add(
              Message.DURABLE_NAME_CLASH,
              method,
              TwinValidator.describe(method),
              entry,
              "is also an entry point of " + TwinValidator.describe(other));
          break;
        }
      }
    }
  }

  private static String signature(String name, List<String> first, List<String> parameters) {
    List<String> all = new ArrayList<>(first);
    all.addAll(parameters);
    return name + "(" + String.join(", ", all) + ")";
  }

  private void checkJobsName(TypeElement type, Report report) {
    String jobsName = Nesting.jobsSimpleName(type);
    Optional<TypeElement> existing = inspector.packageTypes().typeInPackageOf(type, jobsName);
    if (existing.isPresent() && !TwinValidator.generatedByUs(existing.get())) {
      String packageName = inspector.visibility().packageName(type);
      report.add(
          Message.JOBS_NAME_TAKEN,
          type,
          type.getSimpleName(),
          packageName.isEmpty() ? jobsName : packageName + "." + jobsName,
          type.getSimpleName());
    }
  }

  private static String access(ExecutableElement method) {
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      return "private";
    }
    return method.getModifiers().contains(Modifier.PROTECTED) ? "protected" : "package-private";
  }
}
