package dev.asyncdsl.opentelemetry;

import dev.asyncdsl.Async;
import dev.asyncdsl.Timeout;
import io.opentelemetry.api.trace.Tracer;
import java.util.concurrent.TimeUnit;

/**
 * A class whose methods have no policy, a plain one and one with a timeout alone, in a class of
 * their own: their twin names them to the runtime with a constant of their own and with their
 * timeout.
 */
public class Plain {
  private final Tracer tracer;

  Plain(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Starts a span named {@code name}. */
  @Async
  public String plain(String name) {
    tracer.spanBuilder(name).startSpan().end();
    return name;
  }

  /** Starts a span named {@code name}, within a timeout far away. */
  @Async
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  public String timed(String name) {
    tracer.spanBuilder(name).startSpan().end();
    return name;
  }
}
