package dev.asyncdsl.processor.model;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.asyncdsl.processor.annotation.AnnotationReader;
import dev.asyncdsl.processor.element.Inspector;
import dev.asyncdsl.processor.element.Nesting;
import dev.asyncdsl.processor.element.PlannedTwins;
import dev.asyncdsl.processor.element.ReturnShape;
import dev.asyncdsl.processor.element.SignatureTypes;
import dev.asyncdsl.processor.validation.Validation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/** Turns a validated type into the {@link TwinType} the writer needs: elements in, values out. */
public final class ModelBuilder {
  /**
   * Simple names the generated bodies use. A parameter with one of these names would obscure the
   * type (a variable wins over a type of the same name), so the twin renames it.
   */
  private static final Set<String> NAMES_THE_BODY_USES =
      Set.of("AsyncRuntime", "TimeUnit", "FaultTolerance");

  /** Parameter annotations worth keeping on the twin: they tell callers what they may pass. */
  private static final Set<String> KEPT_PARAMETER_ANNOTATIONS =
      Set.of("Nullable", "NonNull", "Nonnull", "NotNull", "CheckForNull", "NullableDecl");

  /** Both: a type deprecated for removal warns under {@code removal}, not {@code deprecation}. */
  private static final List<String> DEPRECATION = List.of("deprecation", "removal");

  private final Inspector inspector;

  public ModelBuilder(Inspector inspector) {
    this.inspector = inspector;
  }

  /** The twin of {@code type}, with the methods and helpers {@code validation} settled on. */
  public TwinType build(TypeElement type, Validation validation) {
    List<ExecutableElement> methods = validation.methods();
    Set<String> reserved = new TreeSet<>(NAMES_THE_BODY_USES);
    for (TypeElement element : Nesting.enclosingChain(type)) {
      reserved.add(element.getSimpleName().toString());
    }
    // The bodies name the twin itself, to reach its constants.
    reserved.add(Nesting.twinSimpleName(type));
    List<TwinMethod> twinMethods = new ArrayList<>();
    Map<String, Integer> constants = new HashMap<>();
    Set<String> memberNames = new TreeSet<>();
    methods.forEach(method -> memberNames.add(method.getSimpleName().toString()));
    for (ExecutableElement method : methods) {
      twinMethods.add(
          method(
              method,
              validation.gatherHelpers().contains(method),
              Optional.ofNullable(validation.fallbacks().get(method)),
              reserved,
              constants,
              memberNames));
    }
    return new TwinType(
        ClassName.get(inspector.visibility().packageName(type), Nesting.twinSimpleName(type)),
        inspector.visibility().generatedAnnotationFor(type).map(ClassName::get),
        ClassName.get(type),
        TypeName.get(type.asType()),
        typeVariables(type),
        isReachableFromEverywhere(type),
        inspector.elements().isDeprecated(type),
        typeSuppressedWarnings(type, methods),
        inspector.packageTypes().packageShadowsJavaLang(type),
        twinMethods,
        config(type, twinMethods));
  }

  /** The twin's description for configuration: each method once, its overloads' policies merged. */
  private ConfigSpec config(TypeElement type, List<TwinMethod> methods) {
    Map<String, Set<String>> carried = new LinkedHashMap<>();
    List<String> order = List.of("Timeout", "Retry", "CircuitBreaker", "Bulkhead", "Fallback");
    for (TwinMethod method : methods) {
      carried
          .computeIfAbsent(
              method.name(), name -> new TreeSet<>(Comparator.comparing(order::indexOf)))
          .addAll(method.policyNames());
    }
    List<ConfigSpec.Method> described = new ArrayList<>();
    carried.forEach(
        (name, policies) -> described.add(new ConfigSpec.Method(name, new ArrayList<>(policies))));
    return new ConfigSpec(inspector.elements().getBinaryName(type).toString(), described);
  }

  /**
   * Lint categories the twin's declaration trips however it is written: naming a deprecated user
   * type, a raw type in a type variable's bound copied from the user's class, and the user's
   * overloads repeated ({@code overloads} flags a functional-interface parameter beside another in
   * the same place, which the user has already been told about, or chose to keep).
   */
  private List<String> typeSuppressedWarnings(TypeElement type, List<ExecutableElement> methods) {
    Set<String> categories = new TreeSet<>();
    if (inspector.deprecation().isDeprecatedInChain(type)) {
      categories.addAll(DEPRECATION);
    }
    for (TypeElement element : Nesting.instanceChain(type)) {
      for (TypeParameterElement parameter : element.getTypeParameters()) {
        for (TypeMirror bound : parameter.getBounds()) {
          addRawAndDeprecated(bound, categories);
        }
      }
    }
    if (hasPotentiallyAmbiguousOverloads(methods)) {
      categories.add("overloads");
    }
    return new ArrayList<>(categories);
  }

