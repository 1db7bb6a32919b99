package dev.asyncdsl.jobrunr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The handler's own work, without JobRunr: context around the method, failures, waiting. */
class DurableHandlerTest {
  record Request(DurableContext context) implements DurableRequest {
    @Override
    public Class<Handler> getJobRequestHandler() {
      return Handler.class;
    }
  }

  static final class Handler extends DurableHandler<Request> {
    final AtomicReference<String> seen = new AtomicReference<>();
    Exception toThrow;

    @Override
    protected void perform(Request request) throws Exception {
      seen.set(MDC.get("tenant"));
      if (toThrow != null) {
        throw toThrow;
      }
    }

    static <T> T awaiting(CompletableFuture<T> future) throws Exception {
      return await(future);
    }
  }

  @Test
  void theRequestsContextIsRestoredAroundTheMethodAndThreadsOwnPutBack() throws Exception {
    Handler handler = new Handler();
    MDC.put("tenant", "worker's own");
    try {
      handler.run(new Request(new DurableContext(Map.of("mdc.tenant", "acme"))));
      assertEquals("acme", handler.seen.get());
      assertEquals("worker's own", MDC.get("tenant"));
    } finally {
      MDC.clear();
    }
  }

  @Test
  void whatTheMethodThrowsIsThrownOnSoJobRunrRetries() {
    Handler handler = new Handler();
    handler.toThrow = new IOException("mirror unreachable");
    IOException thrown =
        assertThrows(IOException.class, () -> handler.run(new Request(DurableContext.empty())));
    assertSame(handler.toThrow, thrown);
  }

  @Test
  void awaitThrowsTheTwinsOwnException() {
    IOException failure = new IOException("down");
    assertSame(
        failure,
        assertThrows(
            IOException.class,
            () ->
                Handler.awaiting(
                    CompletableFuture.failedFuture(new CompletionException(failure)))));
  }

  @Test
  void awaitCancelsTheCallWhenTheWorkerThreadIsInterrupted() throws Exception {
    CompletableFuture<String> call = new CompletableFuture<>();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
    CountDownLatch waiting = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              waiting.countDown();
              try {
                Handler.awaiting(call);
              } catch (Exception e) {
                thrown.set(e);
              }
              interruptedAfter.set(Thread.currentThread().isInterrupted());
            });
    worker.start();
    waiting.await();
    worker.interrupt();
    worker.join(TimeUnit.SECONDS.toMillis(10));

    assertInstanceOf(InterruptedException.class, thrown.get());
    assertTrue(call.isCancelled());
    assertTrue(interruptedAfter.get());
  }

  @Test
  void theThreadsOwnContextIsPutBackWhenTheMethodThrows() {
    Handler handler = new Handler();
    handler.toThrow = new IOException("mirror unreachable");
    MDC.put("tenant", "worker's own");
    try {
      assertThrows(
          IOException.class,
          () -> handler.run(new Request(new DurableContext(Map.of("mdc.tenant", "acme")))));
      assertEquals("acme", handler.seen.get());
      assertEquals("worker's own", MDC.get("tenant"));
    } finally {
      MDC.clear();
    }
  }

  @Test
  void awaitThrowsAnErrorAsItIsThroughNestedWrappers() {
    StackOverflowError error = new StackOverflowError("deep");
    assertSame(
        error,
        assertThrows(
            StackOverflowError.class,
            () ->
                Handler.awaiting(
                    CompletableFuture.failedFuture(
                        new CompletionException(new ExecutionException(error))))));
  }

  @Test
  void awaitOfACancelledCallThrowsCancellationAndLeavesTheThreadUninterrupted() {
    CompletableFuture<String> call = new CompletableFuture<>();
    call.cancel(true);
    assertThrows(CancellationException.class, () -> Handler.awaiting(call));
    assertFalse(Thread.interrupted());
  }
}
