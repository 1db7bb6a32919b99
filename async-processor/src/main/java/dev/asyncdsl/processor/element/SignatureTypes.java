package dev.asyncdsl.processor.element;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/** The types a signature names, walked to the bottom: type arguments, bounds, array components. */
public final class SignatureTypes {
  private SignatureTypes() {}

  /**
   * The types a twin has to name for {@code method}: its parameters, its return type and the bounds
   * of its type variables.
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
    walk(
        mirror,
        declared -> found[0] |= declared.getKind() == TypeKind.ERROR,
        new HashSet<>(),
        true);
    return found[0];
  }

  static void walk(
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
        for (TypeMirror bound : ((IntersectionType) mirror).getBounds()) {
          walk(bound, action, seen, errors);
        }
      }
      default -> {}
    }
  }
}
