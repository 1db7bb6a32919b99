package dev.asyncdsl.internal.config;

import java.util.Locale;

/**
 * A policy annotation, as MicroProfile's keys ({@code Retry}) and SmallRye's ({@code retry}) name
 * it.
 */
public enum Policy {
  /** {@code @Timeout}. */
  TIMEOUT("Timeout", "timeout"),
  /** {@code @Retry}. */
  RETRY("Retry", "retry"),
  /** {@code @CircuitBreaker}. */
  CIRCUIT_BREAKER("CircuitBreaker", "circuit-breaker"),
  /** {@code @Bulkhead}. */
  BULKHEAD("Bulkhead", "bulkhead"),
  /** {@code @Fallback}. */
  FALLBACK("Fallback", "fallback");

  private final String annotation;
  private final String kebab;

  Policy(String annotation, String kebab) {
    this.annotation = annotation;
    this.kebab = kebab;
  }

  /**
   * The annotation's simple name, MicroProfile's spelling.
   *
   * @return e.g. {@code CircuitBreaker}
   */
  public String annotation() {
    return annotation;
  }

  /**
   * SmallRye's spelling.
   *
   * @return e.g. {@code circuit-breaker}
   */
  public String kebab() {
    return kebab;
  }

  /**
   * The policy whose annotation is named {@code name}.
   *
   * @param name e.g. {@code Retry}
   * @return the policy, or null
   */
  public static Policy byAnnotation(String name) {
    for (Policy policy : values()) {
      if (policy.annotation.equals(name)) {
        return policy;
      }
    }
    return null;
  }

  /**
   * The policy SmallRye names {@code name}.
   *
   * @param name e.g. {@code circuit-breaker}
   * @return the policy, or null
   */
  public static Policy byKebab(String name) {
    for (Policy policy : values()) {
      if (policy.kebab.equals(name)) {
        return policy;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return annotation.toLowerCase(Locale.ROOT);
  }
}
