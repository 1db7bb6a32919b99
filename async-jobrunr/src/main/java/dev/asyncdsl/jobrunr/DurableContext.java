package dev.asyncdsl.jobrunr;

import dev.asyncdsl.jobrunr.internal.Carriers;
import java.util.Map;
import java.util.Objects;

/**
 * The caller's context that travels with a durable job: its logging MDC, its W3C trace context
 * ({@code traceparent}, {@code tracestate}) when OpenTelemetry is present, and what each {@link
 * dev.asyncdsl.jobrunr.spi.DurableContextCarrier} adds, as plain strings so that it is stored with
 * the job's arguments and read back on another machine.
 *
 * @param entries the context, by key (the MDC's keys start with {@code mdc.}); unmodifiable
 */
public record DurableContext(Map<String, String> entries) {
  private static final DurableContext EMPTY = new DurableContext(Map.of());

  /**
   * A context holding {@code entries}.
   *
   * @param entries the context, by key; copied
   */
  public DurableContext {
    entries = Map.copyOf(Objects.requireNonNull(entries, "entries"));
  }

  /**
   * Reads the current thread's context: its MDC, its trace when OpenTelemetry is present, and what
   * every carrier found with {@link java.util.ServiceLoader} captures.
   *
   * @return the context, or {@link #empty()} when the thread has none
   */
  public static DurableContext capture() {
    Map<String, String> captured = Carriers.capture();
    return captured.isEmpty() ? EMPTY : new DurableContext(captured);
  }

  /**
   * No context.
   *
   * @return the empty context
   */
  public static DurableContext empty() {
    return EMPTY;
  }

  /**
   * Makes this context the current thread's until the returned scope is closed, which puts back
   * what the thread held before.
   *
   * @return the scope to close on the same thread
   */
  public Scope restore() {
    return Carriers.restore(entries);
  }

  /** A restored context, closed on the thread that restored it. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    /** Puts back the thread's context as it was before the restore. */
    @Override
    void close();
  }
}
