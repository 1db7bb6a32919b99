package dev.asyncdsl;

/**
 * The thread waiting for a result was interrupted, where the API cannot throw {@link
 * InterruptedException} (an {@link java.util.Iterator}'s {@code next()}, see {@link
 * Gather#asCompleted}). It says nothing about the inputs: none of them failed or was cancelled. The
 * thread's interrupt flag is set again when this is thrown, and the cause is the {@link
 * InterruptedException}.
 */
public final class WaitInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  WaitInterruptedException(String message, InterruptedException cause) {
    super(message, cause);
  }
}
