package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** {@link Tasks}: await, join and the call-site deadline waitFor. */
@org.junit.jupiter.api.Timeout(20)
class TasksTest extends ConcurrencyTestSupport {

  /**
   * A throwable that is neither an Exception nor an Error, as a {@code throws X} body may throw.
   */
  private static final class OddThrowable extends Throwable {
    private static final long serialVersionUID = 1L;

    OddThrowable(String message) {
      super(message);
    }
  }

  // ---- await ----------------------------------------------------------------------------------

  @Test
  void awaitReturnsTheValue() throws Exception {
    ExecutorService pool = newPool(1);
    assertEquals("v", Tasks.await(AsyncRuntime.call(pool, () -> "v")));
  }

  @Test
  void awaitThrowsTheTasksOwnCheckedExceptionInstance() throws Exception {
    ExecutorService pool = newPool(1);
    IOException io = new IOException("disk");
    CompletableFuture<String> future =
        AsyncRuntime.call(
            pool,
            () -> {
              throw io;
            });
    assertSame(io, assertThrows(IOException.class, () -> Tasks.await(future)));
  }

  @Test
  void awaitThrowsTheTasksOwnUncheckedExceptionAndErrorInstances() throws Exception {
    ExecutorService pool = newPool(1);
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<Void> failing =
        AsyncRuntime.run(
            pool,
            () -> {
              throw boom;
            });
    assertSame(boom, assertThrows(IllegalStateException.class, () -> Tasks.await(failing)));

    TestError error = new TestError("fatal");
    CompletableFuture<Void> erring =
        AsyncRuntime.run(
            pool,
            () -> {
              throw error;
            });
    assertSame(error, assertThrows(TestError.class, () -> Tasks.await(erring)));
  }

  @Test
  void awaitUnwrapsAFailureThatCameThroughAThenApply() {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    CompletableFuture<Integer> derived = source.thenApply(x -> x + 1);
    IOException io = new IOException("source");
    source.completeExceptionally(io);
    assertSame(io, assertThrows(IOException.class, () -> Tasks.await(derived)));
  }

  @Test
  void awaitOfACancelledTaskThrowsCancellationException() {
    CompletableFuture<String> future = new CompletableFuture<>();
    future.cancel(true);
    assertThrows(CancellationException.class, () -> Tasks.await(future));
  }

  @Test
  void awaitOfATimedOutCallThrowsTimeoutException() {
    ExecutorService pool = newPool(1);
    CompletableFuture<Void> future =
        AsyncRuntime.run(pool, 50, TimeUnit.MILLISECONDS, () -> Thread.sleep(FOREVER_MS));
    assertThrows(TimeoutException.class, () -> Tasks.await(future));
  }

  @Test
  void awaitOfAThrowableThatIsNoExceptionReportsItAsTheCause() {
    // A body may throw any Throwable; await (declared "throws Exception") cannot throw it as
    // itself, but must still hand it over, not fail with a ClassCastException of its own.
    ExecutorService pool = newPool(1);
    OddThrowable odd = new OddThrowable("odd");
    CompletableFuture<String> future =
        AsyncRuntime.call(
            pool,
            () -> {
              throw odd;
            });
    ExecutionException wrapped = assertThrows(ExecutionException.class, () -> Tasks.await(future));
    assertSame(odd, wrapped.getCause());
  }

  @Test
  void anInterruptedAwaitThrowsInterruptedExceptionAndLeavesTheTaskRunning() throws Exception {
    ExecutorService pool = newPool(1);
    CompletableFuture<String> task = new CompletableFuture<>();
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Throwable> thrown =
        CompletableFuture.supplyAsync(
            () -> {
              waiting.countDown();
              try {
                Tasks.await(task);
                return null;
              } catch (Exception e) {
                return e;
              }
            },
            pool);
    await(waiting);
    // Interrupt the waiter's thread. If it is not blocked in get() yet, get() sees the flag on
    // entry.
    pool.shutdownNow();
    assertInstanceOf(InterruptedException.class, value(thrown));
    assertFalse(task.isDone(), "the awaited task must be left alone");
  }

  // ---- join -----------------------------------------------------------------------------------

  @Test
  void joinReturnsTheValue() {
    ExecutorService pool = newPool(1);
    assertEquals(3, Tasks.join(AsyncRuntime.call(pool, () -> 3)));
  }

  @Test
  void joinThrowsUncheckedExceptionsAndErrorsAsThemselves() {
    ExecutorService pool = newPool(1);
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<Void> failing =
        AsyncRuntime.run(
            pool,
            () -> {
              throw boom;
            });
    assertSame(boom, assertThrows(IllegalStateException.class, () -> Tasks.join(failing)));

    TestError error = new TestError("fatal");
    CompletableFuture<Void> erring =
        AsyncRuntime.run(
            pool,
            () -> {
              throw error;
            });
    assertSame(error, assertThrows(TestError.class, () -> Tasks.join(erring)));
  }