  /**
   * What javac's {@code overloads} lint looks for: two methods of one name and arity taking
   * different functional interfaces in the same place (a lambda could fit either).
   */
  private boolean hasPotentiallyAmbiguousOverloads(List<ExecutableElement> methods) {
    for (int i = 0; i < methods.size(); i++) {
      for (int j = i + 1; j < methods.size(); j++) {
        ExecutableElement a = methods.get(i);
        ExecutableElement b = methods.get(j);
        if (!a.getSimpleName().contentEquals(b.getSimpleName())
            || a.getParameters().size() != b.getParameters().size()) {
          continue;
        }
        for (int k = 0; k < a.getParameters().size(); k++) {
          TypeMirror x = a.getParameters().get(k).asType();
          TypeMirror y = b.getParameters().get(k).asType();
          if (isFunctionalInterface(x)
              && isFunctionalInterface(y)
              && !inspector
                  .types()
                  .isSameType(inspector.types().erasure(x), inspector.types().erasure(y))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private boolean isFunctionalInterface(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && inspector
            .elements()
            .isFunctionalInterface((TypeElement) ((DeclaredType) type).asElement());
  }

  private TwinMethod method(
      ExecutableElement method,
      boolean gatherHelper,
      Optional<ExecutableElement> fallback,
      Set<String> typeReserved,
      Map<String, Integer> constants,
      Set<String> memberNames) {
    boolean hasPolicies = AnnotationReader.anyPolicyApplies(method);
    Set<String> reserved = typeReserved;
    if (hasPolicies) {
      // The call's fallback lambda names its parameter `failure`.
      reserved = new TreeSet<>(typeReserved);
      reserved.add("failure");
    }
    ReturnShape shape = inspector.methodShapes().returnShape(method);
    TwinMethod.Kind kind;
    TypeName resultType;
    if (shape instanceof ReturnShape.NoValue) {
      kind = TwinMethod.Kind.VOID;
      resultType = ClassName.get(Void.class);
    } else if (shape instanceof ReturnShape.Relay relay) {
      kind = TwinMethod.Kind.RELAY;
      resultType = typeName(relay.resultType(), method).box();
    } else {
      kind = TwinMethod.Kind.VALUE;
      resultType = typeName(method.getReturnType(), method).box();
    }
    List<TypeVariableName> typeVariables = new ArrayList<>();
    for (TypeParameterElement typeParameter : method.getTypeParameters()) {
      typeVariables.add(TypeVariableName.get(typeParameter));
    }
    NameAllocator names = new NameAllocator();
    reserved.forEach(names::newName);
    List<TwinParameter> parameters = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      String name = parameter.getSimpleName().toString();
      parameters.add(
          new TwinParameter(
              reserved.contains(name) ? names.newName(name + "_") : names.newName(name),
              typeName(parameter.asType(), method),
              keptAnnotations(
                  parameter,
                  inspector.visibility().packageName((TypeElement) method.getEnclosingElement()))));
    }
    boolean safeVarargs = method.isVarArgs() && !isReifiable(lastParameterComponent(method));
    Optional<PolicySpec> policies =
        new PolicyModel(inspector.elements(), inspector.types())
            .build(
                method,
                fallback,
                AnnotationReader.TIMEOUT
                    .applying(inspector.elements(), method)
                    .map(
                        timeout ->
                            new PolicySpec.Amount(timeout.value().value(), timeout.value().unit())),
                hasPolicies ? constant(method, "_POLICY", constants) : "",
                () -> stateName(method, memberNames));
    Optional<TimeoutSpec> timeout =
        policies.isPresent() ? Optional.empty() : timeout(method, constants);
    // Every call is named to the runtime, so listeners hear it; a method with a timeout or
    // policies is named in their constant, any other in a constant of its own.
    Optional<String> methodConstant =
        policies.isPresent() || timeout.isPresent()
            ? Optional.empty()
            : Optional.of(constant(method, "_METHOD", constants));
    return new TwinMethod(
        method.getSimpleName().toString(),
        asyncMethod(method),
        method.getModifiers().contains(Modifier.STATIC),
        method.getModifiers().contains(Modifier.PUBLIC),
        typeVariables,
        parameters,
        method.isVarArgs(),
        kind,
        resultType,
        timeout,
        policies,
        methodConstant,
        linkParameterTypes(method),
        gatherHelper,
        safeVarargs,
        suppressedWarnings(method, safeVarargs, fallback),
        inspector.elements().isDeprecated(method));
  }

  /**
   * The name of {@code mirror} in the twin. A type javac has not resolved can only be a twin
   * generated now (validation deferred every other one), named by its planned name.
   */
  private TypeName typeName(TypeMirror mirror, ExecutableElement method) {
    if (!SignatureTypes.hasUnresolved(mirror)) {
      return TypeName.get(mirror);
    }
    TypeElement user = (TypeElement) method.getEnclosingElement();
    switch (mirror.getKind()) {
      case ERROR -> {
        PlannedTwins.Twin twin = inspector.plannedTwin(mirror, user).orElseThrow();
        return ClassName.get(twin.packageName(), twin.simpleName());
      }
      case ARRAY -> {
        return ArrayTypeName.of(typeName(((ArrayType) mirror).getComponentType(), method));
      }
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) mirror;
        return wildcard.getSuperBound() != null
            ? WildcardTypeName.supertypeOf(typeName(wildcard.getSuperBound(), method))
            : WildcardTypeName.subtypeOf(typeName(wildcard.getExtendsBound(), method));
      }
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) mirror;
        ClassName raw = ClassName.get((TypeElement) declared.asElement());
        TypeName[] arguments =
            declared.getTypeArguments().stream()
                .map(argument -> typeName(argument, method))
                .toArray(TypeName[]::new);
        return arguments.length == 0 ? raw : ParameterizedTypeName.get(raw, arguments);
      }
      default -> throw new IllegalStateException("unresolved " + mirror.getKind() + ": " + mirror);
    }
  }

