package dev.asyncdsl.micrometer;

import dev.asyncdsl.spi.CallListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records the calls of every twin in a Micrometer {@link MeterRegistry}, with the meters of
 * MicroProfile Fault Tolerance as SmallRye Fault Tolerance registers them in Micrometer: the same
 * names, tags, tag values, meter types and units, so the dashboards and alerts made for SmallRye
 * (or Quarkus) work unchanged.
 *
 * <pre>{@code
 * AsyncMetrics metrics = new AsyncMetrics();
 * metrics.bindTo(registry);   // every twin's calls from now on
 * ...
 * metrics.close();            // stops recording
 * }</pre>
 *
 * <p><b>The meters</b>, each tagged {@code method} with the method's class (its canonical name, as
 * SmallRye writes it: {@code com.example.Outer.Inner} for a nested class) and name, e.g. {@code
 * com.example.Forecasts.celsius}:
 *
 * <ul>
 *   <li>Every method, plain {@code @Async} ones too: {@code ft.invocations.total} (counter; {@code
 *       result} = {@code valueReturned}|{@code exceptionThrown}, {@code fallback} = {@code
 *       applied}|{@code notApplied}|{@code notDefined}), once per call. A timed-out or cancelled
 *       call threw.
 *   <li>{@code @Retry}: {@code ft.retry.calls.total} (counter; {@code retried} = {@code
 *       true}|{@code false}, {@code retryResult} = {@code valueReturned}|{@code
 *       exceptionNotRetryable}|{@code maxRetriesReached}|{@code maxDurationReached}), once per
 *       call; {@code ft.retry.retries.total} (counter), once per retry.
 *   <li>{@code @Timeout}: {@code ft.timeout.calls.total} (counter; {@code timedOut} = {@code
 *       true}|{@code false}) and {@code ft.timeout.executionDuration} (timer), once per attempt.
 *   <li>{@code @CircuitBreaker}: {@code ft.circuitbreaker.calls.total} (counter; {@code
 *       circuitBreakerResult} = {@code success}|{@code failure}|{@code circuitBreakerOpen}), once
 *       per attempt; {@code ft.circuitbreaker.opened.total} (counter), each time the circuit opens;
 *       {@code ft.circuitbreaker.state.current} (gauge, 1 for the state the circuit is in, else 0)
 *       and {@code ft.circuitbreaker.state.total} (time gauge, the time spent in each state), both
 *       with {@code state} = {@code closed}|{@code open}|{@code halfOpen}.
 *   <li>{@code @Bulkhead}: {@code ft.bulkhead.calls.total} (counter; {@code bulkheadResult} =
 *       {@code accepted}|{@code rejected}), once per attempt, accepted when it takes a slot or a
 *       place in the queue; {@code ft.bulkhead.executionsRunning} and {@code
 *       ft.bulkhead.executionsWaiting} (gauges); {@code ft.bulkhead.runningDuration} (timer, how
 *       long an attempt held its slot) and {@code ft.bulkhead.waitingDuration} (timer, how long an
 *       accepted attempt waited for it, 0 when it did not).
 * </ul>
 *
 * Timers and time gauges record nanoseconds; registries show them in their base unit (seconds for
 * Prometheus). A method's meters are registered the first time it is called, every tag combination
 * at once (the counters at zero), as SmallRye does; only calls that name their method are seen
 * (every twin's, and those made with an {@link dev.asyncdsl.AsyncMethod}). The policies' meters
 * follow the method's {@link dev.asyncdsl.FaultTolerance}, as listeners are told it; a method whose
 * only policy is a {@code Timeout} has its timeout's meters too.
 *
 * <p><b>Twins with state of their own</b> ({@link dev.asyncdsl.FaultTolerance#withOwnState()})
 * share their method's tags: their calls add up with the method's in the counters and timers, and
 * the gauges read the method's shared circuit and bulkhead, not the copies'.
 *
 * <p><b>Cost.</b> A call looks its method's meters up once, where they are all resolved, and builds
 * no tags. A call without a fallback allocates nothing here; one with a fallback, 16 bytes. The
 * gauges are read from the policies at scrape time and hold them weakly.
 *
 * <p>Each registry bound gets every call, so binding two registries records into each; bind one
 * {@code AsyncMetrics} per registry (two would count each call twice). Thread-safe.
 */
public final class AsyncMetrics implements MeterBinder, AutoCloseable {
  /** The listener of each registry bound; guarded by this. */
  private final Map<MeterRegistry, Recorder> recorders = new IdentityHashMap<>();

  private boolean closed;

  /** Records into nothing until {@link #bindTo bound} to a registry. */
  public AsyncMetrics() {}

  /**
   * Starts recording every call started from now on into {@code registry}. Binding a registry that
   * is bound already does nothing.
   *
   * @param registry where to record
   * @throws IllegalStateException once closed
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("AsyncMetrics is closed");
      }
      if (recorders.containsKey(registry)) {
        return;
      }
      Recorder recorder = new Recorder(registry);
      recorders.put(registry, recorder);
      CallListener.register(recorder);
    }
  }

  /**
   * Stops recording: calls started from now on are not recorded (those under way are, to their end)
   * and the gauges, which read the policies, are removed from the registries. The counters and
   * timers stay in the registries with their counts. Closing twice does nothing.
   */
  @Override
  public void close() {
    List<Recorder> bound;
    synchronized (this) {
      closed = true;
      bound = new ArrayList<>(recorders.values());
      recorders.clear();
    }
    for (Recorder recorder : bound) {
      CallListener.unregister(recorder);
      recorder.close();
    }
  }
}
