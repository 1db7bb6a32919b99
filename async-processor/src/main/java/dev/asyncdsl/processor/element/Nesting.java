package dev.asyncdsl.processor.element;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/** Where a type sits among the types enclosing it, and the twin name that follows from it. */
public final class Nesting {
  private Nesting() {}

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

  /** The top-level type {@code element} is declared in. */
  public static TypeElement outermost(Element element) {
    Element current = element;
    while (!(current instanceof TypeElement type
        && type.getNestingKind() == NestingKind.TOP_LEVEL)) {
      current = current.getEnclosingElement();
    }
    return (TypeElement) current;
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
    return flatName(type) + "Async";
  }

  /**
   * {@code Foo}'s durable jobs are in {@code FooJobs}; {@code Outer.Inner}'s in {@code
   * Outer_InnerJobs}.
   */
  public static String jobsSimpleName(TypeElement type) {
    return flatName(type) + "Jobs";
  }

  private static String flatName(TypeElement type) {
    StringBuilder name = new StringBuilder();
    for (TypeElement element : enclosingChain(type)) {
      if (name.length() > 0) {
        name.append('_');
      }
      name.append(element.getSimpleName());
    }
    return name.toString();
  }
}
