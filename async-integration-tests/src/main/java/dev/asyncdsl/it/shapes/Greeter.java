package dev.asyncdsl.it.shapes;

import dev.asyncdsl.Async;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An interface: the twin wraps any implementation, default and static methods included. */
@Async
public interface Greeter {
  String greet(String name);

  default String shout(String name) {
    return greet(name).toUpperCase(java.util.Locale.ROOT);
  }

  static Greeter polite() {
    return name -> "Hello, " + name;
  }

  default CompletionStage<String> later(String name) {
    return CompletableFuture.supplyAsync(() -> greet(name));
  }

  default CompletableFuture<? extends Number> length(String name) {
    return CompletableFuture.completedFuture(greet(name).length());
  }
}
