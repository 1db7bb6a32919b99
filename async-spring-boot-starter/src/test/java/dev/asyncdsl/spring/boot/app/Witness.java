package dev.asyncdsl.spring.boot.app;

import dev.asyncdsl.Async;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.Span;
import org.slf4j.MDC;

/** Reports, from its body, the context a twin call brought to it. */
public class Witness {
  /** A thread-local of the application's own, registered with Micrometer's ContextRegistry. */
  public static final ThreadLocal<String> TENANT = new ThreadLocal<>();

  /** The value of {@code key} in the body's MDC. */
  @Async
  public String mdc(String key) {
    return MDC.get(key);
  }

  /** The body's {@link #TENANT}. */
  @Async
  public String tenant() {
    return TENANT.get();
  }

  /** The body's current observation in {@code registry}. */
  @Async
  public Observation observation(ObservationRegistry registry) {
    return registry.getCurrentObservation();
  }

  /** The span id of the body's current OpenTelemetry span. */
  @Async
  public String spanId() {
    return Span.current().getSpanContext().getSpanId();
  }
}
