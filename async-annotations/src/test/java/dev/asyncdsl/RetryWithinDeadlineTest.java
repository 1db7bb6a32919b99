package dev.asyncdsl;

import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Retries inside a deadline the call inherited: a retry whose delay cannot end before that deadline
 * is not scheduled (the fallback answers at once, with the time that is left), and a timed-out
 * attempt is interrupted before the next attempt starts.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class RetryWithinDeadlineTest extends ConcurrencyTestSupport {

  /** Runs {@code inner} inside a call whose deadline is {@code LONG_DELAY_MS} away. */
  private <T> CompletableFuture<T> insideADeadline(
      ExecutorService pool, AsyncRuntime.ValueBody<T> inner) {
    return AsyncRuntime.call(
        pool, AsyncRuntime.timed("R.caller()", LONG_DELAY_MS, MILLISECONDS), inner);
  }

  /**
   * Calls {@code body} under {@code ft} on {@code pool}, inside a deadline, and awaits it there.
   */
  private <T> CompletableFuture<T> guardedInsideADeadline(
      ExecutorService pool, FaultTolerance ft, AsyncRuntime.ValueBody<T> body) {
    return insideADeadline(pool, () -> Tasks.await(ft.call(pool, body)));
  }

  @Test
  void aRetryThatCannotEndBeforeTheDeadlineFallsBackAtOnce() throws Exception {
    ExecutorService pool = newPool(2);
    FaultTolerance ft =
        FaultTolerance.of("R.slowRetry()")
            .retry(3)
            .retryDelay(1, HOURS)
            .retryMaxDuration(2, HOURS)
            .build();
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<String> caller =
        insideADeadline(
            pool,
            () -> {
              long leftBefore = Tasks.remaining().orElseThrow().toNanos();
              return Tasks.await(
                  ft.call(
                      pool,
                      () -> {
                        runs.incrementAndGet();
                        throw new IOException("down");
                      },
                      failure ->
                          failure.getMessage()
                              + (Tasks.remaining().orElseThrow().toNanos() <= leftBefore
                                  ? ", within the deadline"
                                  : "")));
            });
    assertEquals("down, within the deadline", value(caller));
    assertEquals(1, runs.get(), "no retry can end in time");
  }

  @Test
  void withoutAFallbackTheCallFailsAtOnceWithItsOwnFailure() throws Exception {
    ExecutorService pool = newPool(2);
    FaultTolerance ft =
        FaultTolerance.of("R.noFallback()")
            .retry(3)
            .retryDelay(1, HOURS)
            .retryMaxDuration(2, HOURS)
            .build();
    CompletableFuture<String> caller =
        guardedInsideADeadline(
            pool,
            ft,
            () -> {
              throw new IOException("down");
            });
    Throwable failure = failure(caller);
    assertInstanceOf(IOException.class, failure, "the attempt's own failure, not the deadline's");
  }

  @Test
  void retriesThatFitBeforeTheDeadlineStillRun() throws Exception {
    ExecutorService pool = newPool(2);
    FaultTolerance ft =
        FaultTolerance.of("R.fastRetry()").retry(2).retryDelay(1, MILLISECONDS).build();
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<String> caller =
        guardedInsideADeadline(
            pool,
            ft,
            () -> {
              if (runs.incrementAndGet() < 3) {
                throw new IOException("down");
              }
              return "third";
            });
    assertEquals("third", value(caller));
    assertEquals(3, runs.get());
  }

  /**
   * Each attempt after the first checks that the one before it, if it ran, has been interrupted (or
   * has returned) already: the interrupt of a timed-out attempt comes before the next one is
   * launched, not whenever the timer's completer gets to it.
   */
  @Test
  void aTimedOutAttemptIsInterruptedBeforeTheNextStarts() throws Exception {
    ExecutorService pool = newPool(3);
    for (int round = 0; round < 5; round++) {
      FaultTolerance ft =
          FaultTolerance.of("R.interrupt()").timeout(100, MILLISECONDS).retry(5).build();
      AtomicInteger attempts = new AtomicInteger();
      AtomicReferenceArray<Thread> runners = new AtomicReferenceArray<>(8);
      AtomicReferenceArray<Boolean> returned = new AtomicReferenceArray<>(8);
      ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
      CompletableFuture<String> call =
          ft.call(
              pool,
              () -> {
                int n = attempts.incrementAndGet();
                Thread me = Thread.currentThread();
                if (n > 1) {
                  Thread before = runners.get(n - 2);
                  if (before != null && returned.get(n - 2) == null && !before.isInterrupted()) {
                    violations.add(
                        "attempt " + n + " started before attempt " + (n - 1) + " was interrupted");
                  }
                }
                runners.set(n - 1, me);
                if (n == 1) {
                  // Park, which leaves the interrupt flag set for the next attempt to see.
                  while (!me.isInterrupted()) {
                    LockSupport.parkNanos(MILLISECONDS.toNanos(1));
                  }
                  returned.set(n - 1, true);
                  return "first";
                }
                returned.set(n - 1, true);
                return "attempt " + n;
              });
      String result = value(call);
      assertTrue(result.startsWith("attempt "), result);
      assertTrue(violations.isEmpty(), violations.toString());
    }
  }
}
