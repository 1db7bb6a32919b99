package dev.asyncdsl.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import java.util.Optional;

/**
 * Everything the writer needs to generate one twin, as plain values.
 *
 * @param twinName the generated class, beside the user's type
 * @param generatedAnnotation the {@code @Generated} the twin's module can see, if any
 * @param targetClass the user's type as a class name, for static calls and links
 * @param targetType the user's type with its type variables, for the {@code target} field
 * @param typeVariables the twin's type variables: the user's type's, outer types' first
 * @param isPublic whether the twin is public (the user's type is reachable from everywhere)
 * @param isDeprecated whether the user's type is deprecated, which the twin then is too
 * @param suppressedWarnings lint categories that naming the user's type trips (a deprecated type)
 * @param importJavaLang whether to import {@code java.lang} types explicitly, because a type in the
 *     twin's package has the simple name of one and would otherwise be picked instead
 * @param methods the twin's methods in declaration order
 * @param config what the twin tells the runtime of its class and methods, for configuration
 */
public record TwinType(
    ClassName twinName,
    Optional<ClassName> generatedAnnotation,
    ClassName targetClass,
    TypeName targetType,
    List<TypeVariableName> typeVariables,
    boolean isPublic,
    boolean isDeprecated,
    List<String> suppressedWarnings,
    boolean importJavaLang,
    List<TwinMethod> methods,
    ConfigSpec config) {

  public TwinType {
    typeVariables = List.copyOf(typeVariables);
    suppressedWarnings = List.copyOf(suppressedWarnings);
    methods = List.copyOf(methods);
  }

  /** Whether the twin wraps an instance, and so needs constructors and fields. */
  public boolean hasInstanceMethods() {
    return methods.stream().anyMatch(method -> !method.isStatic());
  }
}
