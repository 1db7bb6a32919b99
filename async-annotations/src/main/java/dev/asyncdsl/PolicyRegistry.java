package dev.asyncdsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every method's fault-tolerance policies in use in this JVM, by the method's name as twins write
 * it ({@code "Mirror.celsius(String)"}): to read a circuit (its state, its window, how often it
 * opened) and a bulkhead, to observe a circuit's transitions, and to reset a circuit, from a health
 * check, an admin endpoint or a test. SmallRye's {@code CircuitBreakerMaintenance} and
 * Resilience4j's {@code CircuitBreakerRegistry} are the models.
 *
 * <p>A twin's policies are listed once its class is initialized (their constants are made then);
 * the copies with state of their own that twins made with {@link FaultTolerance.StateScope#TWIN}
 * keep are listed apart ({@link #ownStateCopies}). Entries are held weakly: a policy nobody refers
 * to any more (a twin's own copy, one built by hand per request) is listed until it is
 * garbage-collected.
 *
 * <p>A name is the one twins write, with the class's simple name: two classes of the same simple
 * name in different packages with a method of the same name and parameters share it, and {@link
 * #policies(String)} returns the policies of both, as it returns those built by hand under that
 * name.
 *
 * <pre>{@code
 * for (FaultTolerance policy : PolicyRegistry.policies()) {
 *   System.out.println(policy.method() + ": " + policy.circuitState());
 * }
 * PolicyRegistry.policies("Mirror.celsius(String)").forEach(FaultTolerance::resetCircuit);
 * }</pre>
 */
public final class PolicyRegistry {
  private PolicyRegistry() {}

  /**
   * The policies of every method, those twins share: one per twin method, and every policy built by
   * hand (not yet garbage-collected). Sorted by method name, then in the order they were made.
   *
   * @return a snapshot of the list
   */
  public static List<FaultTolerance> policies() {
    return select(null, false);
  }

  /**
   * The shared policies of the method named {@code method}: of every class of that simple name (see
   * the class's description), and those built by hand under that name.
   *
   * @param method the method as twins name it, e.g. {@code "Mirror.celsius(String)"}
   * @return a snapshot, empty if no such method's policies are in use
   */
  public static List<FaultTolerance> policies(String method) {
    return select(Objects.requireNonNull(method, "method"), false);
  }

  /**
   * The copies with state of their own that twins of {@code method} keep ({@link
   * FaultTolerance#withOwnState()}), until they are garbage-collected.
   *
   * @param method the method as twins name it
   * @return a snapshot, in the order they were made
   */
  public static List<FaultTolerance> ownStateCopies(String method) {
    return select(Objects.requireNonNull(method, "method"), true);
  }

  /**
   * Resets every circuit, shared and own ({@link FaultTolerance#resetCircuit()}).
   *
   * @return how many circuits were reset
   */
  public static int resetAllCircuits() {
    int reset = 0;
    for (FaultTolerance policy : FaultTolerance.Registered.all()) {
      if (policy.hasCircuitBreaker()) {
        policy.resetCircuit();
        reset++;
      }
    }
    return reset;
  }

  private static List<FaultTolerance> select(String method, boolean ownState) {
    List<FaultTolerance> selected = new ArrayList<>();
    for (FaultTolerance policy : FaultTolerance.Registered.all()) {
      if (policy.hasOwnState() == ownState && (method == null || method.equals(policy.method()))) {
        selected.add(policy);
      }
    }
    return selected;
  }
}
