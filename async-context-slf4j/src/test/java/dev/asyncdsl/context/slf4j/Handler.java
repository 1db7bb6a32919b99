package dev.asyncdsl.context.slf4j;

import dev.asyncdsl.Async;
import dev.asyncdsl.Fallback;
import dev.asyncdsl.Retry;
import dev.asyncdsl.Tasks;
import dev.asyncdsl.Timeout;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A request handler written as a user would, logging with SLF4J: each method reports the MDC it ran
 * with, so the tests see what travelled.
 */
public class Handler {
  static final String REQUEST_ID = "requestId";
  static final Logger LOG = LoggerFactory.getLogger(Handler.class);

  /** The request id each retry attempt and the fallback saw, in order. */
  final List<String> seen = new CopyOnWriteArrayList<>();

  /** Where a nested or detached call goes: its own twin, set by the test. */
  volatile HandlerAsync inner;

  @Async
  public String requestId() {
    return MDC.get(REQUEST_ID);
  }

  @Async
  public Map<String, String> mdc() {
    return MDC.getCopyOfContextMap();
  }

  @Async
  public void log(String message) {
    LOG.info(message);
  }

  @Async
  @Retry(maxRetries = 2, delay = 5)
  @Fallback(method = "recovered")
  public String alwaysFailing() {
    seen.add("attempt " + MDC.get(REQUEST_ID));
    throw new IllegalStateException("down");
  }

  String recovered() {
    seen.add("fallback " + MDC.get(REQUEST_ID));
    return "recovered";
  }

  /** Adds a key of its own, then calls the inner twin and waits for it. */
  @Async
  public Map<String, String> nested() {
    MDC.put("step", "outer");
    return inner.mdc().join();
  }

  /** Adds a key of its own, then starts a detached call and waits for it. */
  @Async
  public Map<String, String> detached() {
    MDC.put("step", "outer");
    CompletableFuture<Map<String, String>> audit = Tasks.detached(() -> inner.mdc());
    return audit.join();
  }

  /** Reports its request id, waits until {@code all} are running, and reports it again. */
  @Async
  public String together(CountDownLatch all) throws InterruptedException {
    String before = MDC.get(REQUEST_ID);
    all.countDown();
    if (!all.await(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the others never started");
    }
    return before + "/" + MDC.get(REQUEST_ID);
  }

  /**
   * Reports what the thread held when it started (a key left by an earlier body would show), and
   * leaves a key behind, which the thread must not keep.
   */
  @Async
  public String leaveKey() {
    String before = MDC.get(REQUEST_ID) + " left=" + MDC.get("left");
    MDC.put("left", MDC.get(REQUEST_ID));
    return before;
  }

  /** Waits until the test opens {@code gate} (or the call is stopped), then reports its id. */
  @Async
  public String gated(CountDownLatch gate) throws InterruptedException {
    if (!gate.await(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the gate never opened");
    }
    return MDC.get(REQUEST_ID);
  }

  @Async
  @Timeout(value = 200, unit = TimeUnit.MILLISECONDS)
  public String blockUntilStopped(CountDownLatch never) throws InterruptedException {
    never.await();
    return "released";
  }
}
