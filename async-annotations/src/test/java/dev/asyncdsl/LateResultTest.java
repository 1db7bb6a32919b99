package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.internal.timer.Deadlines;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A method that returns after its deadline has timed out, even when the timer has not fired yet (a
 * loaded machine, a stalled timer thread): the deadline decides, not which thread runs first.
 */
@org.junit.jupiter.api.Timeout(value = 20, unit = TimeUnit.SECONDS)
class LateResultTest {
  private final CountDownLatch releaseTimer = new CountDownLatch(1);

  @BeforeEach
  void stallTheTimer() throws InterruptedException {
    CountDownLatch stalled = new CountDownLatch(1);
    Deadlines.schedule(
        () -> {
          stalled.countDown();
          try {
            releaseTimer.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        0);
    assertTrue(stalled.await(5, TimeUnit.SECONDS));
  }

  @AfterEach
  void releaseTheTimer() {
    releaseTimer.countDown();
  }

  @Test
  void valueReturnedAfterTheDeadlineIsATimeout() {
    CompletableFuture<String> call =
        AsyncRuntime.call(Runnable::run, 20, TimeUnit.MILLISECONDS, LateResultTest::lateValue);
    ExecutionException failure = assertThrows(ExecutionException.class, call::get);
    assertInstanceOf(TimeoutException.class, failure.getCause());
  }

  @Test
  void voidMethodReturningAfterTheDeadlineIsATimeout() {
    CompletableFuture<Void> call =
        AsyncRuntime.run(Runnable::run, 20, TimeUnit.MILLISECONDS, LateResultTest::lateValue);
    ExecutionException failure = assertThrows(ExecutionException.class, call::get);
    assertInstanceOf(TimeoutException.class, failure.getCause());
  }

  @Test
  void failureAfterTheDeadlineIsATimeout() {
    CompletableFuture<String> call =
        AsyncRuntime.call(
            Runnable::run,
            20,
            TimeUnit.MILLISECONDS,
            () -> {
              lateValue();
              throw new IOException("too late to matter");
            });
    ExecutionException failure = assertThrows(ExecutionException.class, call::get);
    assertInstanceOf(TimeoutException.class, failure.getCause());
  }

  @Test
  void relayedStageCompletingAfterTheDeadlineIsATimeout() {
    CompletableFuture<String> inner = new CompletableFuture<>();
    CompletableFuture<String> call =
        AsyncRuntime.relay(Runnable::run, 20, TimeUnit.MILLISECONDS, () -> inner);
    lateValue();
    inner.complete("late");
    ExecutionException failure = assertThrows(ExecutionException.class, call::get);
    assertInstanceOf(TimeoutException.class, failure.getCause());
  }

  /** Works past the 20 ms deadline without looking at interrupts, then returns a value. */
  private static String lateValue() {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    while (System.nanoTime() - until < 0) {
      Thread.onSpinWait();
    }
    return "late";
  }
}