  private Optional<TimeoutSpec> timeout(ExecutableElement method, Map<String, Integer> constants) {
    return AnnotationReader.TIMEOUT
        .applying(inspector.elements(), method)
        .map(
            timeout ->
                new TimeoutSpec(
                    timeout.value().value(),
                    timeout.value().unit(),
                    timeoutConstant(method, constants)));
  }

  /**
   * {@code p.Outer$Inner}, {@code celsius}, {@code Outer.Inner.celsius(String)}: the method's
   * {@code AsyncMethod}, by the binary name of the class that declares it.
   */
  AsyncMethodSpec asyncMethod(ExecutableElement method) {
    TypeElement declaring = (TypeElement) method.getEnclosingElement();
    return new AsyncMethodSpec(
        inspector.elements().getBinaryName(declaring).toString(),
        method.getSimpleName().toString(),
        readableName(method));
  }

  /** {@code CELSIUS_TIMEOUT} for {@code celsius}; {@code CELSIUS_TIMEOUT_2} for an overload. */
  private static String timeoutConstant(ExecutableElement method, Map<String, Integer> constants) {
    return constant(method, "_TIMEOUT", constants);
  }

  private static String constant(
      ExecutableElement method, String suffix, Map<String, Integer> constants) {
    String base =
        method
                .getSimpleName()
                .toString()
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toUpperCase(Locale.ROOT)
            + suffix;
    int seen = constants.merge(base, 1, Integer::sum);
    return seen == 1 ? base : base + "_" + seen;
  }

  /**
   * {@code fetchPolicy}: the accessor (and field) of a method's stateful policies, unique among the
   * twin's members (an overload gets {@code fetchPolicy2}).
   */
  private static String stateName(ExecutableElement method, Set<String> memberNames) {
    String base = method.getSimpleName() + "Policy";
    String name = base;
    for (int i = 2; memberNames.contains(name); i++) {
      name = base + i;
    }
    memberNames.add(name);
    return name;
  }

