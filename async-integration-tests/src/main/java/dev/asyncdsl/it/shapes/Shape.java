package dev.asyncdsl.it.shapes;

import dev.asyncdsl.Async;
import dev.asyncdsl.Timeout;

/** An abstract class whose abstract method runs through the subclass; a type-level deadline. */
@Timeout(5)
public abstract class Shape {
  @Async
  public abstract double area();

  @Async
  public String describe() {
    return getClass().getSimpleName() + " of area " + area();
  }
}
