package dev.asyncdsl.spring.boot;

import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.PolicyRegistry;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of every circuit breaker in {@link PolicyRegistry}, by method, for the health
 * contributors of Boot 3 and Boot 4: whether it is down (an open circuit, when the application says
 * open circuits count) and its details.
 *
 * @param down whether the health is down
 * @param details each method's circuit state, then the counts
 */
record CircuitReport(boolean down, Map<String, Object> details) {
  static CircuitReport now(boolean downWhenOpen) {
    Map<String, Object> circuits = new TreeMap<>();
    int open = 0;
    int halfOpen = 0;
    for (FaultTolerance policy : PolicyRegistry.policies()) {
      if (!policy.hasCircuitBreaker()) {
        continue;
      }
      FaultTolerance.CircuitState state = policy.circuitState();
      circuits.put(policy.method(), state.name());
      if (state == FaultTolerance.CircuitState.OPEN) {
        open++;
      } else if (state == FaultTolerance.CircuitState.HALF_OPEN) {
        halfOpen++;
      }
    }
    Map<String, Object> details = new TreeMap<>();
    details.put("circuits", circuits);
    details.put("open", open);
    details.put("halfOpen", halfOpen);
    return new CircuitReport(downWhenOpen && open > 0, details);
  }
}
