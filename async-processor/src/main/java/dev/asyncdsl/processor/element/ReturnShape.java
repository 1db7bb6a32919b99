package dev.asyncdsl.processor.element;

import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/** How the twin treats what a method returns. */
public sealed interface ReturnShape {
  /** A {@code void} method. */
  record NoValue() implements ReturnShape {}

  /** A plain value, run on the executor and returned as it is. */
  record Value(TypeMirror type) implements ReturnShape {}

  /** A {@code CompletionStage<X>}: relayed, so the twin returns {@code CompletableFuture<X>}. */
  record Relay(TypeMirror resultType) implements ReturnShape {}

  /** A raw {@code CompletionStage} or subtype: there is no result type to give the twin. */
  record RawStage(DeclaredType type) implements ReturnShape {}

  /**
   * A {@code Future} that is no {@code CompletionStage}: only a blocked thread could wait for it.
   */
  record BlockingFuture(TypeMirror type) implements ReturnShape {}
}
