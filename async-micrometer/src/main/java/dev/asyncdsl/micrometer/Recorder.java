package dev.asyncdsl.micrometer;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.FaultTolerance.CircuitState;
import dev.asyncdsl.spi.CallListener;
import dev.asyncdsl.spi.CallObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every call in one registry: the listener an {@link AsyncMetrics} registers per registry
 * it is bound to. Equal only to itself, so two registries are two listeners.
 *
 * <p>A call costs one look-up of its method's {@link MethodMeters} and returns the method's shared
 * observer, or, with a fallback, a 16-byte {@link FallbackCall}. A twin passes the same {@link
 * AsyncMethod} constant with every call, so the look-up is by identity first ({@link Identities}),
 * which allocates nothing; {@code AsyncMethod.hashCode()} allocates its varargs array on every
 * call, so the map by equality is only read the first time an instance is seen.
 */
final class Recorder implements CallListener {
  private final MeterRegistry registry;

  /** The meters of each method, by equality: two descriptions of one method share them. */
  private final ConcurrentHashMap<AsyncMethod, MethodMeters> methods = new ConcurrentHashMap<>();

  /** The same, by the identity of the descriptions seen: what a call reads. */
  private final Identities identities = new Identities();

  /**
   * Set by {@link #close()} before it closes the methods' meters: a method first seen after that
   * registers no gauges (it sets its entry, then reads this; close sets this, then reads the
   * entries; one of the two sees the other).
   */
  private volatile boolean closed;

  Recorder(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public CallObserver callStarted(AsyncMethod method, FaultTolerance policies, boolean fallback) {
    return meters(method).observe(policies, fallback);
  }

  /**
   * Counts {@code ft.circuitbreaker.opened.total}: every move to open, from closed or half-open.
   */
  @Override
  public void circuitChanged(FaultTolerance policies, CircuitState from, CircuitState to) {
    if (to == CircuitState.OPEN) {
      meters(policies.asyncMethod()).circuitOpened(policies);
    }
  }

  private MethodMeters meters(AsyncMethod method) {
    MethodMeters meters = identities.get(method);
    if (meters == null) {
      meters = methods.computeIfAbsent(method, named -> new MethodMeters(this, registry, named));
      identities.put(method, meters);
    }
    return meters;
  }

  /** Whether {@link #close()} has been called. */
  boolean isClosed() {
    return closed;
  }

  /** Removes the gauges, which read the policies; the counters and timers stay. */
  void close() {
    closed = true;
    for (MethodMeters meters : methods.values()) {
      meters.close();
    }
  }
}
