package dev.asyncdsl.it.util;

import dev.asyncdsl.Async;

/** A user class named like the executor type the twin's constructor takes. */
public class Executor {
  @Async
  public String execute(String command) {
    return "executed " + command;
  }
}
