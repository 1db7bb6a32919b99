package dev.asyncdsl.processor.element;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Whether the arguments of a {@code @Durable} method can be stored in a job: written to JSON when
 * it is enqueued and read back, to the same types, in a worker. The types accepted are those
 * JobRunr's JSON mapping round-trips without configuration; module {@code async-jobrunr}
 * round-trips one value of each kind in its tests, so the two lists stay in agreement.
 */
public final class JobArguments {
  /** Types stored as one JSON value. */
  private static final Set<String> VALUES =
      Set.of(
          "java.lang.String",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Character",
          "java.util.UUID",
          "java.math.BigDecimal",
          "java.math.BigInteger",
          "java.time.Instant",
          "java.time.LocalDate",
          "java.time.LocalTime",
          "java.time.LocalDateTime",
          "java.time.OffsetDateTime",
          "java.time.ZonedDateTime",
          "java.time.Duration",
          "java.time.Period");

  /** Collections stored as a JSON array, read back as the declared interface. */
  private static final Set<String> COLLECTIONS =
      Set.of("java.util.List", "java.util.Set", "java.util.Collection");

  private static final String MAP = "java.util.Map";

  /**
   * A part of an argument that cannot be stored.
   *
   * @param path where it is, from the parameter's name: {@code order.lines[].sku} ({@code []} is an
   *     element of an array, a collection, or a map's values)
   * @param type the part's type, as the method declares it
   * @param why why it cannot be stored, as the end of a sentence
   */
  public record Rejected(String path, TypeMirror type, String why) {}

  private final Types types;
  private final Visibility visibility;

  JobArguments(Types types, Visibility visibility) {
    this.types = types;
    this.visibility = visibility;
  }

  /**
   * The first part of a parameter named {@code name}, of type {@code type}, that a job cannot
   * store, if any; {@code jobsPackage} is where the generated request names the types.
   */
  public Optional<Rejected> reject(String name, TypeMirror type, String jobsPackage) {
    return reject(name, type, jobsPackage, new HashSet<>());
  }

  private Optional<Rejected> reject(
      String path, TypeMirror type, String jobsPackage, Set<String> recordsSeen) {
    switch (type.getKind()) {
      case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE -> {
        return Optional.empty();
      }
      case ARRAY -> {
        return reject(path + "[]", ((ArrayType) type).getComponentType(), jobsPackage, recordsSeen);
      }
      case TYPEVAR -> {
        return rejected(path, type, "a type variable, and a job stores no type arguments");
      }
      case WILDCARD -> {
        return rejected(path, type, "a wildcard, which names no type to read back");
      }
      case DECLARED -> {
        return rejectDeclared(path, (DeclaredType) type, jobsPackage, recordsSeen);
      }
      default -> {
        return rejected(path, type, "not one of the accepted types");
      }
    }
  }

  private Optional<Rejected> rejectDeclared(
      String path, DeclaredType type, String jobsPackage, Set<String> recordsSeen) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    if (VALUES.contains(name)) {
      return Optional.empty();
    }
    if (element.getKind() == ElementKind.ENUM) {
      return visibility.inaccessibleFrom(element, jobsPackage).isPresent()
          ? rejected(path, type, "an enum the generated job request cannot name; make it public")
          : Optional.empty();
    }
    if (COLLECTIONS.contains(name) || name.equals(MAP)) {
      if (arguments.isEmpty()) {
        return rejected(path, type, "a raw type, whose elements' type JSON cannot know");
      }
      if (name.equals(MAP) && !isMapKey(arguments.get(0))) {
        return rejected(
            path, type, "a Map whose keys are not String, an enum or UUID, the keys JSON can hold");
      }
      return reject(path + "[]", arguments.get(arguments.size() - 1), jobsPackage, recordsSeen);
    }
    if (element.getKind() == ElementKind.RECORD) {
      return rejectRecord(path, type, element, jobsPackage, recordsSeen);
    }
    String kind =
        element.getKind().isInterface()
            ? "an interface, whose implementation JSON cannot know"
            : "a class that is neither a record nor one of the accepted types";
    return rejected(path, type, kind);
  }

  private Optional<Rejected> rejectRecord(
      String path,
      DeclaredType type,
      TypeElement record,
      String jobsPackage,
      Set<String> recordsSeen) {
    boolean reachable =
        Nesting.enclosingChain(record).stream()
            .allMatch(element -> element.getModifiers().contains(Modifier.PUBLIC));
    if (!reachable) {
      return rejected(path, type, "a record that is not public (with every class enclosing it)");
    }
    if (!hasPublicCanonicalConstructor(record)) {
      return rejected(
          path,
          type,
          "a record whose canonical constructor is not public, so JSON cannot build it");
    }
    if (!recordsSeen.add(types.erasure(type).toString())) {
      // A record that holds itself, e.g. in a list of children: its components are being checked.
      return Optional.empty();
    }
    for (RecordComponentElement component :
        ElementFilter.recordComponentsIn(record.getEnclosedElements())) {
      // As a member of the declared type, so Pair<String, Integer>'s components are not A and B.
      ExecutableType accessor = (ExecutableType) types.asMemberOf(type, component.getAccessor());
      Optional<Rejected> rejected =
          reject(
              path + "." + component.getSimpleName(),
              accessor.getReturnType(),
              jobsPackage,
              recordsSeen);
      if (rejected.isPresent()) {
        return rejected;
      }
    }
    return Optional.empty();
  }

  private boolean hasPublicCanonicalConstructor(TypeElement record) {
    List<? extends RecordComponentElement> components =
        ElementFilter.recordComponentsIn(record.getEnclosedElements());
    for (ExecutableElement constructor :
        ElementFilter.constructorsIn(record.getEnclosedElements())) {
      if (constructor.getParameters().size() != components.size()) {
        continue;
      }
      boolean canonical = true;
      for (int i = 0; i < components.size(); i++) {
        canonical &=
            types.isSameType(
                types.erasure(constructor.getParameters().get(i).asType()),
                types.erasure(components.get(i).asType()));
      }
      if (canonical) {
        return constructor.getModifiers().contains(Modifier.PUBLIC);
      }
    }
    return false;
  }

  private static boolean isMapKey(TypeMirror key) {
    if (key.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement element = (TypeElement) ((DeclaredType) key).asElement();
    String name = element.getQualifiedName().toString();
    return element.getKind() == ElementKind.ENUM
        || name.equals("java.lang.String")
        || name.equals("java.util.UUID");
  }

  private static Optional<Rejected> rejected(String path, TypeMirror type, String why) {
    return Optional.of(new Rejected(path, type, why));
  }
}
