package dev.asyncdsl.it.shapes;

import dev.asyncdsl.Async;

/** Nested types: static, inner, and inner of a generic class. */
public class Outer {
  private final String name;

  public Outer(String name) {
    this.name = name;
  }

  public static class Nested {
    @Async
    public String hello(String who) {
      return "nested hello " + who;
    }
  }

  public class Inner {
    @Async
    public String owner() {
      return name;
    }
  }

  public static class Box<T> {
    private final T content;

    public Box(T content) {
      this.content = content;
    }

    public class Opener {
      @Async
      public T open() {
        return content;
      }
    }
  }
}
