package dev.asyncdsl.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import dev.asyncdsl.processor.annotation.AnnotationReader;
import dev.asyncdsl.processor.annotation.DurableAnnotation;
import dev.asyncdsl.processor.element.Inspector;
import dev.asyncdsl.processor.element.MethodShapes;
import dev.asyncdsl.processor.element.Nesting;
import dev.asyncdsl.processor.element.ReturnShape;
import dev.asyncdsl.processor.element.WorkerInstances;
import dev.asyncdsl.processor.validation.JobsValidation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Turns the validated {@code @Durable} methods of a type into the {@link JobsType} the writer
 * needs.
 */
public final class JobsModelBuilder {
  /**
   * Names a request record cannot give a component: its context, and the methods every record has
   * or JobRunr calls, which an accessor of that name would clash with.
   */
  private static final Set<String> RECORD_MEMBERS =
      Set.of(
          "context",
          "getJobRequestHandler",
          "hashCode",
          "toString",
          "getClass",
          "notify",
          "notifyAll",
          "wait",
          "clone",
          "finalize");

  /** Types the entry points name in their bodies: a parameter of one of these names hides it. */
  private static final Set<String> NAMES_THE_BODY_USES = Set.of("DurableJobs", "DurableContext");

  private static final List<String> DEPRECATION = List.of("deprecation", "removal");

  private final Inspector inspector;

  public JobsModelBuilder(Inspector inspector) {
    this.inspector = inspector;
  }

  /** The jobs class of {@code type}, with the methods {@code validation} accepted. */
  public JobsType build(TypeElement type, JobsValidation validation) {
    String packageName = inspector.visibility().packageName(type);
    ClassName jobsName = ClassName.get(packageName, Nesting.jobsSimpleName(type));
    Optional<ClassName> twin =
        Optional.of(ClassName.get(packageName, Nesting.twinSimpleName(type)));
    Map<String, Integer> seen = new HashMap<>();
    List<JobMethod> methods = new ArrayList<>();
    boolean deprecated = inspector.deprecation().isDeprecatedInChain(type);
    for (ExecutableElement method : validation.methods()) {
      methods.add(method(type, method, jobsName, twin, seen));
      deprecated |= inspector.elements().isDeprecated(method);
    }
    return new JobsType(
        jobsName,
        inspector.visibility().generatedAnnotationFor(type).map(ClassName::get),
        ClassName.get(type),
        deprecated ? DEPRECATION : List.of(),
        inspector.packageTypes().packageShadowsJavaLang(type),
        methods);
  }

  private JobMethod method(
      TypeElement type,
      ExecutableElement method,
      ClassName jobsName,
      Optional<ClassName> twin,
      Map<String, Integer> seen) {
    String name = method.getSimpleName().toString();
    // Overloads share a name: the second refresh gets RefreshJob2, REFRESH_METHOD_2. So do
    // fooBar and foo_bar for their constant, and refresh and Refresh for their classes.
    String typeBase = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    int typeIndex = seen.merge(typeBase + "Job", 1, Integer::sum);
    String typeSuffix = typeIndex == 1 ? "" : Integer.toString(typeIndex);
    String constantBase =
        name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT) + "_METHOD";
    int constantIndex = seen.merge(constantBase, 1, Integer::sum);
    String constant = constantIndex == 1 ? constantBase : constantBase + "_" + constantIndex;
    ClassName request = jobsName.nestedClass(typeBase + "Job" + typeSuffix);
    ClassName handler = jobsName.nestedClass(typeBase + "Handler" + typeSuffix);

    Set<String> hidden = new TreeSet<>(NAMES_THE_BODY_USES);
    hidden.add(request.simpleName());
    hidden.add(constant);
    NameAllocator entryNames = new NameAllocator();
    NameAllocator componentNames = new NameAllocator();
    RECORD_MEMBERS.forEach(componentNames::newName);
    List<JobMethod.Parameter> parameters = new ArrayList<>();
    List<TypeName> linkTypes = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      String user = parameter.getSimpleName().toString();
      String entry = entryNames.newName(hidden.contains(user) ? user + "_" : user);
      String component = componentNames.newName(RECORD_MEMBERS.contains(user) ? user + "_" : user);
      parameters.add(new JobMethod.Parameter(entry, component, TypeName.get(parameter.asType())));
      linkTypes.add(TypeName.get(inspector.types().erasure(parameter.asType())));
    }
    DurableAnnotation durable =
        AnnotationReader.DURABLE.on(inspector.elements(), method).orElseThrow();
    boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
    boolean throughTwin = MethodShapes.runsDurableThroughTwin(method);
    boolean awaitsStage =
        !throughTwin && inspector.methodShapes().returnShape(method) instanceof ReturnShape.Relay;
    return new JobMethod(
        name,
        new ModelBuilder(inspector).asyncMethod(method),
        durable.retries().value(),
        durable.name().value(),
        constant,
        request,
        handler,
        parameters,
        method.isVarArgs(),
        entryNames.newName("at"),
        entryNames.newName("delay"),
        isStatic,
        throughTwin ? twin : Optional.empty(),
        !isStatic && WorkerInstances.whyNotBuildable(type).isEmpty(),
        awaitsStage,
        linkTypes);
  }
}
