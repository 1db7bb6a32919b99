package dev.asyncdsl.processor.element;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The twins this processor is about to generate, known by name before they exist. A signature may
 * name one (a type's own twin, or two twins naming each other): to javac that name is still
 * missing, and waiting for it would wait forever, so such a name is read as the planned twin.
 *
 * <p>An unresolved name carries only how it was written, so it is looked up as the Java language
 * would: a qualified name as it is; a simple one by single-type import, then in the package of the
 * type using it, then by on-demand import. A generic twin is not planned: javac keeps no name for a
 * parameterized type it cannot resolve.
 */
public final class PlannedTwins {
  /** A twin's package and simple name. */
  public record Twin(String packageName, String simpleName) {}

  private final Map<String, Twin> byQualifiedName = new TreeMap<>();
  private final Function<TypeElement, List<String>> importsOf;

  /**
   * @param importsOf the non-static imports of the file declaring a type, as written ({@code
   *     q.PaymentsAsync}, {@code q.*}); empty where the compiler gives no source trees
   */
  public PlannedTwins(Function<TypeElement, List<String>> importsOf) {
    this.importsOf = importsOf;
  }

  public static PlannedTwins none() {
    return new PlannedTwins(type -> List.of());
  }

  /** Plans the twin of {@code type}, unless it is generic. */
  public void plan(TypeElement type, String packageName) {
    if (!Nesting.instanceChain(type).stream().allMatch(e -> e.getTypeParameters().isEmpty())) {
      return;
    }
    Twin twin = new Twin(packageName, Nesting.twinSimpleName(type));
    byQualifiedName.put(qualified(twin.packageName(), twin.simpleName()), twin);
  }

  /** The planned twin that the unresolved {@code error}, written in {@code user}'s file, names. */
  public Optional<Twin> resolve(TypeMirror error, TypeElement user, String userPackage) {
    if (error.getKind() != TypeKind.ERROR || byQualifiedName.isEmpty()) {
      return Optional.empty();
    }
    String written =
        ((TypeElement) ((DeclaredType) error).asElement()).getQualifiedName().toString();
    if (written.contains(".")) {
      return Optional.ofNullable(byQualifiedName.get(written));
    }
    List<String> imports = importsOf.apply(user);
    for (String imported : imports) {
      if (imported.endsWith("." + written)) {
        return Optional.ofNullable(byQualifiedName.get(imported));
      }
    }
    Twin inPackage = byQualifiedName.get(qualified(userPackage, written));
    if (inPackage != null) {
      return Optional.of(inPackage);
    }
    for (String imported : imports) {
      if (imported.endsWith(".*")) {
        Twin onDemand =
            byQualifiedName.get(qualified(imported.substring(0, imported.length() - 2), written));
        if (onDemand != null) {
          return Optional.of(onDemand);
        }
      }
    }
    return Optional.empty();
  }

  private static String qualified(String packageName, String simpleName) {
    return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
  }
}
