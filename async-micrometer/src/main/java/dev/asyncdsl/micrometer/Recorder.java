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
 * <p>A call costs one look-up of its method's {@link MethodMeters} (a twin passes the same {@link
 * AsyncMethod} constant every time, found by identity before {@code equals}) and returns the
 * method's shared observer, or, with a fallback, a 16-byte {@link FallbackCall}.
 */
final class Recorder implements CallListener {
  private final MeterRegistry registry;
  private final ConcurrentHashMap<AsyncMethod, MethodMeters> methods = new ConcurrentHashMap<>();

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
    MethodMeters meters = methods.get(method);
    return meters != null
        ? meters
        : methods.computeIfAbsent(method, named -> new MethodMeters(this, registry, named));
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
