package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** A timeout says which call and how long. */
@org.junit.jupiter.api.Timeout(20)
class TimeoutMessageTest extends ConcurrencyTestSupport {
  private static final AsyncRuntime.TimedMethod CELSIUS =
      AsyncRuntime.timed("Forecasts.celsius(String)", 30, TimeUnit.MILLISECONDS);

  /**
   * The same method with a deadline long enough for its body to start on a loaded machine: the
   * tests whose body must run before the deadline passes.
   */
  private static final AsyncRuntime.TimedMethod CELSIUS_STARTS =
      AsyncRuntime.timed("Forecasts.celsius(String)", 2, TimeUnit.SECONDS);

  private static Integer forever() throws InterruptedException {
    Thread.sleep(FOREVER_MS);
    return 0;
  }

  @Test
  void aTwinsTimeoutNamesTheMethodAndItsTimeout() throws Exception {
    ExecutorService pool = newPool(1);
    Throwable timeout = failure(AsyncRuntime.call(pool, CELSIUS, TimeoutMessageTest::forever));
    assertInstanceOf(DeadlineExceededException.class, timeout);
    assertEquals("Forecasts.celsius(String) did not complete within 30 ms", timeout.getMessage());
  }

  @Test
  void aCallThatRanOutOfItsCallersDeadlineSaysWhose() throws Exception {
    ExecutorService pool = newPool(2);
    CompletableFuture<CompletableFuture<Integer>> inner = new CompletableFuture<>();
    CompletableFuture<Integer> outer =
        AsyncRuntime.call(
            pool,
            CELSIUS_STARTS,
            () -> {
              inner.complete(AsyncRuntime.call(pool, TimeoutMessageTest::forever));
              return forever();
            });
    failure(outer);
    assertEquals(
        "a call made inside Forecasts.celsius(String) did not complete within its 2 s deadline",
        failure(value(inner)).getMessage());
  }

  @Test
  void aCallMadeAfterItsCallerTimedOutStillSaysWhoseDeadlineItWas() throws Exception {
    ExecutorService pool = newPool(2);
    CompletableFuture<CompletableFuture<Integer>> inner = new CompletableFuture<>();
    CompletableFuture<Integer> outer =
        AsyncRuntime.call(
            pool,
            CELSIUS_STARTS,
            () -> {
              try {
                return forever();
              } catch (InterruptedException timedOut) {
                // The caller's deadline has passed and its timer is done with: a call made now
                // inherits a deadline that has passed, and says whose it was.
                inner.complete(AsyncRuntime.call(pool, TimeoutMessageTest::forever));
                throw timedOut;
              }
            });
    failure(outer);
    assertEquals(
        "a call made inside Forecasts.celsius(String) did not complete within its 2 s deadline",
        failure(value(inner)).getMessage());
  }

  @Test
  void aHandWrittenTimeoutSaysHowLong() throws Exception {
    ExecutorService pool = newPool(1);
    Throwable timeout =
        failure(AsyncRuntime.call(pool, 2, TimeUnit.MILLISECONDS, TimeoutMessageTest::forever));
    assertEquals("call did not complete within 2 ms", timeout.getMessage());
  }

  @Test
  void waitForKeepsItsMessage() throws Exception {
    Throwable timeout =
        failure(Tasks.waitFor(new CompletableFuture<Integer>(), 20, TimeUnit.MILLISECONDS));
    assertInstanceOf(TimeoutException.class, timeout);
    assertEquals("did not complete within 20 milliseconds", timeout.getMessage());
  }
}
