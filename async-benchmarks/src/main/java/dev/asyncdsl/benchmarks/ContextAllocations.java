package dev.asyncdsl.benchmarks;

import dev.asyncdsl.context.slf4j.MdcPropagator;
import dev.asyncdsl.internal.context.Propagation;
import dev.asyncdsl.spi.ContextPropagator;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * A diagnostic outside the report: where the bytes of carrying the MDC go, piece by piece, counted
 * exactly on the current thread with {@code ThreadMXBean.getCurrentThreadAllocatedBytes} over a
 * million operations after a warm-up, with logback's MDC and one key in it (as {@link
 * ContextOverhead}). Each line is one operation's bytes:
 *
 * <pre>
 * java -cp async-benchmarks/target/benchmarks.jar dev.asyncdsl.benchmarks.ContextAllocations
 * </pre>
 *
 * <ul>
 *   <li>logback's own: {@code MDC.getCopyOfContextMap()} while the MDC is unchanged (logback copies
 *       its cached read-only map) and right after a change (it first rebuilds that read-only map),
 *       {@code MDC.setContextMap(map)} (a copy);
 *   <li>{@link MdcPropagator}: its capture on the caller's thread; restore and reset on a thread
 *       with an empty MDC (a pool's or a new virtual thread: where the work runs on a real
 *       executor); restore and reset on the caller's own thread (the inline executor);
 *   <li>the runtime's {@link Propagation} around them: capture, restore and reset with the
 *       propagator registered, minus the propagator's own;
 *   <li>the twin's call on the inline executor without and with the propagator.
 * </ul>
 */
public final class ContextAllocations {
  private static final int OPS = 1_000_000;
  private static final Executor INLINE = Runnable::run;

  private ContextAllocations() {}

  private interface Op {
    void once();
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  static volatile Object sink;

  private static void measure(String what, Op op) {
    for (int i = 0; i < 3 * OPS; i++) {
      op.once();
    }
    long before = THREADS.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < OPS; i++) {
      op.once();
    }
    long bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
    System.out.printf("%7.1f B  %s%n", (double) bytes / OPS, what);
  }

  public static void main(String[] args) throws Exception {
    MDC.put(RequestScoped.KEY, RequestScoped.ID);
    Map<String, String> copy = MDC.getCopyOfContextMap();
    MdcPropagator mdc = new MdcPropagator();

    measure("MDC.getCopyOfContextMap(), MDC unchanged", () -> sink = MDC.getCopyOfContextMap());
    measure(
        "MDC.setContextMap(copy) + MDC.getCopyOfContextMap(): after a change",
        () -> {
          MDC.setContextMap(copy);
          sink = MDC.getCopyOfContextMap();
        });
    measure("MDC.setContextMap(copy)", () -> MDC.setContextMap(copy));
    MDC.setContextMap(copy);

    measure("MdcPropagator.capture(), caller's MDC unchanged", () -> sink = mdc.capture());
    measure(
        "MdcPropagator restore + reset, thread with an empty MDC",
        () -> {
          MDC.clear();
          mdc.reset(mdc.restore(copy));
        });
    MDC.setContextMap(copy);
    measure(
        "MdcPropagator capture + restore + reset on the caller's thread (inline)",
        () -> mdc.reset(mdc.restore(mdc.capture())));

    for (ContextPropagator<?, ?> p : ContextPropagator.registered()) {
      ContextPropagator.unregister(p);
    }
    ContextPropagator.register(mdc);
    measure("Propagation.capture()", () -> sink = Propagation.capture());
    Object[] snapshot = Propagation.capture();
    measure(
        "Propagation restore + reset, thread with an empty MDC",
        () -> {
          MDC.clear();
          Propagation.reset(snapshot, Propagation.restore(snapshot));
        });
    MDC.setContextMap(copy);
    measure(
        "Propagation capture + restore + reset on the caller's thread (inline)",
        () -> {
          Object[] captured = Propagation.capture();
          Propagation.reset(captured, Propagation.restore(captured));
        });

    RequestScopedAsync twin = new RequestScopedAsync(new RequestScoped(), INLINE);
    measure("twin call + join, inline, MdcPropagator", () -> sink = twin.echo(42).join());
    ContextPropagator.unregister(mdc);
    measure("twin call + join, inline, no propagator", () -> sink = twin.echo(42).join());

    ContextPropagator.register(mdc);
    measure("twin call + join, inline, checked", () -> sink = checked(twin.echo(42).join()));
    ContextPropagator.unregister(mdc);
  }

  private static int checked(int result) {
    if (result != RequestScoped.expected(42)
        || !RequestScoped.ID.equals(MDC.get(RequestScoped.KEY))) {
      throw new IllegalStateException("the request id did not reach the body or was lost after");
    }
    return result;
  }
}
