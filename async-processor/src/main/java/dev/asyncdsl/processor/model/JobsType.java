package dev.asyncdsl.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;

/**
 * Everything the writer needs to generate the jobs class of one type, as plain values.
 *
 * @param jobsName the generated class, beside the user's type
 * @param generatedAnnotation the {@code @Generated} the class's module can see, if any
 * @param targetClass the user's type, for calls and links
 * @param suppressedWarnings lint categories that naming the user's elements trips (deprecation)
 * @param importJavaLang whether to import {@code java.lang} types explicitly, because a type in the
 *     class's package has the simple name of one and would otherwise be picked instead
 * @param methods the {@code @Durable} methods, in declaration order
 */
public record JobsType(
    ClassName jobsName,
    Optional<ClassName> generatedAnnotation,
    ClassName targetClass,
    List<String> suppressedWarnings,
    boolean importJavaLang,
    List<JobMethod> methods) {
  public JobsType {
    suppressedWarnings = List.copyOf(suppressedWarnings);
    methods = List.copyOf(methods);
  }
}
