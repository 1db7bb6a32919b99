package dev.asyncdsl.processor.element;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Which methods a twin runs, and the shapes that decide how: what a method returns, whether it
 * clashes with an {@code Object} method, whether it gets a gather helper.
 */
public final class MethodShapes {
  private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";
  private static final String FUTURE = "java.util.concurrent.Future";

  /** The annotations a twin call applies, on a method or its type. */
  private static final List<String> POLICIES =
      List.of(
          RuntimeNames.TIMEOUT,
          RuntimeNames.RETRY,
          RuntimeNames.FALLBACK,
          RuntimeNames.BULKHEAD,
          RuntimeNames.CIRCUIT_BREAKER);

  private final Elements elements;
  private final Types types;

  MethodShapes(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /**
   * The methods the twin of {@code type} runs, in declaration order: those annotated
   * {@code @Async}, and, when the type itself is, every public method it declares in source, except
   * the ones that override {@code Object}'s (a twin cannot redeclare {@code toString()} with
   * another return type), a record's accessors (reading a field is no work to run elsewhere), an
   * enum's {@code values()} and {@code valueOf(String)}, and those marked {@code @NotAsync}. These
   * are the candidates: validation leaves out the ones taken by type-level {@code @Async} that
   * cannot have a twin. A public {@code @Durable} method with a timeout or policies is one too: its
   * job runs it through the twin, so that they apply in the worker.
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
      if (Annotations.has(method, RuntimeNames.ASYNC) || runsDurableThroughTwin(method)) {
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

  /** The methods of {@code type} marked {@code @Durable}, in declaration order. */
  public List<ExecutableElement> durableMethods(TypeElement type) {
    List<ExecutableElement> methods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (Annotations.has(method, RuntimeNames.DURABLE)) {
        methods.add(method);
      }
    }
    return methods;
  }

  /**
   * Whether {@code method} is a public {@code @Durable} method that a timeout or policy applies to
   * (its own, or its type's), so that its job runs it through the twin.
   */
  public static boolean runsDurableThroughTwin(ExecutableElement method) {
    return Annotations.has(method, RuntimeNames.DURABLE)
        && method.getModifiers().contains(Modifier.PUBLIC)
        && POLICIES.stream()
            .anyMatch(
                policy ->
                    Annotations.has(method, policy)
                        || Annotations.has(method.getEnclosingElement(), policy));
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
    return (name.equals("values") && parameters == 0)
        || (name.equals("valueOf") && parameters == 1);
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
   * Whether {@code method} gets a gather helper: it takes one parameter, and no same-named overload
   * among the twin's {@code methods} does too (their helpers would have one erasure).
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

  /**
   * {@code ? extends X} is read as {@code X}; {@code ?} and {@code ? super X} as {@code Object}.
   */
  private TypeMirror upperBound(TypeMirror argument) {
    if (argument.getKind() != TypeKind.WILDCARD) {
      return argument;
    }
    TypeMirror bound = ((WildcardType) argument).getExtendsBound();
    return bound != null ? bound : elements.getTypeElement("java.lang.Object").asType();
  }
}
