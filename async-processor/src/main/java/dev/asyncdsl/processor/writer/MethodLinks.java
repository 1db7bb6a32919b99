package dev.asyncdsl.processor.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/** Javadoc references to a user's method. */
final class MethodLinks {
  private MethodLinks() {}

  /**
   * {@code {@link Foo#refresh(String)}}; for a method named like its class, which Javadoc would
   * read as a constructor, the name in code font instead: {@code {@code Foo.Foo(String)}}.
   */
  static CodeBlock link(ClassName type, String method, CodeBlock parameters) {
    if (method.equals(type.simpleName())) {
      return CodeBlock.of("{@code $T.$L($L)}", type, method, parameters);
    }
    return CodeBlock.of("{@link $T#$L($L)}", type, method, parameters);
  }
}
