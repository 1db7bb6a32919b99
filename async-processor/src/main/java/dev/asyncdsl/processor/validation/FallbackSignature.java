package dev.asyncdsl.processor.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * A {@code @Fallback} candidate as the twin calls it, beside the method it stands in for: both seen
 * from the annotated type (a superclass's type variables replaced by what the type gives them), and
 * the candidate's own type variables replaced by the method's, which the twin passes as explicit
 * type arguments ({@code this.target.<T>fb(items)}).
 */
final class FallbackSignature {
  private final Types types;
  private final ExecutableType method;
  private final ExecutableType candidate;
  private final Map<Element, TypeMirror> renamed = new HashMap<>();

  /** Both methods must be members of {@code site}; they must have as many type variables. */
  FallbackSignature(
      Types types, DeclaredType site, ExecutableElement method, ExecutableElement candidate) {
    this.types = types;
    this.method = (ExecutableType) types.asMemberOf(site, method);
    this.candidate = (ExecutableType) types.asMemberOf(site, candidate);
    List<? extends TypeVariable> own = this.method.getTypeVariables();
    List<? extends TypeVariable> theirs = this.candidate.getTypeVariables();
    for (int i = 0; i < theirs.size(); i++) {
      renamed.put(theirs.get(i).asElement(), own.get(i));
    }
  }

  int parameterCount() {
    return candidate.getParameterTypes().size();
  }

  /** The type of the method's parameter {@code index}. */
  TypeMirror methodParameter(int index) {
    return method.getParameterTypes().get(index);
  }

  /** The type of the candidate's parameter {@code index}, as the twin's call sees it. */
  TypeMirror parameter(int index) {
    return substitute(candidate.getParameterTypes().get(index));
  }

  TypeMirror methodReturnType() {
    return method.getReturnType();
  }

  /** What the candidate returns, as the twin's call sees it. */
  TypeMirror returnType() {
    return substitute(candidate.getReturnType());
  }

  /**
   * The index of the first of the method's type variables that the candidate's type variable in the
   * same place does not accept (its bounds are not all supertypes of the method's variable).
   */
  Optional<Integer> rejectedTypeVariable() {
    List<? extends TypeVariable> own = method.getTypeVariables();
    List<? extends TypeVariable> theirs = candidate.getTypeVariables();
    for (int i = 0; i < theirs.size(); i++) {
      for (TypeMirror bound : bounds(theirs.get(i).getUpperBound())) {
        if (!types.isSubtype(own.get(i), substitute(bound))) {
          return Optional.of(i);
        }
      }
    }
    return Optional.empty();
  }

  List<? extends TypeVariable> methodTypeVariables() {
    return method.getTypeVariables();
  }

  List<? extends TypeVariable> typeVariables() {
    return candidate.getTypeVariables();
  }

  static List<? extends TypeMirror> bounds(TypeMirror upperBound) {
    return upperBound.getKind() == TypeKind.INTERSECTION
        ? ((IntersectionType) upperBound).getBounds()
        : List.of(upperBound);
  }

  /** {@code type} with the candidate's type variables replaced by the method's. */
  private TypeMirror substitute(TypeMirror type) {
    if (renamed.isEmpty()) {
      return type;
    }
    switch (type.getKind()) {
      case TYPEVAR -> {
        TypeMirror replacement = renamed.get(((TypeVariable) type).asElement());
        return replacement != null ? replacement : type;
      }
      case ARRAY -> {
        TypeMirror component = ((ArrayType) type).getComponentType();
        TypeMirror substituted = substitute(component);
        return substituted == component ? type : types.getArrayType(substituted);
      }
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        TypeMirror extendsBound = wildcard.getExtendsBound();
        TypeMirror superBound = wildcard.getSuperBound();
        TypeMirror newExtends = extendsBound == null ? null : substitute(extendsBound);
        TypeMirror newSuper = superBound == null ? null : substitute(superBound);
        return newExtends == extendsBound && newSuper == superBound
            ? type
            : types.getWildcardType(newExtends, newSuper);
      }
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        TypeMirror enclosing = declared.getEnclosingType();
        if (declared.getTypeArguments().isEmpty() && enclosing.getKind() != TypeKind.DECLARED) {
          return type;
        }
        List<? extends TypeMirror> written = declared.getTypeArguments();
        TypeMirror[] arguments = written.stream().map(this::substitute).toArray(TypeMirror[]::new);
        TypeMirror outer =
            enclosing.getKind() == TypeKind.DECLARED ? substitute(enclosing) : enclosing;
        boolean same = outer == enclosing;
        for (int i = 0; same && i < arguments.length; i++) {
          same = arguments[i] == written.get(i);
        }
        if (same) {
          return type;
        }
        return outer.getKind() == TypeKind.DECLARED
            ? types.getDeclaredType((DeclaredType) outer, element, arguments)
            : types.getDeclaredType(element, arguments);
      }
      default -> {
        return type;
      }
    }
  }
}
