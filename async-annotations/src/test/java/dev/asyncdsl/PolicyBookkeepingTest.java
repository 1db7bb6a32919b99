package dev.asyncdsl;

import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Values at the edge of what the annotations accept, and failures inside the runtime's own
 * bookkeeping (retry scheduling, the circuit's window, the predicates a hand-built policy is
 * given): none may leave a future pending or take memory the window does not hold.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class PolicyBookkeepingTest extends ConcurrencyTestSupport {
  private static final Executor INLINE = Runnable::run;

  private static String down() throws IOException {
    throw new IOException("down");
  }

  @Test
  void theLongestJitterStillEndsTheCall() throws Exception {
    for (Executor executor : new Executor[] {INLINE, newPool(1)}) {
      for (int i = 0; i < 20; i++) {
        FaultTolerance ft =
            FaultTolerance.of("K.jitter()")
                .retry(1)
                .retryJitter(Long.MAX_VALUE, NANOSECONDS)
                .build();
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<String> call =
            ft.call(
                executor,
                () -> {
                  runs.incrementAndGet();
                  return down();
                });
        // Drawn either way: at once (retried, failing again) or past maxDuration (not retried).
        assertInstanceOf(IOException.class, failure(call));
        assertTrue(runs.get() <= 2, "runs " + runs.get());
      }
    }
  }

  @Test
  void theLongestDelaysStillEndTheCall() throws Exception {
    FaultTolerance ft =
        FaultTolerance.of("K.delay()")
            .retry(3)
            .retryDelay(Long.MAX_VALUE, TimeUnit.DAYS)
            .retryMaxDuration(0, TimeUnit.DAYS)
            .retryJitter(Long.MAX_VALUE, TimeUnit.DAYS)
            .retryBackoff(Double.MAX_VALUE, Long.MAX_VALUE, TimeUnit.DAYS)
            .build();
    CompletableFuture<String> call = ft.call(INLINE, PolicyBookkeepingTest::down);
    // The retry waits (for ever, as good as); cancelling ends it and drops the backoff.
    assertTrue(call.cancel(true));
    assertEndsCancelled(call);
  }

  @Test
  void aHugeWindowTakesMemoryOnlyForWhatItHolds() throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    FaultTolerance ft =
        FaultTolerance.of("K.window()").circuitBreaker(Integer.MAX_VALUE, 0.5, 1, HOURS, 1).build();
    FaultTolerance own = ft.withOwnState();
    for (int i = 0; i < 1_000; i++) {
      assertEquals("ok", value(ft.call(INLINE, () -> "ok")));
      assertInstanceOf(IOException.class, failure(own.call(INLINE, PolicyBookkeepingTest::down)));
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(
        allocated < 64L << 20,
        "a window of 2^31 calls took " + allocated + " bytes for 1,000 of them");
    assertEquals(FaultTolerance.CircuitState.CLOSED, ft.circuitState());
    assertEquals(
        FaultTolerance.CircuitState.CLOSED, own.circuitState(), "1,000 of 2^31 is no full window");
  }

  @Test
  void aGrowingWindowOpensAsAFixedOneWould() throws Exception {
    // 100 outcomes, the window grown from its first chunk: 40 successes, then failures; the
    // 100th outcome fills it at 60 failures of 100 >= 0.6.
    FaultTolerance ft =
        FaultTolerance.of("K.grown()").circuitBreaker(100, 0.6, 1, HOURS, 1).build();
    for (int i = 0; i < 40; i++) {
      assertEquals("ok", value(ft.call(INLINE, () -> "ok")));
    }
    for (int i = 0; i < 59; i++) {
      assertInstanceOf(IOException.class, failure(ft.call(INLINE, PolicyBookkeepingTest::down)));
    }
    assertEquals(FaultTolerance.CircuitState.CLOSED, ft.circuitState(), "99 outcomes: not full");
    assertInstanceOf(IOException.class, failure(ft.call(INLINE, PolicyBookkeepingTest::down)));
    assertEquals(FaultTolerance.CircuitState.OPEN, ft.circuitState());
  }

  @Test
  void aRollingWindowForgetsItsOldestOutcome() throws Exception {
    FaultTolerance ft =
        FaultTolerance.of("K.rolling()").circuitBreaker(130, 0.5, 1, HOURS, 1).build();
    for (int i = 0; i < 64; i++) {
      assertInstanceOf(IOException.class, failure(ft.call(INLINE, PolicyBookkeepingTest::down)));
    }
    for (int i = 0; i < 66; i++) {
      assertEquals("ok", value(ft.call(INLINE, () -> "ok")));
    }
    assertEquals(FaultTolerance.CircuitState.CLOSED, ft.circuitState(), "64 of 130 is under 0.5");
    // Each success now pushes out one of the 64 failures: the window only drops below 0.5.
    for (int i = 0; i < 64; i++) {
      assertEquals("ok", value(ft.call(INLINE, () -> "ok")));
    }
    assertEquals(FaultTolerance.CircuitState.CLOSED, ft.circuitState());
    // Failures now replace the oldest successes: 65 of 130 is 0.5.
    for (int i = 0; i < 64; i++) {
      assertInstanceOf(IOException.class, failure(ft.call(INLINE, PolicyBookkeepingTest::down)));
    }
    assertEquals(FaultTolerance.CircuitState.CLOSED, ft.circuitState(), "64 of 130");
    assertInstanceOf(IOException.class, failure(ft.call(INLINE, PolicyBookkeepingTest::down)));
    assertEquals(FaultTolerance.CircuitState.OPEN, ft.circuitState(), "65 of 130");
  }

  /** A predicate that breaks, as a hand-built policy's might. */
  private static Predicate<Throwable> broken() {
    return failure -> {
      throw new IllegalStateException("predicate broke");
    };
  }

  private static void assertBroken(Throwable failure) {
    assertInstanceOf(IllegalStateException.class, failure);
    assertEquals("predicate broke", failure.getMessage());
  }

  @Test
  void aBrokenRetryPredicateFailsTheCall() throws Exception {
    for (Executor executor : new Executor[] {INLINE, newPool(1)}) {
      FaultTolerance ft = FaultTolerance.of("K.retryOn()").retry(2).retryOn(broken()).build();
      assertBroken(failure(ft.call(executor, PolicyBookkeepingTest::down)));
    }
  }

  @Test
  void aBrokenFallbackPredicateFailsTheCall() throws Exception {
    for (Executor executor : new Executor[] {INLINE, newPool(1)}) {
      FaultTolerance ft = FaultTolerance.of("K.applyOn()").fallbackOn(broken()).build();
      assertBroken(failure(ft.call(executor, PolicyBookkeepingTest::down, failure -> "fallback")));
    }
  }

  @Test
  void aBrokenCircuitPredicateFailsTheCall() throws Exception {
    for (Executor executor : new Executor[] {INLINE, newPool(1)}) {
      FaultTolerance single =
          FaultTolerance.of("K.failOn()")
              .circuitBreaker(4, 0.5, 1, HOURS, 1)
              .circuitFailsOn(broken())
              .build();
      assertBroken(failure(single.call(executor, PolicyBookkeepingTest::down)));
      FaultTolerance retried =
          FaultTolerance.of("K.failOnRetried()")
              .retry(1)
              .circuitBreaker(4, 0.5, 1, HOURS, 1)
              .circuitFailsOn(broken())
              .build();
      assertBroken(failure(retried.call(executor, PolicyBookkeepingTest::down)));
    }
  }

  @Test
  void aBrokenPredicateAtATimeoutFailsTheCall() throws Exception {
    // The timeout's outcome is counted on the timer's completer: the call must still end.
    FaultTolerance ft =
        FaultTolerance.of("K.timeoutFailOn()")
            .timeout(20, MILLISECONDS)
            .retry(1)
            .circuitBreaker(4, 0.5, 1, HOURS, 1)
            .circuitFailsOn(broken())
            .build();
    CompletableFuture<String> call =
        ft.call(
            newPool(1),
            () -> {
              Thread.sleep(FOREVER_MS);
              return "never";
            });
    assertBroken(failure(call));
  }
}
