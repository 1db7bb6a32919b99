package dev.asyncdsl.processor.element;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Questions about user code that validation and modelling both ask, answered from {@code
 * javax.lang.model} alone. Annotations are read through mirrors, never {@code getAnnotation}.
 */
public final class Inspector {
  private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";
  private static final String FUTURE = "java.util.concurrent.Future";

  private final Elements elements;
  private final Types types;
  /**
   * The top-level types of each package asked about, by simple name. An inspector lives for one
   * round, and a package's types only change between rounds; asking javac for each name instead
   * costs a search of the whole class path per miss, which a thousand-class package repeats a
   * million times.
   */
  private final Map<PackageElement, Map<String, TypeElement>> packageTypes = new HashMap<>();

  private final PlannedTwins plannedTwins;

  public Inspector(Elements elements, Types types) {
    this(elements, types, PlannedTwins.none());
  }

  public Inspector(Elements elements, Types types, PlannedTwins plannedTwins) {
    this.elements = elements;
    this.types = types;
    this.plannedTwins = plannedTwins;
  }

  /** The planned twin that an unresolved type in a signature of {@code user} names, if any. */
  public Optional<PlannedTwins.Twin> plannedTwin(TypeMirror unresolved, TypeElement user) {
    return plannedTwins.resolve(unresolved, user, packageName(user));
  }

  /**
   * Whether every type in {@code mirror} resolved, or names a twin being generated now ({@code
   * user} is the type whose signature it is).
   */
  public boolean isResolvedOrPlanned(TypeMirror mirror, TypeElement user) {
    boolean[] resolved = {true};
    walk(
        mirror,
        declared -> {
          if (declared.getKind() == TypeKind.ERROR && plannedTwin(declared, user).isEmpty()) {
            resolved[0] = false;
          }
        },
        new HashSet<>(),
        true);
    return resolved[0];
  }

  public Elements elements() {
    return elements;
  }

  public Types types() {
    return types;
  }

