package dev.asyncdsl.context.slf4j;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.asyncdsl.spi.ContextPropagator;
import java.util.Map;
import java.util.Objects;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

/**
 * Carries the caller's {@link MDC} map to the threads that run a twin call's work, and gives each
 * of those threads its own map back afterwards.
 *
 * <p>Registered with {@link java.util.ServiceLoader} by this jar, so adding the jar is all it
 * takes. It works with whatever SLF4J provider is bound (Logback, Log4j 2, reload4j).
 *
 * <p>What it costs per call. Through SLF4J's API every read of the MDC is a copy of the map: the
 * capture is {@link MDC#getCopyOfContextMap()}'s copy, kept as it is (never written after, so the
 * call's threads may share it), and restoring hands it to {@link MDC#setContextMap}, which copies
 * it again. With Logback (its {@code LogbackMDCAdapter}, 1.3.8 and later), a read copies nothing
 * unless the MDC changed since the last read: Logback keeps, per thread, a read-only copy of the
 * map that it replaces (never changes) when the MDC changes, and makes only when it is read after a
 * change. The capture is that map; a thread that holds the very map it is given (an inline
 * executor, a call run on the caller's own thread) is left as it is, and only a thread that holds
 * another map is given a copy. An empty MDC is {@code null} on both sides: a caller with no MDC
 * captures nothing, and a thread with none is cleared afterwards.
 */
public final class MdcPropagator
    implements ContextPropagator<Map<String, String>, Map<String, String>> {
  /** How the bound adapter is read and written. */
  private final Maps maps;

  /** Creates the propagator; {@link java.util.ServiceLoader} does, or register one in code. */
  public MdcPropagator() {
    this(MDC.getMDCAdapter());
  }

  /** A propagator for {@code adapter}, the one SLF4J has bound (a test's own, too). */
  MdcPropagator(MDCAdapter adapter) {
    this.maps = Maps.of(Objects.requireNonNull(adapter, "adapter"));
  }

  /**
   * The current thread's MDC.
   *
   * @return the map, not to be changed, or {@code null} if the MDC is empty
   */
  @Override
  public Map<String, String> capture() {
    return orNull(maps.current());
  }

  /**
   * Makes {@code captured} the current thread's MDC (clears it for {@code null}).
   *
   * @param captured what {@link #capture()} returned, or {@code null} for an empty MDC
   * @return the map the thread held, or {@code null} if it held none
   */
  @Override
  public Map<String, String> restore(Map<String, String> captured) {
    Map<String, String> previous = orNull(maps.current());
    if (captured != null) {
      if (!maps.holds(captured)) {
        maps.set(captured);
      }
    } else if (previous != null) {
      maps.clear();
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
    if (previous == null) {
      maps.clear();
    } else if (!maps.holds(previous)) {
      maps.set(previous);
    }
  }

  private static Map<String, String> orNull(Map<String, String> map) {
    return map == null || map.isEmpty() ? null : map;
  }

  @Override
  public String toString() {
    return "MdcPropagator(" + maps + ")";
  }

  /** Reads and writes the MDC of the current thread through one adapter. */
  private abstract static class Maps {
    final MDCAdapter adapter;

    Maps(MDCAdapter adapter) {
      this.adapter = adapter;
    }

    /**
     * Logback's own reads when Logback is bound (its classes are loaded only then), SLF4J's API's
     * for any other provider.
     */
    static Maps of(MDCAdapter adapter) {
      if (adapter.getClass().getName().equals("ch.qos.logback.classic.util.LogbackMDCAdapter")) {
        try {
          return new Logback(adapter);
        } catch (LinkageError | ClassCastException otherLoader) {
          // Logback seen through another class loader than this jar's: the API's way works too.
        }
      }
      return new Copies(adapter);
    }

    /** The thread's map, never changed afterwards; null or empty for none. */
    abstract Map<String, String> current();

    /** Whether the thread's map is {@code map} itself. */
    abstract boolean holds(Map<String, String> map);

    final void set(Map<String, String> map) {
      adapter.setContextMap(map);
    }

    final void clear() {
      adapter.clear();
    }
  }

  /** Any SLF4J provider: a read is a copy, so no map is ever the thread's own. */
  private static final class Copies extends Maps {
    Copies(MDCAdapter adapter) {
      super(adapter);
    }

    @Override
    Map<String, String> current() {
      return adapter.getCopyOfContextMap();
    }

    @Override
    boolean holds(Map<String, String> map) {
      return false;
    }

    @Override
    public String toString() {
      return "copies through " + adapter.getClass().getName();
    }
  }

  /** Logback: its read-only map of the thread, replaced (never changed) when the MDC changes. */
  private static final class Logback extends Maps {
    private final LogbackMDCAdapter logback;

    Logback(MDCAdapter adapter) {
      super(adapter);
      this.logback = (LogbackMDCAdapter) adapter;
    }

    @Override
    Map<String, String> current() {
      return logback.getPropertyMap();
    }

    @Override
    boolean holds(Map<String, String> map) {
      return logback.getPropertyMap() == map;
    }

    @Override
    public String toString() {
      return "Logback's read-only maps";
    }
  }
}
