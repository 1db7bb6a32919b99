package dev.asyncdsl.micrometer;

import static dev.asyncdsl.micrometer.MeterNames.BULKHEAD_EXECUTIONS_RUNNING;
import static dev.asyncdsl.micrometer.MeterNames.BULKHEAD_EXECUTIONS_WAITING;
import static dev.asyncdsl.micrometer.MeterNames.CIRCUIT_BREAKER_STATE_CURRENT;
import static dev.asyncdsl.micrometer.MeterNames.CIRCUIT_BREAKER_STATE_TOTAL;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.FaultTolerance.CircuitState;
import dev.asyncdsl.PolicyRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gauges of one method's circuit and bulkhead in one registry: {@code
 * ft.circuitbreaker.state.current}, {@code ft.circuitbreaker.state.total}, {@code
 * ft.bulkhead.executionsRunning} and {@code ft.bulkhead.executionsWaiting}, read from the method's
 * policies when the registry is scraped; nothing is counted per call.
 *
 * <p>They read the method's shared policies (a twin's constant), held weakly, so metrics never keep
 * policies alive: if those are collected the gauges read {@code NaN} until a call with the method's
 * policies starts again and they follow those. A twin's copy with state of its own ({@link
 * FaultTolerance#withOwnState()}) shares the method's tags but not its circuit or its bulkhead; the
 * gauges stay with the shared policies, found with {@link PolicyRegistry}, and follow a copy only
 * when no shared policies of the method are in use.
 *
 * <p>Micrometer holds this object weakly behind each gauge; its {@link MethodMeters} holds it
 * strongly for as long as the registry is bound.
 */
final class PolicyGauges {
  private static final WeakReference<FaultTolerance> NONE = new WeakReference<>(null);

  private final AsyncMethod method;
  private final Tag methodTag;

  /** The policies read. */
  private volatile WeakReference<FaultTolerance> target = NONE;

  // Guarded by the MethodMeters that owns this.
  private final List<Meter> registered = new ArrayList<>();
  private boolean circuit;
  private boolean bulkhead;

  PolicyGauges(AsyncMethod method, Tag methodTag) {
    this.method = method;
    this.methodTag = methodTag;
  }

  /**
   * A call of the method with {@code policies} starts: the gauges read them if they read nothing
   * (yet, or any more), or read a twin's own copy while these are the method's shared policies.
   * Once they read the shared policies, this is one read and one comparison.
   */
  void follow(FaultTolerance policies) {
    FaultTolerance current = target.get();
    if (current == policies) {
      return;
    }
    if (current == null) {
      target = new WeakReference<>(policies.hasOwnState() ? sharedOr(policies) : policies);
    } else if (current.hasOwnState() && !policies.hasOwnState()) {
      target = new WeakReference<>(policies);
    }
  }

  /** The method's shared policies in use, or {@code copy} if there are none. */
  private FaultTolerance sharedOr(FaultTolerance copy) {
    for (FaultTolerance shared : PolicyRegistry.policies(copy.method())) {
      if (method.equals(shared.asyncMethod())) {
        return shared;
      }
    }
    return copy;
  }

  /**
   * Registers the circuit's gauges, or the bulkhead's, or both, unless they are already.
   *
   * @param registry where
   * @param withCircuit the circuit's
   * @param withBulkhead the bulkhead's
   */
  void register(MeterRegistry registry, boolean withCircuit, boolean withBulkhead) {
    if (withCircuit && !circuit) {
      circuit = true;
      for (CircuitState state : CircuitState.values()) {
        Tag stateTag = MeterNames.circuitState(state);
        registered.add(
            Gauge.builder(CIRCUIT_BREAKER_STATE_CURRENT, this, g -> g.isIn(state))
                .tags(List.of(methodTag, stateTag))
                .register(registry));
        registered.add(
            TimeGauge.builder(
                    CIRCUIT_BREAKER_STATE_TOTAL, this, TimeUnit.NANOSECONDS, g -> g.nanosIn(state))
                .tags(List.of(methodTag, stateTag))
                .register(registry));
      }
    }
    if (withBulkhead && !bulkhead) {
      bulkhead = true;
      registered.add(
          Gauge.builder(BULKHEAD_EXECUTIONS_RUNNING, this, PolicyGauges::running)
              .tags(List.of(methodTag))
              .register(registry));
      registered.add(
          Gauge.builder(BULKHEAD_EXECUTIONS_WAITING, this, PolicyGauges::waiting)
              .tags(List.of(methodTag))
              .register(registry));
    }
  }

  /** Removes the gauges registered from {@code registry}. */
  void removeFrom(MeterRegistry registry) {
    for (Meter gauge : registered) {
      registry.remove(gauge);
    }
    registered.clear();
    circuit = false;
    bulkhead = false;
  }

  private double isIn(CircuitState state) {
    FaultTolerance policies = target.get();
    return policies == null ? Double.NaN : policies.circuitState() == state ? 1 : 0;
  }

  private double nanosIn(CircuitState state) {
    FaultTolerance policies = target.get();
    return policies == null ? Double.NaN : policies.circuitNanosIn(state);
  }

  private double running() {
    FaultTolerance policies = target.get();
    return policies == null ? Double.NaN : policies.bulkheadRunning();
  }

  private double waiting() {
    FaultTolerance policies = target.get();
    return policies == null ? Double.NaN : policies.bulkheadWaiting();
  }
}
