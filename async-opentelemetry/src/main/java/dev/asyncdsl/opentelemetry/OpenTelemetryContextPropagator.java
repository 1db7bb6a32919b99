package dev.asyncdsl.opentelemetry;

import dev.asyncdsl.spi.ContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Carries OpenTelemetry's current {@link Context} from the thread that calls a twin's method to its
 * body, every retry attempt, its fallback and the callbacks the runtime runs: a span started there
 * is a child of the caller's span, and the caller's baggage is there.
 *
 * <p>It is found with {@link java.util.ServiceLoader} (this jar's {@code
 * META-INF/services/dev.asyncdsl.spi.ContextPropagator}), so there is nothing to register. It works
 * the same with the OpenTelemetry Java agent, which puts the application's {@code Context} behind
 * its own, and with the SDK alone.
 *
 * <p>A capture is {@link Context#current()}, with the call's span in it when {@link
 * OpenTelemetryCallListener} has just started one on this thread; a restore {@linkplain
 * Context#makeCurrent() makes it current} and returns the {@link Scope}; a reset closes that scope,
 * which puts back the context the thread held before.
 *
 * <p>All instances are one propagator: registering another does nothing, and unregistering any
 * removes the one in use.
 */
public final class OpenTelemetryContextPropagator implements ContextPropagator<Context, Scope> {
  /**
   * Creates the propagator; {@link java.util.ServiceLoader} does, so there is no need to. Without
   * OpenTelemetry's API it fails here (a {@link NoClassDefFoundError}), so that the service loader
   * leaves it out, rather than at every call's capture.
   */
  public OpenTelemetryContextPropagator() {
    Context.root();
  }

  /**
   * The current thread's context: the caller's, with the span of the call that starts if {@link
   * OpenTelemetryCallListener} started one for it.
   *
   * @return {@link Context#current()}, or it with the call's span; never {@code null}
   */
  @Override
  public Context capture() {
    Context call = SpanHandoff.take();
    return call != null ? call : Context.current();
  }

  /**
   * Makes {@code captured} current on this thread.
   *
   * @param captured what {@link #capture()} returned; {@code null} stands for the root context
   * @return the scope that {@link #reset} closes
   */
  @Override
  public Scope restore(Context captured) {
    return (captured == null ? Context.root() : captured).makeCurrent();
  }

  /**
   * Closes the scope {@link #restore} opened: the thread holds the context it held before.
   *
   * @param previous what {@link #restore} returned
   */
  @Override
  public void reset(Scope previous) {
    if (previous != null) {
      previous.close();
    }
  }

  /**
   * All instances are equal: one carries what another would.
   *
   * @param other the object to compare with
   * @return whether it is an {@code OpenTelemetryContextPropagator}
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof OpenTelemetryContextPropagator;
  }

  @Override
  public int hashCode() {
    return OpenTelemetryContextPropagator.class.getName().hashCode();
  }

  @Override
  public String toString() {
    return "OpenTelemetryContextPropagator";
  }
}
