package dev.asyncdsl.processor.element;

import java.util.HashSet;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Questions about user code that validation and modelling both ask, answered from {@code
 * javax.lang.model} alone, for one round: whether a signature's types resolved, and, by concern,
 * the parts that need the compiler's utilities ({@link MethodShapes}, {@link Visibility}, {@link
 * Deprecation}, {@link PackageTypes}). The questions that need none are static, in {@link
 * Annotations}, {@link Nesting} and {@link SignatureTypes}.
 */
public final class Inspector {
  private final Elements elements;
  private final Types types;
  private final PlannedTwins plannedTwins;
  private final MethodShapes methodShapes;
  private final Visibility visibility;
  private final Deprecation deprecation;
  private final PackageTypes packageTypes;
  private final JobArguments jobArguments;

  public Inspector(Elements elements, Types types) {
    this(elements, types, PlannedTwins.none());
  }

  public Inspector(Elements elements, Types types, PlannedTwins plannedTwins) {
    this.elements = elements;
    this.types = types;
    this.plannedTwins = plannedTwins;
    this.methodShapes = new MethodShapes(elements, types);
    this.visibility = new Visibility(elements);
    this.deprecation = new Deprecation(elements);
    this.packageTypes = new PackageTypes(elements);
    this.jobArguments = new JobArguments(types, visibility);
  }

  /** The planned twin that an unresolved type in a signature of {@code user} names, if any. */
  public Optional<PlannedTwins.Twin> plannedTwin(TypeMirror unresolved, TypeElement user) {
    return plannedTwins.resolve(unresolved, user, visibility.packageName(user));
  }

  /**
   * Whether every type in {@code mirror} resolved, or names a twin being generated now ({@code
   * user} is the type whose signature it is).
   */
  public boolean isResolvedOrPlanned(TypeMirror mirror, TypeElement user) {
    boolean[] resolved = {true};
    SignatureTypes.walk(
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

  /** Which methods a twin runs, and how. */
  public MethodShapes methodShapes() {
    return methodShapes;
  }

  /** What the twin's package can name. */
  public Visibility visibility() {
    return visibility;
  }

  /** Whether naming or calling an element warns. */
  public Deprecation deprecation() {
    return deprecation;
  }

  /** Which arguments a durable job can store. */
  public JobArguments jobArguments() {
    return jobArguments;
  }

  /** The top-level types of a package. */
  public PackageTypes packageTypes() {
    return packageTypes;
  }
}