  /**
   * The methods the twin of {@code type} runs, in declaration order: those annotated {@code
   * @Async}, and, when the type itself is, every public method it declares in source, except the
   * ones that override {@code Object}'s (a twin cannot redeclare {@code toString()} with another
   * return type), a record's accessors (reading a field is no work to run elsewhere), an enum's
   * {@code values()} and {@code valueOf(String)}, and those marked {@code @NotAsync}. These are the
   * candidates: validation leaves out the ones taken by type-level {@code @Async} that cannot
   * have a twin.
   */
  public List<ExecutableElement> asyncMethods(TypeElement type) {
    boolean wholeType = Annotations.has(type, RuntimeNames.ASYNC);
    Set<Element> accessors = new HashSet<>();
    for (RecordComponentElement component :
        ElementFilter.recordComponentsIn(type.getEnclosedElements())) {
      accessors.add(component.getAccessor());
    }
    List<ExecutableElement> methods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (Annotations.has(method, RuntimeNames.ASYNC)) {
        methods.add(method);
      } else if (wholeType
          && method.getModifiers().contains(Modifier.PUBLIC)
          && elements.getOrigin(method) == Elements.Origin.EXPLICIT
          && !accessors.contains(method)
          && !isImplicitEnumMethod(type, method)
          && !Annotations.has(method, RuntimeNames.NOT_ASYNC)
          && objectMethodOverridden(method).isEmpty()) {
        methods.add(method);
      }
    }
    return methods;
  }

  /**
   * An enum's {@code values()} and {@code valueOf(String)}: the compiler declares them, and javac
   * does not mark them as mandated. A user cannot declare them, so the name is enough.
   */
  private static boolean isImplicitEnumMethod(TypeElement type, ExecutableElement method) {
    if (type.getKind() != ElementKind.ENUM || !method.getModifiers().contains(Modifier.STATIC)) {
      return false;
    }
    String name = method.getSimpleName().toString();
    int parameters = method.getParameters().size();
    return (name.equals("values") && parameters == 0) || (name.equals("valueOf") && parameters == 1);
  }

  /** The {@code Object} method that {@code method} overrides or would clash with, if any. */
  public Optional<ExecutableElement> objectMethodOverridden(ExecutableElement method) {
    TypeElement object = elements.getTypeElement("java.lang.Object");
    for (ExecutableElement candidate : ElementFilter.methodsIn(object.getEnclosedElements())) {
      if (candidate.getModifiers().contains(Modifier.PRIVATE)
          || !candidate.getSimpleName().contentEquals(method.getSimpleName())
          || candidate.getParameters().size() != method.getParameters().size()) {
        continue;
      }
      boolean sameErasure = true;
      for (int i = 0; i < candidate.getParameters().size(); i++) {
        TypeMirror mine = types.erasure(method.getParameters().get(i).asType());
        TypeMirror theirs = types.erasure(candidate.getParameters().get(i).asType());
        sameErasure &= types.isSameType(mine, theirs);
      }
      if (sameErasure) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code method} gets a gather helper: it takes one parameter, and no same-named
   * overload among the twin's {@code methods} does too (their helpers would have one erasure).
   */
  public static boolean hasGatherHelper(ExecutableElement method, List<ExecutableElement> methods) {
    if (method.getParameters().size() != 1) {
      return false;
    }
    return methods.stream()
            .filter(other -> other.getSimpleName().contentEquals(method.getSimpleName()))
            .filter(other -> other.getParameters().size() == 1)
            .count()
        == 1;
  }

  /** How the twin treats what a method returns. */
  public sealed interface ReturnShape {
    /** A {@code void} method. */
    record NoValue() implements ReturnShape {}

    /** A plain value, run on the executor and returned as it is. */
    record Value(TypeMirror type) implements ReturnShape {}

    /** A {@code CompletionStage<X>}: relayed, so the twin returns {@code CompletableFuture<X>}. */
    record Relay(TypeMirror resultType) implements ReturnShape {}

    /** A raw {@code CompletionStage} or subtype: there is no result type to give the twin. */
    record RawStage(DeclaredType type) implements ReturnShape {}

    /** A {@code Future} that is no {@code CompletionStage}: only a blocked thread could wait for it. */
    record BlockingFuture(TypeMirror type) implements ReturnShape {}
  }

  public ReturnShape returnShape(ExecutableElement method) {
    TypeMirror returned = method.getReturnType();
    if (returned.getKind() == TypeKind.VOID) {
      return new ReturnShape.NoValue();
    }
    if (returned.getKind() != TypeKind.DECLARED) {
      return new ReturnShape.Value(returned);
    }
    TypeMirror stage = types.erasure(elements.getTypeElement(COMPLETION_STAGE).asType());
    if (types.isAssignable(types.erasure(returned), stage)) {
      Optional<DeclaredType> parameterized = supertypeOf((DeclaredType) returned, COMPLETION_STAGE);
      if (parameterized.isEmpty() || parameterized.get().getTypeArguments().isEmpty()) {
        return new ReturnShape.RawStage((DeclaredType) returned);
      }
      return new ReturnShape.Relay(upperBound(parameterized.get().getTypeArguments().get(0)));
    }
    TypeMirror future = types.erasure(elements.getTypeElement(FUTURE).asType());
    if (types.isAssignable(types.erasure(returned), future)) {
      return new ReturnShape.BlockingFuture(returned);
    }
    return new ReturnShape.Value(returned);
  }

  private Optional<DeclaredType> supertypeOf(DeclaredType type, String qualifiedName) {
    TypeElement element = (TypeElement) type.asElement();
    if (element.getQualifiedName().contentEquals(qualifiedName)) {
      return Optional.of(type);
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype.getKind() == TypeKind.DECLARED) {
        Optional<DeclaredType> found = supertypeOf((DeclaredType) supertype, qualifiedName);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** {@code ? extends X} is read as {@code X}; {@code ?} and {@code ? super X} as {@code Object}. */
  private TypeMirror upperBound(TypeMirror argument) {
    if (argument.getKind() != TypeKind.WILDCARD) {
      return argument;
    }
    TypeMirror bound = ((WildcardType) argument).getExtendsBound();
    return bound != null ? bound : elements.getTypeElement("java.lang.Object").asType();
  }

  /**
   * The types a twin has to name for {@code method}: its parameters, its return type and the
   * bounds of its type variables.
   */
  public static List<TypeMirror> signatureTypes(ExecutableElement method) {
    List<TypeMirror> mirrors = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      mirrors.add(parameter.asType());
    }
    mirrors.add(method.getReturnType());
    for (TypeParameterElement typeParameter : method.getTypeParameters()) {
      mirrors.addAll(typeParameter.getBounds());
    }
    return mirrors;
  }

  /** Visits every declared type inside {@code mirror}: type arguments, bounds, array components. */
  public static void forEachDeclared(TypeMirror mirror, Consumer<DeclaredType> action) {
    walk(mirror, action, new HashSet<>(), false);
  }

  /** Whether {@code mirror} holds a type the compiler has not resolved (yet). */
  public static boolean hasUnresolved(TypeMirror mirror) {
    boolean[] found = {false};
    walk(mirror, declared -> found[0] |= declared.getKind() == TypeKind.ERROR, new HashSet<>(), true);
    return found[0];
  }

  private static void walk(
      TypeMirror mirror, Consumer<DeclaredType> action, Set<Element> seen, boolean errors) {
    switch (mirror.getKind()) {
      case ERROR -> {
        if (errors) {
          action.accept((DeclaredType) mirror);
        }
      }
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) mirror;
        action.accept(declared);
        if (declared.getEnclosingType().getKind() == TypeKind.DECLARED) {
          walk(declared.getEnclosingType(), action, seen, errors);
        }
        for (TypeMirror argument : declared.getTypeArguments()) {
          walk(argument, action, seen, errors);
        }
      }
      case ARRAY -> walk(((ArrayType) mirror).getComponentType(), action, seen, errors);
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) mirror;
        if (wildcard.getExtendsBound() != null) {
          walk(wildcard.getExtendsBound(), action, seen, errors);
        }
        if (wildcard.getSuperBound() != null) {
          walk(wildcard.getSuperBound(), action, seen, errors);
        }
      }
      case TYPEVAR -> {
        TypeVariable variable = (TypeVariable) mirror;
        // Recursive bounds (T extends Comparable<T>) lead back here: visit each variable once.
        if (seen.add(variable.asElement())) {
          walk(variable.getUpperBound(), action, seen, errors);
        }
      }
      case INTERSECTION -> {
        for (TypeMirror bound : ((javax.lang.model.type.IntersectionType) mirror).getBounds()) {
          walk(bound, action, seen, errors);
        }
      }
      default -> {}
    }
  }

  /** The outermost-first chain of types from the top level down to {@code type}. */
  public static List<TypeElement> enclosingChain(TypeElement type) {
    List<TypeElement> chain = new ArrayList<>();
    Element current = type;
    while (current != null && (current.getKind().isClass() || current.getKind().isInterface())) {
      chain.add(0, (TypeElement) current);
      current = current.getEnclosingElement();
    }
    return chain;
  }

  /**
   * {@code type} and, while it is an inner (non-static) class, the types whose instances enclose
   * it, outermost first: the types whose type variables an instance of {@code type} carries.
   */
  public static List<TypeElement> instanceChain(TypeElement type) {
    List<TypeElement> chain = new ArrayList<>();
    TypeElement current = type;
    while (true) {
      chain.add(0, current);
      if (current.getNestingKind() != NestingKind.MEMBER
          || current.getModifiers().contains(Modifier.STATIC)
          || current.getKind() != ElementKind.CLASS
          || !(current.getEnclosingElement() instanceof TypeElement enclosing)
          || enclosing.getKind().isInterface()) {
        return chain;
      }
      current = enclosing;
    }
  }

  /**
   * The first type in {@code type}'s enclosing chain that code in {@code fromPackage} cannot name:
   * a private one, or a protected or package-private one of another package.
   */
  public Optional<TypeElement> inaccessibleFrom(TypeElement type, String fromPackage) {
    for (TypeElement element : enclosingChain(type)) {
      Set<Modifier> modifiers = element.getModifiers();
      if (modifiers.contains(Modifier.PRIVATE)) {
        return Optional.of(element);
      }
      if (!modifiers.contains(Modifier.PUBLIC) && !packageName(element).equals(fromPackage)) {
        return Optional.of(element);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code element} or an element enclosing it is deprecated. */
  public boolean isInDeprecatedContext(Element element) {
    for (Element current = element; current != null; current = current.getEnclosingElement()) {
      if (elements.isDeprecated(current)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code element} is {@code @Deprecated(forRemoval = true)}. */
  public static boolean isForRemoval(Element element) {
    Deprecated deprecated = element.getAnnotation(Deprecated.class);
    return deprecated != null && deprecated.forRemoval();
  }

  /** Whether {@code @SuppressWarnings} on {@code element} or one enclosing it names {@code key}. */
  public static boolean suppresses(Element element, String key) {
    for (Element current = element; current != null; current = current.getEnclosingElement()) {
      SuppressWarnings annotation = current.getAnnotation(SuppressWarnings.class);
      if (annotation != null && List.of(annotation.value()).contains(key)) {
        return true;
      }
    }
    return false;
  }

  /** The top-level type {@code element} is declared in. */
  public static TypeElement outermost(Element element) {
    Element current = element;
    while (!(current instanceof TypeElement type && type.getNestingKind() == NestingKind.TOP_LEVEL)) {
      current = current.getEnclosingElement();
    }
    return (TypeElement) current;
  }

  /** Whether {@code type} or a type enclosing it is deprecated. */
  public boolean isDeprecatedInChain(TypeElement type) {
    return enclosingChain(type).stream().anyMatch(elements::isDeprecated);
  }

  /** Whether the type is a named member or top-level type, the only kinds that can have a twin. */
  public static boolean isNamedMember(TypeElement type) {
    for (TypeElement element : enclosingChain(type)) {
      NestingKind nesting = element.getNestingKind();
      if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
        return false;
      }
    }
    return true;
  }

  /** {@code Foo} gets {@code FooAsync}; {@code Outer.Inner} gets {@code Outer_InnerAsync}. */
  public static String twinSimpleName(TypeElement type) {
    StringBuilder name = new StringBuilder();
    for (TypeElement element : enclosingChain(type)) {
      if (name.length() > 0) {
        name.append('_');
      }
      name.append(element.getSimpleName());
    }
    return name.append("Async").toString();
  }

  /** The top-level type named {@code simpleName} in the package of {@code type}, if any. */
  public Optional<TypeElement> typeInPackageOf(TypeElement type, String simpleName) {
    return Optional.ofNullable(typesInPackageOf(type).get(simpleName));
  }

  /** Whether a type of the package of {@code type} has the name of a {@code java.lang} type. */
  public boolean packageShadowsJavaLang(TypeElement type) {
    Set<String> javaLang = typesIn(elements.getPackageElement("java.lang")).keySet();
    return typesInPackageOf(type).keySet().stream().anyMatch(javaLang::contains);
  }

  private Map<String, TypeElement> typesInPackageOf(TypeElement type) {
    return typesIn(elements.getPackageOf(type));
  }

  private Map<String, TypeElement> typesIn(PackageElement packageElement) {
    return packageTypes.computeIfAbsent(
        packageElement,
        key -> {
          Map<String, TypeElement> byName = new HashMap<>();
          for (TypeElement member : ElementFilter.typesIn(key.getEnclosedElements())) {
            byName.put(member.getSimpleName().toString(), member);
          }
          return byName;
        });
  }

  /**
   * The {@code @Generated} that the twin of {@code type} can name, if any. In a named module it
   * is only visible when the module reads {@code java.compiler}, which a user's module seldom does;
   * then the twin goes without (as auto-common's {@code GeneratedAnnotations} decides).
   */
  public Optional<TypeElement> generatedAnnotationFor(TypeElement type) {
    TypeElement generated = elements.getTypeElement("javax.annotation.processing.Generated");
    if (generated == null) {
      return Optional.empty();
    }
    ModuleElement module = elements.getModuleOf(type);
    if (module == null || module.isUnnamed()) {
      return Optional.of(generated);
    }
    ModuleElement home = elements.getModuleOf(generated);
    return reads(module, home) ? Optional.of(generated) : Optional.empty();
  }

  /** Whether {@code module} reads {@code target}: requires it, or one that requires it transitively. */
  private static boolean reads(ModuleElement module, ModuleElement target) {
    if (target == null || target.getQualifiedName().contentEquals("java.base")) {
      return true;
    }
    Set<ModuleElement> seen = new HashSet<>();
    java.util.ArrayDeque<ModuleElement> readable = new java.util.ArrayDeque<>();
    for (ModuleElement.RequiresDirective requires :
        ElementFilter.requiresIn(module.getDirectives())) {
      readable.add(requires.getDependency());
    }
    while (!readable.isEmpty()) {
      ModuleElement next = readable.poll();
      if (next.equals(target)) {
        return true;
      }
      if (seen.add(next)) {
        for (ModuleElement.RequiresDirective requires :
            ElementFilter.requiresIn(next.getDirectives())) {
          if (requires.isTransitive()) {
            readable.add(requires.getDependency());
          }
        }
      }
    }
    return false;
  }

  /** The package the type and its twin are in ({@code ""} for the unnamed package). */
  public String packageName(TypeElement type) {
    return elements.getPackageOf(type).getQualifiedName().toString();
  }

  public static boolean isAnnotationType(TypeElement type) {
    return type.getKind() == ElementKind.ANNOTATION_TYPE;
  }
}
