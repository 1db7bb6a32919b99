package dev.asyncdsl.agenttests;

import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.Gather;
import dev.asyncdsl.opentelemetry.OpenTelemetrySpans;
import dev.asyncdsl.spi.CallListener;
import dev.asyncdsl.spi.ContextPropagator;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.slf4j.MDC;

/**
 * The program the agent test runs under the OpenTelemetry Java agent: a caller makes a span current
 * (from the agent's tracer, through {@link GlobalOpenTelemetry}) and puts a key in the MDC, then
 * calls twins on the default executor. Every place the runtime runs the calls' code reports whether
 * it saw the caller's trace id and MDC key. One line per cell on standard output:
 *
 * <pre>
 * CELL name trace=KEPT|LOST mdc=KEPT|LOST span=CALL|CALLER thread=...
 * </pre>
 *
 * <p>then {@code DONE}. {@code span=CALL} says the code ran with a span of its own current, in the
 * caller's trace: the span async-opentelemetry records for the call; {@code CALLER}, with the
 * caller's span or none. With the argument {@code without-propagators} it first unregisters every
 * propagator in use, to show what is lost without them; with {@code spans-off}, it turns the spans
 * off and keeps the propagators.
 */
public final class ContextMatrix {
  /** The MDC key the caller puts. */
  static final String MDC_KEY = "request.id";

  /** The value the caller gives it. */
  static final String MDC_VALUE = "req-42";

  /** The cells, in the order they are printed. */
  public static final List<String> CELLS =
      List.of(
          "body",
          "attempt-1",
          "attempt-2",
          "attempt-3",
          "fallback",
          "nested",
          "gather-1",
          "gather-2",
          "gather-3",
          "deadline-callback",
          "detached");

  private final Map<String, String> seen = new ConcurrentHashMap<>();
  private final String traceId;
  private final String callerSpanId;

  private ContextMatrix(String traceId, String callerSpanId) {
    this.traceId = traceId;
    this.callerSpanId = callerSpanId;
  }

  /**
   * Runs the matrix and prints it.
   *
   * @param args {@code with-propagators}, {@code without-propagators} or {@code spans-off}
   */
  public static void main(String[] args) {
    PrintStream out = System.out;
    int status = 0;
    try {
      run(args.length > 0 ? args[0] : "with-propagators", out);
    } catch (Throwable failure) {
      out.println("ERROR " + failure);
      failure.printStackTrace(out);
      status = 1;
    }
    out.flush();
    System.exit(status);
  }

  private static void run(String mode, PrintStream out) throws Exception {
    switch (mode) {
      case "with-propagators":
        // Nothing to do: async-opentelemetry and async-context-slf4j are found with the
        // ServiceLoader, as in a user's application.
        break;
      case "without-propagators":
        for (ContextPropagator<?, ?> propagator : ContextPropagator.registered()) {
          ContextPropagator.unregister(propagator);
        }
        break;
      case "spans-off":
        OpenTelemetrySpans.disable();
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
    out.println(
        "INFO java="
            + Runtime.version()
            + " virtualThreads="
            + AsyncRuntime.usesVirtualThreads()
            + " propagators="
            + ContextPropagator.registered()
            + " listeners="
            + CallListener.registered()
            + " spans="
            + OpenTelemetrySpans.enabled());

    Span caller =
        GlobalOpenTelemetry.getTracer("asyncdsl-agent-test").spanBuilder("caller").startSpan();
    if (!caller.getSpanContext().isValid()) {
      throw new IllegalStateException("no agent: the caller's span is not recording a trace");
    }
    ContextMatrix matrix =
        new ContextMatrix(
            caller.getSpanContext().getTraceId(), caller.getSpanContext().getSpanId());
    Scope scope = caller.makeCurrent();
    MDC.put(MDC_KEY, MDC_VALUE);
    try {
      matrix.callEveryCell();
    } finally {
      MDC.remove(MDC_KEY);
      scope.close();
      caller.end();
    }
    for (String cell : CELLS) {
      String line = matrix.seen.get(cell);
      out.println(
          line == null ? "CELL " + cell + " trace=NEVER mdc=NEVER span=NEVER thread=none" : line);
    }
    out.println("DONE");
  }

  private void callEveryCell() throws Exception {
    CellsAsync inner = new CellsAsync(new Cells(this::record, name -> null));
    CellsAsync twin = new CellsAsync(new Cells(this::record, inner::body));

    twin.body("body").join();
    twin.flaky().join();
    twin.outer().join();
    Gather.all(List.of(twin.body("gather-1"), twin.body("gather-2"), twin.body("gather-3"))).join();
    deadlineCallback(twin);
    twin.detaching().join();
  }

  /**
   * A dependent of a call that times out, run by the runtime at the deadline. It is registered
   * right after the call returns, long before the 500 ms deadline; should this thread be held up
   * past it, the dependent would run here, proving nothing, and the cell is tried again.
   */
  private void deadlineCallback(CellsAsync twin) {
    Thread caller = Thread.currentThread();
    for (int round = 0; round < 5; round++) {
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<String> stuck = twin.stuck(release);
      CompletableFuture<Thread> dependent =
          stuck.handle(
              (value, failure) -> {
                Thread ranOn = Thread.currentThread();
                if (ranOn != caller) {
                  record("deadline-callback");
                }
                return ranOn;
              });
      try {
        if (dependent.join() != caller) {
          return;
        }
      } finally {
        release.countDown();
      }
    }
  }

  /** Records what the current thread sees, as {@code cell}. */
  private void record(String cell) {
    SpanContext current = Span.current().getSpanContext();
    boolean trace = traceId.equals(current.getTraceId());
    boolean mdc = MDC_VALUE.equals(MDC.get(MDC_KEY));
    boolean ownSpan = trace && !callerSpanId.equals(current.getSpanId());
    seen.put(
        cell,
        "CELL "
            + cell
            + " trace="
            + (trace ? "KEPT" : "LOST")
            + " mdc="
            + (mdc ? "KEPT" : "LOST")
            + " span="
            + (ownSpan ? "CALL" : "CALLER")
            + " thread="
            + Thread.currentThread());
  }
}
