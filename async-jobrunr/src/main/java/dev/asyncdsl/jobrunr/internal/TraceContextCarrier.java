package dev.asyncdsl.jobrunr.internal;

import dev.asyncdsl.jobrunr.DurableContext;
import dev.asyncdsl.jobrunr.spi.DurableContextCarrier;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Map;

/**
 * Carries OpenTelemetry's current span as W3C trace context ({@code traceparent}, {@code
 * tracestate}): the job's work in the worker is part of the caller's trace. Loaded only when
 * OpenTelemetry's API is on the class path.
 */
final class TraceContextCarrier implements DurableContextCarrier {
  static final String TRACEPARENT = "traceparent";

  // keys() is deprecated in the API but still abstract: every getter must implement it.
  @SuppressWarnings("deprecation")
  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  @Override
  public void capture(Map<String, String> into) {
    W3CTraceContextPropagator.getInstance().inject(Context.current(), into, Map::put);
  }

  @Override
  public DurableContext.Scope restore(Map<String, String> entries) {
    if (!entries.containsKey(TRACEPARENT)) {
      return () -> {};
    }
    Context context =
        W3CTraceContextPropagator.getInstance().extract(Context.current(), entries, GETTER);
    Scope scope = context.makeCurrent();
    return scope::close;
  }
}
