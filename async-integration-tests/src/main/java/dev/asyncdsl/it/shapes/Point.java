package dev.asyncdsl.it.shapes;

import dev.asyncdsl.Async;

/** A record: the methods it declares, not its implicit accessors or toString(). */
@Async
public record Point(int x, int y) {
  public double distanceTo(Point other) {
    return Math.hypot(x - other.x, y - other.y);
  }

  @Override
  public String toString() {
    return "(" + x + ", " + y + ")";
  }
}
