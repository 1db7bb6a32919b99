package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A call may clear only the interrupt it sent itself: when the executor runs it on the caller's
 * thread, an interrupt that was pending before, or one that an enclosing call sent to the same
 * thread, must survive it.
 */
@org.junit.jupiter.api.Timeout(30)
class InterruptOwnershipTest extends ConcurrencyTestSupport {
  private static final Executor INLINE = Runnable::run;

  @Test
  void aPendingInterruptOfTheCallerSurvivesAnInlineCallThatTimesOut() throws Exception {
    Thread.currentThread().interrupt();
    CompletableFuture<Integer> call =
        AsyncRuntime.call(
            INLINE,
            20,
            TimeUnit.MILLISECONDS,
            () -> {
              sleepUninterruptibly(300); // long past the deadline, and the timer's interrupt
              return 1;
            });
    boolean stillInterrupted = Thread.interrupted();
    assertInstanceOf(DeadlineExceededException.class, failure(call));
    assertTrue(stillInterrupted, "the caller's own interrupt was cleared by the inline call");
  }

  @Test
  void aPendingInterruptOfTheCallerSurvivesAnInlineCallThatIsCancelled() throws Exception {
    ExecutorService canceller = newPool(1);
    Thread.currentThread().interrupt();
    CompletableFuture<?>[] self = new CompletableFuture<?>[1];
    CountDownLatch started = new CountDownLatch(1);
    canceller.execute(
        () -> {
          await(started);
          self[0].cancel(true);
        });
    CompletableFuture<Void> call =
        AsyncRuntime.run(
            command -> {
              self[0] = (CompletableFuture<?>) command; // the call itself, to cancel while it runs
              started.countDown();
              command.run();
            },
            () -> sleepUninterruptibly(300));
    boolean stillInterrupted = Thread.interrupted();
    assertEndsCancelled(call);
    assertTrue(stillInterrupted, "the caller's own interrupt was cleared by the inline call");
  }

  @Test
  void theInterruptOfAnEnclosingTimedCallSurvivesAnInnerInlineCall() throws Exception {
    ExecutorService pool = newPool(1);
    AtomicBoolean outerInterrupted = new AtomicBoolean();
    AtomicLong outerReturned = new AtomicLong();
    CountDownLatch outerDone = new CountDownLatch(1);
    long start = System.nanoTime();
    CompletableFuture<Integer> outer =
        AsyncRuntime.call(
            pool,
            STARTS_IN_TIME_MS, // the outer method must start before it, to be interrupted
            TimeUnit.MILLISECONDS,
            () -> {
              try {
                // Inherits the outer deadline and runs on this same thread: both time out.
                AsyncRuntime.call(
                    INLINE,
                    () -> {
                      sleepUninterruptibly(STARTS_IN_TIME_MS + 300);
                      return 0;
                    });
                Thread.sleep(FOREVER_MS); // the outer call's interrupt must stop this
                return 1;
              } catch (InterruptedException e) {
                outerInterrupted.set(true);
                throw e;
              } finally {
                outerReturned.set(System.nanoTime());
                outerDone.countDown();
              }
            });
    assertInstanceOf(DeadlineExceededException.class, failure(outer));
    await(outerDone);
    assertTrue(outerInterrupted.get(), "the outer method slept on past its deadline");
    assertTrue(
        outerReturned.get() - start < TimeUnit.MILLISECONDS.toNanos(FOREVER_MS / 2),
        "the outer method was not stopped");
  }

  @Test
  void callerRunsPolicyKeepsTheCallersPendingInterrupt() throws Exception {
    ThreadPoolExecutor saturated =
        new ThreadPoolExecutor(
            1,
            1,
            1,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            named("saturated"),
            new ThreadPoolExecutor.CallerRunsPolicy());
    CountDownLatch release = new CountDownLatch(1);
    try {
      saturated.execute(() -> await(release)); // the only thread is busy: the next runs here
      Thread.currentThread().interrupt();
      CompletableFuture<Integer> call =
          AsyncRuntime.call(
              saturated,
              20,
              TimeUnit.MILLISECONDS,
              () -> {
                sleepUninterruptibly(200);
                return 1;
              });
      boolean stillInterrupted = Thread.interrupted();
      assertInstanceOf(DeadlineExceededException.class, failure(call));
      assertTrue(stillInterrupted, "the caller's own interrupt was cleared by a caller-runs call");
    } finally {
      release.countDown();
      saturated.shutdown();
      assertTrue(saturated.awaitTermination(LONG_DELAY_MS, TimeUnit.MILLISECONDS));
    }
  }

  @Test
  void theCallsOwnInterruptIsStillClearedOnAPooledThread() throws Exception {
    SerialExecutor serial = newSerialExecutor();
    CompletableFuture<Integer> timedOut =
        AsyncRuntime.call(
            serial,
            20,
            TimeUnit.MILLISECONDS,
            () -> {
              sleepUninterruptibly(200);
              return 1;
            });
    assertInstanceOf(DeadlineExceededException.class, failure(timedOut));
    CompletableFuture<Boolean> next = new CompletableFuture<>();
    serial.execute(() -> next.complete(Thread.currentThread().isInterrupted()));
    assertEquals(false, value(next), "the call's interrupt was left for the next task");
  }
}
