package dev.asyncdsl.it.util;

import dev.asyncdsl.Async;

/** A user class named like a JDK type the generated code imports. */
public class List {
  @Async
  public java.util.List<String> items(String first) {
    return java.util.List.of(first);
  }
}
