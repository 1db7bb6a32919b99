package dev.asyncdsl.processor.element;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** The top-level types of the packages asked about, by simple name, read once per round. */
public final class PackageTypes {
  private final Elements elements;

  /**
   * The top-level types of each package asked about, by simple name. An inspector lives for one
   * round, and a package's types only change between rounds; asking javac for each name instead
   * costs a search of the whole class path per miss, which a thousand-class package repeats a
   * million times.
   */
  private final Map<PackageElement, Map<String, TypeElement>> packageTypes = new HashMap<>();

  PackageTypes(Elements elements) {
    this.elements = elements;
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
}
