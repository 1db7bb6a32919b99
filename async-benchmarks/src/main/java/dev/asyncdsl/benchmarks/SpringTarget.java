package dev.asyncdsl.benchmarks;

import java.util.concurrent.CompletableFuture;
import org.springframework.scheduling.annotation.Async;

/**
 * The same trivial method as {@link Trivial#echo}, written the way Spring's {@code @Async} asks:
 * the method returns a completed future and the proxy runs it on the configured executor.
 */
public class SpringTarget {
  /** Returns its argument, as Spring's proxy requires, in a completed future. */
  @Async
  public CompletableFuture<Integer> echo(int x) {
    return CompletableFuture.completedFuture(x);
  }
}
