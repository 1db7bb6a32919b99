package dev.asyncdsl.it.shapes;

import dev.asyncdsl.Async;

/** An enum with @Async on the type: its own public methods, not values() or valueOf(). */
@Async
public enum Planet {
  MERCURY(3.303e+23, 2.4397e6),
  EARTH(5.976e+24, 6.37814e6);

  private final double mass;
  private final double radius;

  Planet(double mass, double radius) {
    this.mass = mass;
    this.radius = radius;
  }

  public double surfaceGravity() {
    return 6.67300E-11 * mass / (radius * radius);
  }
}
