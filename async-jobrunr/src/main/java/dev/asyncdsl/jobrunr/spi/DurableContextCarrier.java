package dev.asyncdsl.jobrunr.spi;

import dev.asyncdsl.jobrunr.DurableContext;
import java.util.Map;

/**
 * Carries one kind of thread-bound context (a tenant, a locale, a trace of another kind) from the
 * thread that enqueues a durable job to the worker thread that runs it, possibly in another
 * process: as strings, stored with the job.
 *
 * <p>Found with {@link java.util.ServiceLoader} (a {@code
 * META-INF/services/dev.asyncdsl.jobrunr.spi.DurableContextCarrier} file), once, the first time a
 * context is captured or restored, with that thread's context class loader. The MDC and, when
 * OpenTelemetry's API is present, the W3C trace context are carried without one.
 */
public interface DurableContextCarrier {
  /**
   * Puts the current thread's context into {@code into}, under keys this carrier owns (prefix them:
   * every carrier writes into the same map). It must not change the thread.
   *
   * @param into where the captured entries go
   */
  void capture(Map<String, String> into);

  /**
   * Makes the context in {@code entries} the current thread's; the returned scope puts back what
   * the thread held. Called in the worker, around the job's method, with every entry of the job's
   * context (this carrier reads its own keys and ignores the rest).
   *
   * @param entries the job's context
   * @return the scope that puts the thread back
   */
  DurableContext.Scope restore(Map<String, String> entries);
}
