package dev.asyncdsl.spring.boot;

import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.PolicyConfig;
import dev.asyncdsl.PolicyRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The Actuator endpoint {@code asyncdsl}: the context's twin beans, and every method's policies in
 * {@link PolicyRegistry} with their effective values (and where each came from) and circuit state;
 * a write resets a method's circuits.
 */
@Endpoint(id = "asyncdsl")
final class PolicyEndpoint {
  private final TwinRegistrar.TwinCatalog catalog;

  PolicyEndpoint(TwinRegistrar.TwinCatalog catalog) {
    this.catalog = catalog;
  }

  /** The twin beans and every method's policies. */
  @ReadOperation
  public Map<String, Object> policies() {
    List<Map<String, Object>> twins = new ArrayList<>();
    for (TwinRegistrar.TwinCatalog.Entry entry : catalog.entries()) {
      Map<String, Object> twin = new LinkedHashMap<>();
      twin.put("bean", entry.name());
      twin.put("target", entry.target());
      twin.put("twin", entry.twin().getName());
      twins.add(twin);
    }
    Map<String, Object> methods = new TreeMap<>();
    for (FaultTolerance policy : PolicyRegistry.policies()) {
      methods.putIfAbsent(policy.method(), describe(policy));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("twins", twins);
    body.put("methods", methods);
    return body;
  }

  /** One method's policies, or null (404) when none is registered under that name. */
  @ReadOperation
  public Map<String, Object> method(@Selector String method) {
    List<FaultTolerance> policies = PolicyRegistry.policies(method);
    return policies.isEmpty() ? null : describe(policies.get(0));
  }

  /** Closes the circuits of a method ({@link FaultTolerance#resetCircuit()}). */
  @WriteOperation
  public Map<String, Object> resetCircuit(@Selector String method) {
    int reset = 0;
    for (FaultTolerance policy : PolicyRegistry.policies(method)) {
      if (policy.hasCircuitBreaker()) {
        policy.resetCircuit();
        reset++;
      }
    }
    return Map.of("method", method, "circuitsReset", reset);
  }

  private static Map<String, Object> describe(FaultTolerance policy) {
    Map<String, Object> described = new LinkedHashMap<>();
    if (policy.hasCircuitBreaker()) {
      described.put("circuitState", policy.circuitState().name());
      described.put("circuitOpenedCount", policy.circuitOpenedCount());
    }
    if (policy.hasBulkhead()) {
      described.put("bulkheadRunning", policy.bulkheadRunning());
      described.put("bulkheadWaiting", policy.bulkheadWaiting());
    }
    List<Map<String, Object>> values = new ArrayList<>();
    for (PolicyConfig.EffectiveValue value : policy.effectiveValues()) {
      Map<String, Object> effective = new LinkedHashMap<>();
      effective.put("policy", value.policy());
      effective.put("member", value.member());
      effective.put("value", value.value());
      effective.put("origin", value.origin().name());
      if (value.key() != null) {
        effective.put("key", value.key());
      }
      values.add(effective);
    }
    described.put("effectiveValues", values);
    return described;
  }
}
