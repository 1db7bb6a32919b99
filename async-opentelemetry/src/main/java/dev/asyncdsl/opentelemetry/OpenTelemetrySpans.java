package dev.asyncdsl.opentelemetry;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;

/**
 * The switch of the spans {@link OpenTelemetryCallListener} records, and where it takes its tracer
 * from. Spans are on unless the system property {@value #PROPERTY} is {@code false} when this class
 * is first used, or {@link #disable()} turns them off; either way the caller's context still
 * travels into every call ({@link OpenTelemetryContextPropagator} does not depend on the switch).
 *
 * <p>The tracer comes from {@link GlobalOpenTelemetry#getOrNoop()}, asked again at every call, so
 * an application that sets {@code GlobalOpenTelemetry} after start-up gets spans from then on, and
 * the Java agent's is used when it runs. It is never asked through {@link
 * GlobalOpenTelemetry#get()}, which would set the global to a no-op that a later {@code set} could
 * no longer replace. An application that keeps its {@link OpenTelemetry} out of the global (Spring
 * Boot does) hands it over with {@link #useOpenTelemetry}.
 */
public final class OpenTelemetrySpans {
  /** The system property that turns the spans off at start-up when {@code false}. */
  public static final String PROPERTY = "dev.asyncdsl.opentelemetry.spans";

  private static volatile boolean enabled = enabledBy(System.getProperty(PROPERTY));

  /** The instance given with {@link #useOpenTelemetry}, or null for the global one. */
  private static volatile OpenTelemetry given;

  /**
   * Whether the API can read the global instance without setting it: {@code getOrNoop} is newer
   * than the API 1.49 that Spring Boot 3.5 manages. With an older API the global is not read, since
   * {@code get()} would fix it to a no-op; only the instance handed with {@link #useOpenTelemetry}
   * records spans, and the context travels all the same.
   */
  private static volatile boolean globalReadable = true;

  private OpenTelemetrySpans() {}

  /**
   * Turns the spans off for the calls started from now on; calls under way still end theirs. The
   * caller's context still travels into every call.
   */
  public static void disable() {
    enabled = false;
  }

  /** Turns the spans on for the calls started from now on (they are on unless turned off). */
  public static void enable() {
    enabled = true;
  }

  /**
   * Whether calls started now record spans.
   *
   * @return false once {@link #disable()} was called, or when {@value #PROPERTY} was {@code false}
   *     at start-up (and {@link #enable()} was not called since)
   */
  public static boolean enabled() {
    return enabled;
  }

  /**
   * Takes the tracer from {@code openTelemetry} rather than from {@link GlobalOpenTelemetry}, for
   * the calls started from now on; {@code null} goes back to the global one.
   *
   * @param openTelemetry the instance to record spans with, or {@code null}
   */
  public static void useOpenTelemetry(OpenTelemetry openTelemetry) {
    given = openTelemetry;
  }

  /**
   * Whether the system property's value leaves the spans on: anything but {@code false}.
   *
   * @param property the value of {@value #PROPERTY}, or null if it is not set
   * @return false for {@code false} in any case
   */
  static boolean enabledBy(String property) {
    return !"false".equalsIgnoreCase(property == null ? null : property.trim());
  }

  /**
   * The instance to take the tracer from now: the one given, else the global one, or the no-op.
   *
   * @return never null
   */
  static OpenTelemetry openTelemetry() {
    OpenTelemetry own = given;
    if (own != null) {
      return own;
    }
    if (globalReadable) {
      try {
        return GlobalOpenTelemetry.getOrNoop();
      } catch (NoSuchMethodError olderApi) {
        globalReadable = false;
      }
    }
    return OpenTelemetry.noop();
  }
}
