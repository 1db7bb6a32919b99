package dev.asyncdsl.jobrunr.internal;

import dev.asyncdsl.jobrunr.DurableContext;
import dev.asyncdsl.jobrunr.spi.DurableContextCarrier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The carriers of a durable job's context: the built-in ones, then those found as services. */
public final class Carriers {
  private Carriers() {}

  /** Read once, on first use: the class is initialised then. */
  private static final class Loaded {
    static final List<DurableContextCarrier> ALL = load();

    private static List<DurableContextCarrier> load() {
      List<DurableContextCarrier> carriers = new ArrayList<>();
      carriers.add(new MdcCarrier());
      if (openTelemetryPresent()) {
        carriers.add(new TraceContextCarrier());
      }
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      for (DurableContextCarrier carrier :
          ServiceLoader.load(DurableContextCarrier.class, loader)) {
        carriers.add(carrier);
      }
      return List.copyOf(carriers);
    }

    /**
     * Whether the trace carrier can load: asked here, by name, because initialising that class
     * without OpenTelemetry fails. The API and the context are two jars: an application may hold
     * one without the other.
     */
    private static boolean openTelemetryPresent() {
      ClassLoader loader = Carriers.class.getClassLoader();
      try {
        Class.forName(
            "io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator", false, loader);
        Class.forName("io.opentelemetry.context.propagation.TextMapGetter", false, loader);
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
  }

  /**
   * Captures the current thread's context with every carrier. A carrier that throws adds nothing
   * (not even what it wrote before throwing) and its failure goes to the thread's
   * uncaught-exception handler: a carrier's bug never fails the enqueue.
   *
   * @return the entries, empty when the thread has no context
   */
  public static Map<String, String> capture() {
    Map<String, String> entries = new HashMap<>();
    for (DurableContextCarrier carrier : Loaded.ALL) {
      Map<String, String> captured = new HashMap<>();
      try {
        carrier.capture(captured);
      } catch (RuntimeException e) {
        report(e);
        continue;
      }
      entries.putAll(captured);
    }
    return entries;
  }

  /**
   * Restores {@code entries} with every carrier; the scope puts them back in reverse order. A
   * carrier that throws, restoring or putting back, is left out and its failure goes to the
   * thread's uncaught-exception handler: a carrier's bug never fails the job, nor hides what the
   * job threw.
   *
   * @param entries a job's context
   * @return the scope to close on this thread
   */
  public static DurableContext.Scope restore(Map<String, String> entries) {
    List<DurableContext.Scope> scopes = new ArrayList<>(Loaded.ALL.size());
    for (DurableContextCarrier carrier : Loaded.ALL) {
      try {
        scopes.add(carrier.restore(entries));
      } catch (RuntimeException e) {
        report(e);
      }
    }
    return () -> closeAll(scopes);
  }

  private static void closeAll(List<DurableContext.Scope> scopes) {
    for (int i = scopes.size() - 1; i >= 0; i--) {
      try {
        scopes.get(i).close();
      } catch (RuntimeException e) {
        report(e);
      }
    }
  }

  private static void report(RuntimeException failure) {
    Thread thread = Thread.currentThread();
    thread.getUncaughtExceptionHandler().uncaughtException(thread, failure);
  }
}
