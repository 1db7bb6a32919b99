package dev.asyncdsl.processor.model;

import java.util.List;

/**
 * What a twin tells the runtime of its class, so that configuration can override its policies
 * ({@code PolicyConfig.twin}): the name keys give the class, and each method with the policies it
 * carries, so that a key naming no method, or a policy the method does not carry, is reported.
 *
 * @param className the binary name of the user's type, e.g. {@code com.example.Outer$Inner}
 * @param methods every {@code @Async} method once, overloads together (they share their keys), in
 *     declaration order
 */
public record ConfigSpec(String className, List<Method> methods) {
  public ConfigSpec {
    methods = List.copyOf(methods);
  }

  /**
   * A method as keys name it.
   *
   * @param name its simple name
   * @param policies the simple names of the policy annotations it carries (its overloads'
   *     together), in the order {@code Timeout}, {@code Retry}, {@code CircuitBreaker}, {@code
   *     Bulkhead}, {@code Fallback}; empty when it carries none
   */
  public record Method(String name, List<String> policies) {
    public Method {
      policies = List.copyOf(policies);
    }
  }
}
