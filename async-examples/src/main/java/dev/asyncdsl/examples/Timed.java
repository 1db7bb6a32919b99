package dev.asyncdsl.examples;

/**
 * What a program produced and how long it took, in seconds (like Python's {@code time.time() -
 * start}).
 *
 * @param value what the program produced
 * @param seconds the wall-clock time it took
 */
public record Timed<T>(T value, double seconds) {
  /** Seconds since {@code startNanos}, a {@link System#nanoTime()} reading. */
  static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
