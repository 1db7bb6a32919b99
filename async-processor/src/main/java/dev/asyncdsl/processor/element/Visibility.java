package dev.asyncdsl.processor.element;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * What code in the twin's package can name: a type, along its enclosing chain, and
 * {@code @Generated}.
 */
public final class Visibility {
  private final Elements elements;

  Visibility(Elements elements) {
    this.elements = elements;
  }

  /** The package the type and its twin are in ({@code ""} for the unnamed package). */
  public String packageName(TypeElement type) {
    return elements.getPackageOf(type).getQualifiedName().toString();
  }

  /**
   * The first type in {@code type}'s enclosing chain that code in {@code fromPackage} cannot name:
   * a private one, or a protected or package-private one of another package.
   */
  public Optional<TypeElement> inaccessibleFrom(TypeElement type, String fromPackage) {
    for (TypeElement element : Nesting.enclosingChain(type)) {
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

  /**
   * The {@code @Generated} that the twin of {@code type} can name, if any. In a named module it is
   * only visible when the module reads {@code java.compiler}, which a user's module seldom does;
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

  /**
   * Whether {@code module} reads {@code target}: requires it, or one that requires it transitively.
   */
  private static boolean reads(ModuleElement module, ModuleElement target) {
    if (target == null || target.getQualifiedName().contentEquals("java.base")) {
      return true;
    }
    Set<ModuleElement> seen = new HashSet<>();
    ArrayDeque<ModuleElement> readable = new ArrayDeque<>();
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
}
