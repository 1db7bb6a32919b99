package dev.asyncdsl.jobrunr;

import dev.asyncdsl.AsyncMethod;

/** Stand-in for compile tests: a {@code @Durable} method as the runtime knows it. */
public final class DurableMethod {
  private final AsyncMethod method;
  private final int retries;
  private final String name;

  private DurableMethod(AsyncMethod method, int retries, String name) {
    this.method = method;
    this.retries = retries;
    this.name = name;
  }

  public static DurableMethod of(AsyncMethod method, int retries, String name) {
    return new DurableMethod(method, retries, name);
  }

  public AsyncMethod method() {
    return method;
  }

  public int retries() {
    return retries;
  }

  public String name() {
    return name;
  }
}