  @Test
  void joinWrapsACheckedExceptionInCompletionExceptionWithTheOriginalCause() {
    ExecutorService pool = newPool(1);
    IOException io = new IOException("disk");
    CompletableFuture<Void> failing =
        AsyncRuntime.run(
            pool,
            () -> {
              throw io;
            });
    assertSame(io, assertThrows(CompletionException.class, () -> Tasks.join(failing)).getCause());
  }

  @Test
  void joinUnwrapsAnUncheckedFailureThatCameThroughAThenApply() {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    CompletableFuture<Integer> derived = source.thenApply(x -> x + 1).thenApply(x -> x * 2);
    IllegalArgumentException boom = new IllegalArgumentException("source");
    source.completeExceptionally(boom);
    assertSame(boom, assertThrows(IllegalArgumentException.class, () -> Tasks.join(derived)));
  }

  @Test
  void joinOfACancelledTaskThrowsCancellationException() {
    CompletableFuture<String> future = new CompletableFuture<>();
    future.cancel(false);
    assertThrows(CancellationException.class, () -> Tasks.join(future));
  }

  // ---- waitFor --------------------------------------------------------------------------------

  @Test
  void waitForPassesTheValueThrough() throws Exception {
    CompletableFuture<String> input = new CompletableFuture<>();
    CompletableFuture<String> bounded = Tasks.waitFor(input, 5, TimeUnit.SECONDS);
    assertFalse(bounded.isDone());
    input.complete("v");
    assertEquals("v", value(bounded));
  }

  @Test
  void waitForOfADoneInputIsDoneAtOnceAndStaysSoPastTheDeadline() throws Exception {
    CompletableFuture<String> bounded =
        Tasks.waitFor(CompletableFuture.completedFuture("v"), 50, TimeUnit.MILLISECONDS);
    assertTrue(bounded.isDone());
    Thread.sleep(150);
    assertEquals("v", value(bounded));
  }

  @Test
  void waitForPassesTheOriginalFailureThrough() throws Exception {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    CompletableFuture<Integer> bounded =
        Tasks.waitFor(source.thenApply(x -> x + 1), 5, TimeUnit.SECONDS);
    IOException io = new IOException("source");
    source.completeExceptionally(io);
    assertSame(io, failure(bounded));
  }

  @Test
  void waitForTimesOutNotEarlyAndCancelsAndInterruptsTheInput() throws Exception {
    ExecutorService pool = newPool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CompletableFuture<String> call =
        AsyncRuntime.call(
            pool,
            () -> {
              started.countDown();
              try {
                Thread.sleep(FOREVER_MS);
                return "slept";
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
              }
            });
    await(started);
    long start = System.nanoTime();
    CompletableFuture<String> bounded = Tasks.waitFor(call, 200, TimeUnit.MILLISECONDS);
    CompletableFuture<Long> failedAt = completionTime(bounded);
    assertInstanceOf(TimeoutException.class, failure(bounded));
    long elapsed = millisUntil(failedAt, start);
    assertTrue(elapsed >= 200, "timed out before 200 ms: " + elapsed + " ms");
    assertTrue(elapsed < FOREVER_MS / 2, "timed out only after " + elapsed + " ms");
    await(interrupted);
    assertEndsCancelled(call);
  }

  @Test
  void waitForWithAZeroTimeoutTimesOutAPendingInput() throws Exception {
    CompletableFuture<String> input = new CompletableFuture<>();
    CompletableFuture<String> bounded = Tasks.waitFor(input, 0, TimeUnit.SECONDS);
    assertInstanceOf(TimeoutException.class, failure(bounded));
    // The input is cancelled by a dependent of the returned future, which may run after a waiter
    // of that future has been woken: wait for it (bounded).
    assertEndsCancelled(input);
  }

  @Test
  void cancellingWaitForCancelsTheInput() throws Exception {
    ExecutorService pool = newPool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CompletableFuture<Void> call =
        AsyncRuntime.run(
            pool,
            () -> {
              started.countDown();
              try {
                Thread.sleep(FOREVER_MS);
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
            });
    CompletableFuture<Void> bounded = Tasks.waitFor(call, 5, TimeUnit.SECONDS);
    await(started);
    assertTrue(bounded.cancel(true));
    await(interrupted);
    assertEndsCancelled(call);
    assertEndsCancelled(bounded);
  }

  @Test
  void waitForAndAwaitTogetherGiveTheTimeoutToSyncCode() {
    CompletableFuture<String> never = new CompletableFuture<>();
    assertThrows(
        TimeoutException.class, () -> Tasks.await(Tasks.waitFor(never, 50, TimeUnit.MILLISECONDS)));
    // Cancelled before the timeout was reported, as asyncio's wait_for does: no waiting needed.
    assertTrue(never.isCancelled(), "the timeout was seen before the input was cancelled");
  }

  @Test
  void aValueArrivingBeforeTheDeadlineIsTheOutcome() throws Exception {
    CompletableFuture<String> input = new CompletableFuture<>();
    CompletableFuture<String> bounded = Tasks.waitFor(input, LONG_DELAY_MS, TimeUnit.MILLISECONDS);
    input.complete("in time");
    assertEquals("in time", value(bounded));
  }
}
