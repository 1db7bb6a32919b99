package dev.asyncdsl.processor.element;

import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Whether a worker can build, by itself, the object a {@code @Durable} instance method runs on:
 * with a public no-arg constructor, when no instance is registered for the class.
 */
public final class WorkerInstances {
  private WorkerInstances() {}

  /** Why a worker cannot build an object of {@code type}, if it cannot: "is abstract". */
  public static Optional<String> whyNotBuildable(TypeElement type) {
    if (type.getKind() != ElementKind.CLASS) {
      return Optional.of("is " + kindName(type));
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      return Optional.of("is abstract");
    }
    boolean noArg =
        ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .anyMatch(
                constructor ->
                    constructor.getParameters().isEmpty()
                        && constructor.getModifiers().contains(Modifier.PUBLIC));
    return noArg ? Optional.empty() : Optional.of("has no public no-arg constructor");
  }

  private static String kindName(TypeElement type) {
    return switch (type.getKind()) {
      case INTERFACE -> "an interface";
      case ENUM -> "an enum";
      case RECORD -> "a record";
      case ANNOTATION_TYPE -> "an annotation type";
      default -> "not a class";
    };
  }
}
