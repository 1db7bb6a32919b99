package dev.asyncdsl.it.util;

import dev.asyncdsl.Async;

/** A user class named like the type every twin method returns. */
public class CompletableFuture {
  @Async
  public static Future make(String name) {
    return new Future(name);
  }
}
