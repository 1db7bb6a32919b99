package dev.asyncdsl.jobrunr.sample;

import dev.asyncdsl.Durable;
import dev.asyncdsl.Timeout;
import io.opentelemetry.api.trace.Span;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/** Small jobs whose runs the in-process tests read back. */
public class Errands {
  /** What each run saw: its label, the MDC's tenant, the trace id, the worker thread. */
  public record Run(String label, String tenant, String traceId, String thread) {}

  /** The runs of every errand, in the order they ran. */
  public static final BlockingQueue<Run> RUNS = new LinkedBlockingQueue<>();

  /** Opened by a test to let {@link #stall} end. */
  public static volatile CountDownLatch release = new CountDownLatch(0);

  private final String owner;

  /** An errand runner with no owner, as a worker builds it. */
  public Errands() {
    this("built by the worker");
  }

  /**
   * An errand runner wired by hand.
   *
   * @param owner who built it
   */
  public Errands(String owner) {
    this.owner = owner;
  }

  /**
   * Records that it ran.
   *
   * @param label what the run is called
   */
  @Durable
  public static void note(String label) {
    RUNS.add(
        new Run(
            label,
            MDC.get("tenant"),
            Span.current().getSpanContext().getTraceId(),
            Thread.currentThread().getName()));
  }

  /**
   * Fails every time.
   *
   * @param message the failure's message
   */
  @Durable(retries = 0, name = "Errand that fails")
  public static void fail(String message) {
    throw new IllegalStateException(message);
  }

  /**
   * Records its owner: which object the worker ran it on.
   *
   * @param label what the run is called
   */
  @Durable
  public void remember(String label) {
    RUNS.add(new Run(label + " on " + owner, MDC.get("tenant"), "", ""));
  }

  /**
   * Waits for {@link #release} longer than its timeout allows.
   *
   * @throws InterruptedException when the timeout interrupts it
   */
  @Durable(retries = 0)
  @Timeout(value = 200, unit = TimeUnit.MILLISECONDS)
  public void stall() throws InterruptedException {
    release.await();
    RUNS.add(new Run("stall ended", null, "", ""));
  }
}