  /** The method as a reader knows it: {@code Outer.Inner.method(String, int[], Object...)}. */
  private String readableName(ExecutableElement method) {
    StringBuilder name = new StringBuilder();
    for (TypeElement element : Nesting.enclosingChain((TypeElement) method.getEnclosingElement())) {
      name.append(element.getSimpleName()).append('.');
    }
    name.append(method.getSimpleName()).append('(');
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (i > 0) {
        name.append(", ");
      }
      TypeMirror type = inspector.types().erasure(parameters.get(i).asType());
      boolean varargs = method.isVarArgs() && i == parameters.size() - 1;
      name.append(simpleName(varargs ? ((ArrayType) type).getComponentType() : type));
      name.append(varargs ? "..." : "");
    }
    return name.append(')').toString();
  }

  private static String simpleName(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return simpleName(((ArrayType) type).getComponentType()) + "[]";
    }
    if (type.getKind() == TypeKind.DECLARED) {
      return ((DeclaredType) type).asElement().getSimpleName().toString();
    }
    return type.toString();
  }

  /** The twin's type variables: those of every type whose instance it wraps, outermost first. */
  private static List<TypeVariableName> typeVariables(TypeElement type) {
    List<TypeVariableName> variables = new ArrayList<>();
    for (TypeElement element : Nesting.instanceChain(type)) {
      for (TypeParameterElement parameter : element.getTypeParameters()) {
        variables.add(TypeVariableName.get(parameter));
      }
    }
    return variables;
  }

  private static boolean isReachableFromEverywhere(TypeElement type) {
    return Nesting.enclosingChain(type).stream()
        .allMatch(element -> element.getModifiers().contains(Modifier.PUBLIC));
  }

  private List<AnnotationSpec> keptAnnotations(VariableElement parameter, String twinPackage) {
    List<AnnotationSpec> kept = new ArrayList<>();
    for (AnnotationMirror mirror : parameter.getAnnotationMirrors()) {
      TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
      String simpleName = annotationType.getSimpleName().toString();
      if (KEPT_PARAMETER_ANNOTATIONS.contains(simpleName)
          && inspector.visibility().inaccessibleFrom(annotationType, twinPackage).isEmpty()) {
        kept.add(AnnotationSpec.get(mirror));
      }
    }
    return kept;
  }

  private List<TypeName> linkParameterTypes(ExecutableElement method) {
    List<TypeName> erased = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      erased.add(typeName(inspector.types().erasure(parameter.asType()), method));
    }
    return erased;
  }

  private static TypeMirror lastParameterComponent(ExecutableElement method) {
    List<? extends VariableElement> parameters = method.getParameters();
    TypeMirror last = parameters.get(parameters.size() - 1).asType();
    return ((ArrayType) last).getComponentType();
  }

  /** Whether the JVM keeps the whole type at run time, so a varargs array of it is safe. */
  private static boolean isReifiable(TypeMirror type) {
    switch (type.getKind()) {
      case ARRAY:
        return isReifiable(((ArrayType) type).getComponentType());
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        if (declared.getEnclosingType().getKind() == TypeKind.DECLARED
            && !isReifiable(declared.getEnclosingType())) {
          return false;
        }
        return declared.getTypeArguments().stream()
            .allMatch(
                argument ->
                    argument.getKind() == TypeKind.WILDCARD
                        && ((javax.lang.model.type.WildcardType) argument).getExtendsBound() == null
                        && ((javax.lang.model.type.WildcardType) argument).getSuperBound() == null);
      case TYPEVAR:
      case INTERSECTION:
        return false;
      default:
        return true;
    }
  }

  /**
   * {@code rawtypes} for a raw type the user wrote in {@code mirror}, the deprecation ones for a
   * deprecated type.
   */
  private void addRawAndDeprecated(TypeMirror mirror, Set<String> categories) {
    SignatureTypes.forEachDeclared(
        mirror,
        declared -> {
          TypeElement element = (TypeElement) declared.asElement();
          if (!element.getTypeParameters().isEmpty() && declared.getTypeArguments().isEmpty()) {
            categories.add("rawtypes");
          }
          if (inspector.deprecation().isDeprecatedInChain(element)) {
            categories.addAll(DEPRECATION);
          }
        });
  }

  /**
   * Whether the twin's call of {@code fallback} names something deprecated: the method, or the type
   * its failure is cast to.
   */
  private boolean callsDeprecated(ExecutableElement method, ExecutableElement fallback) {
    if (inspector.elements().isDeprecated(fallback)) {
      return true;
    }
    int own = method.getParameters().size();
    if (fallback.getParameters().size() == own) {
      return false;
    }
    TypeMirror failure =
        ((ExecutableType)
                inspector
                    .types()
                    .asMemberOf((DeclaredType) method.getEnclosingElement().asType(), fallback))
            .getParameterTypes()
            .get(own);
    return failure instanceof DeclaredType declared
        && inspector.deprecation().isDeprecatedInChain((TypeElement) declared.asElement());
  }

  /**
   * Lint categories a faithful copy of the signature would trip: raw types the user wrote, and
   * deprecated types the user chose to use. The twin repeats the choice; it should not warn twice.
   * A {@code @SafeVarargs} twin hands its array on to the user's method, which the varargs lint
   * flags even though the twin never touches the elements.
   */
  private List<String> suppressedWarnings(
      ExecutableElement method, boolean safeVarargs, Optional<ExecutableElement> fallback) {
    Set<String> categories = new TreeSet<>();
    if (safeVarargs) {
      categories.add("varargs");
    }
    for (TypeMirror mirror : SignatureTypes.signatureTypes(method)) {
      addRawAndDeprecated(mirror, categories);
    }
    if (inspector.elements().isDeprecated(method)) {
      // The twin method is deprecated too, which quiets deprecation but not removal warnings.
      categories.addAll(DEPRECATION);
    }
    if (fallback.isPresent() && callsDeprecated(method, fallback.get())) {
      // The user was warned in their own source (by validation, or by javac where they wrote the
      // type).
      categories.addAll(DEPRECATION);
    }
    return new ArrayList<>(categories);
  }
}
