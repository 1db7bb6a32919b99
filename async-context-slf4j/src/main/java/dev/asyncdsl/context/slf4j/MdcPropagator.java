package dev.asyncdsl.context.slf4j;

import dev.asyncdsl.spi.ContextPropagator;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Carries the caller's {@link MDC} map to the threads that run a twin call's work, and gives each
 * of those threads its own map back afterwards.
 *
 * <p>Registered with {@link java.util.ServiceLoader} by this jar, so adding the jar is all it
 * takes. It works with whatever SLF4J provider is bound (Logback, Log4j 2, reload4j), through the
 * MDC's public API only.
 *
 * <p>What it costs per call is what SLF4J's API allows at the least. The capture is the map's copy
 * that {@link MDC#getCopyOfContextMap()} already makes, kept as it is: never written after, so the
 * call's threads may share it. Restoring hands that copy to {@link MDC#setContextMap}, which takes
 * a copy of its own (Logback's does), so the work may change its MDC without touching the capture.
 * An empty MDC is {@code null} on both sides: a caller with no MDC captures nothing, and a thread
 * with none is cleared afterwards (Logback's {@code clear} only drops its map) rather than given an
 * empty map; when neither side has any, restoring changes nothing.
 */
public final class MdcPropagator
    implements ContextPropagator<Map<String, String>, Map<String, String>> {
  /** Creates the propagator; {@link java.util.ServiceLoader} does, or register one in code. */
  public MdcPropagator() {}

  /**
   * The current thread's MDC.
   *
   * @return a copy of the MDC map, not to be changed, or {@code null} if the MDC is empty
   */
  @Override
  public Map<String, String> capture() {
    return orNull(MDC.getCopyOfContextMap());
  }

  /**
   * Makes {@code captured} the current thread's MDC (clears it for {@code null}).
   *
   * @param captured what {@link #capture()} returned, or {@code null} for an empty MDC
   * @return a copy of the map the thread held, or {@code null} if it held none
   */
  @Override
  public Map<String, String> restore(Map<String, String> captured) {
    Map<String, String> previous = orNull(MDC.getCopyOfContextMap());
    if (captured != null) {
      MDC.setContextMap(captured);
    } else if (previous != null) {
      MDC.clear();
    }
    return previous;
  }

  /**
   * Gives the current thread back the MDC it held before {@link #restore}, whatever the work put in
   * it meanwhile.
   *
   * @param previous what {@link #restore} returned: the map to put back, or {@code null} to clear
   */
  @Override
  public void reset(Map<String, String> previous) {
    if (previous != null) {
      MDC.setContextMap(previous);
    } else {
      MDC.clear();
    }
  }

  private static Map<String, String> orNull(Map<String, String> map) {
    return map == null || map.isEmpty() ? null : map;
  }

  @Override
  public String toString() {
    return "MdcPropagator";
  }
}
