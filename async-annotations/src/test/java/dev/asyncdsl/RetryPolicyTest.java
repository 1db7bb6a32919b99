package dev.asyncdsl;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Retry} as {@link FaultTolerance} runs it: how many attempts, which failures are retried,
 * the delays between attempts, and which exception the caller finally sees. Modelled on what
 * MicroProfile Fault Tolerance's RetryTest, RetryConditionTest and backoff tests check; timings are
 * checked from below only (a gap is at least the delay), never with tight upper bounds.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class RetryPolicyTest extends ConcurrencyTestSupport {

  /** A body failing its first {@code failures} attempts, each with a fresh exception it keeps. */
  static final class Flaky {
    final AtomicInteger attempts = new AtomicInteger();
    final ConcurrentLinkedQueue<Long> startedAt = new ConcurrentLinkedQueue<>();
    final CopyOnWriteArrayList<Exception> thrown = new CopyOnWriteArrayList<>();
    private final int failures;

    Flaky(int failures) {
      this.failures = failures;
    }

    String call() throws Exception {
      startedAt.add(System.nanoTime());
      int n = attempts.incrementAndGet();
      if (n <= failures) {
        Exception e = new IOException("attempt " + n);
        thrown.add(e);
        throw e;
      }
      return "ok " + n;
    }

    Exception last() {
      return thrown.get(thrown.size() - 1);
    }

    /** The gaps between consecutive attempt starts, in milliseconds. */
    long[] gapsMillis() {
      Long[] times = startedAt.toArray(new Long[0]);
      long[] gaps = new long[Math.max(0, times.length - 1)];
      for (int i = 1; i < times.length; i++) {
        gaps[i - 1] = TimeUnit.NANOSECONDS.toMillis(times[i] - times[i - 1]);
      }
      return gaps;
    }
  }

  @Test
  void maxRetriesZeroRunsOnceAndFailsWithThatException() throws Exception {
    ExecutorService pool = newPool(2);
    Flaky body = new Flaky(Integer.MAX_VALUE);
    FaultTolerance ft = FaultTolerance.of("T.zero()").retry(0).build();
    Throwable failure = failure(ft.call(pool, body::call));
    assertSame(body.last(), failure);
    assertEquals(1, body.attempts.get());
  }

  @Test
  void maxRetriesThreeMeansFourAttemptsAndTheLastExceptionItself() throws Exception {
    ExecutorService pool = newPool(2);
    Flaky body = new Flaky(Integer.MAX_VALUE);
    FaultTolerance ft = FaultTolerance.of("T.three()").retry(3).build();
    CompletableFuture<String> call = ft.call(pool, body::call);
    Throwable failure = failure(call);
    assertSame(body.last(), failure, "the caller sees the last attempt's own exception");
    assertEquals("attempt 4", failure.getMessage());
    assertEquals(4, body.attempts.get());
    // handle() sees the same object, unwrapped.
    assertSame(body.last(), call.handle((v, t) -> t).get(LONG_DELAY_MS, MILLISECONDS));
    sleepUninterruptibly(50);
    assertEquals(4, body.attempts.get(), "no attempt after the call failed");
  }

  @Test
  void succeedsOnTheAttemptThatSucceeds() throws Exception {
    ExecutorService pool = newPool(2);
    Flaky body = new Flaky(2);
    FaultTolerance ft = FaultTolerance.of("T.third()").retry(3).build();
    assertEquals("ok 3", value(ft.call(pool, body::call)));
    assertEquals(3, body.attempts.get());
  }

  @Test
  void unlimitedRetriesStopAtMaxDuration() throws Exception {
    ExecutorService pool = newPool(2);
    Flaky body = new Flaky(Integer.MAX_VALUE);
    FaultTolerance ft =
        FaultTolerance.of("T.forever()")
            .retry(-1)
            .retryDelay(10, MILLISECONDS)
            // Long enough that the first attempt fails well within it on a starved machine too.
            .retryMaxDuration(STARTS_IN_TIME_MS, MILLISECONDS)
            .build();
    long start = System.nanoTime();
    CompletableFuture<String> call = ft.call(pool, body::call);
    CompletableFuture<Long> done = completionTime(call);
    Throwable failure = failure(call);
    assertSame(body.last(), failure);
    assertTrue(body.attempts.get() >= 2, "retried at least once: " + body.attempts.get());
    // Each retry waits 10 ms, and none may start after maxDuration: so at most that / 10 + 1.
    long most = STARTS_IN_TIME_MS / 10 + 1;
    assertTrue(body.attempts.get() <= most, "attempts: " + body.attempts.get());
    // Retries stop once the next would start after maxDuration (not earlier than one delay before).
    long tookMs = millisUntil(done, start);
    assertTrue(tookMs >= STARTS_IN_TIME_MS - 20, "gave up early: " + tookMs + " ms");
    int attempts = body.attempts.get();
    sleepUninterruptibly(50);
    assertEquals(attempts, body.attempts.get(), "an attempt started after the call failed");
  }

  @Test
  void maxDurationStopsRetriesOfAFixedCount() throws Exception {
    ExecutorService pool = newPool(2);
    Flaky body = new Flaky(Integer.MAX_VALUE);
    // 100 retries of 100 ms could take 10 s; maxDuration 250 ms allows about two.
    FaultTolerance ft =
        FaultTolerance.of("T.bounded()")
            .retry(100)
            .retryDelay(100, MILLISECONDS)
            .retryMaxDuration(250, MILLISECONDS)
            .build();
    Throwable failure = failure(ft.call(pool, body::call));
    assertSame(body.last(), failure);
    int attempts = body.attempts.get();
    assertTrue(attempts >= 1 && attempts <= 3, "attempts: " + attempts);
  }

  @Test
  void retryOnSkipsFailuresItDoesNotName() throws Exception {
    ExecutorService pool = newPool(2);
    AtomicInteger attempts = new AtomicInteger();
    IllegalStateException notRetried = new IllegalStateException("abort");
    FaultTolerance ft =
        FaultTolerance.of("T.retryOn()")
            .retry(5)
            .retryOn(failure -> failure instanceof IOException)
            .build();
    CompletableFuture<String> call =
        ft.call(
            pool,
            () -> {
              if (attempts.incrementAndGet() < 3) {
                throw new IOException("retried");
              }
              throw notRetried;
            });
    assertSame(notRetried, failure(call));
    assertEquals(3, attempts.get(), "two IOExceptions retried, then the abort ended it");
  }

  @Test
  void abortOnWinsOverRetryOn() throws Exception {
    ExecutorService pool = newPool(2);
    AtomicInteger attempts = new AtomicInteger();
    // retryOn = Exception, abortOn = IllegalArgumentException (a subclass).
    FaultTolerance ft =
        FaultTolerance.of("T.abortOn()")
            .retry(5)
            .retryOn(f -> f instanceof Exception && !(f instanceof IllegalArgumentException))
            .build();
    IllegalArgumentException abort = new IllegalArgumentException("no");
    CompletableFuture<String> call =
        ft.call(
            pool,
            () -> {
              attempts.incrementAndGet();
              throw abort;
            });
    assertSame(abort, failure(call));
    assertEquals(1, attempts.get());
  }

  @Test
  void errorsAreNotRetriedByDefault() throws Exception {
    ExecutorService pool = newPool(2);
    AtomicInteger attempts = new AtomicInteger();
    TestError error = new TestError("fatal");
    FaultTolerance ft = FaultTolerance.of("T.error()").retry(3).build();
    CompletableFuture<String> call =
        ft.call(
            pool,
            () -> {
              attempts.incrementAndGet();
              throw error;
            });
    assertSame(error, failure(call));
    assertEquals(1, attempts.get(), "retryOn defaults to Exception: an Error is not retried");
  }

  @Test
  void retriesWaitAtLeastTheDelay() throws Exception {
    ExecutorService pool = newPool(2);
    Flaky body = new Flaky(3);
    FaultTolerance ft =
        FaultTolerance.of("T.delay()").retry(3).retryDelay(60, MILLISECONDS).build();
    assertEquals("ok 4", value(ft.call(pool, body::call)));
    long[] gaps = body.gapsMillis();
    assertEquals(3, gaps.length);
    for (long gap : gaps) {
      assertTrue(gap >= 59, "a retry started " + gap + " ms after the attempt before");
    }
  }

  @Test
  void exponentialBackoffGrowsAndIsCapped() throws Exception {
    ExecutorService pool = newPool(2);
    Flaky body = new Flaky(4);
    // Delays 40, 80, 160 -> capped at 120, 120.
    FaultTolerance ft =
        FaultTolerance.of("T.backoff()")
            .retry(4)
            .retryDelay(40, MILLISECONDS)
            .retryBackoff(2.0, 120, MILLISECONDS)
            .build();
    assertEquals("ok 5", value(ft.call(pool, body::call)));
    long[] gaps = body.gapsMillis();
    assertEquals(4, gaps.length);
    assertTrue(gaps[0] >= 39, "first delay " + gaps[0]);
    assertTrue(gaps[1] >= 79, "second delay doubled: " + gaps[1]);
    assertTrue(gaps[2] >= 119, "third delay capped at 120: " + gaps[2]);
    assertTrue(gaps[3] >= 119, "fourth delay capped at 120: " + gaps[3]);
  }

  @Test
  void backoffCapKeepsGrowingDelaysShort() throws Exception {
    ExecutorService pool = newPool(2);
    Flaky body = new Flaky(4);
    // Uncapped, the delays would be 10 ms, 100 ms, 1 s, 10 s; capped at 50 ms they take ~160 ms.
    FaultTolerance ft =
        FaultTolerance.of("T.cap()")
            .retry(4)
            .retryDelay(10, MILLISECONDS)
            .retryBackoff(10.0, 50, MILLISECONDS)
            .retryMaxDuration(1, TimeUnit.HOURS)
            .build();
    long start = System.nanoTime();
    assertEquals("ok 5", value(ft.call(pool, body::call)));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(took < LONG_DELAY_MS / 2, "the cap did not hold: " + took + " ms");
    long[] gaps = body.gapsMillis();
    assertTrue(gaps[1] >= 49 && gaps[2] >= 49 && gaps[3] >= 49, java.util.Arrays.toString(gaps));
  }

  @Test
  void jitterKeepsEachDelayWithinItsBounds() throws Exception {
    ExecutorService pool = newPool(2);
    Flaky body = new Flaky(6);
    // Delay 100 ms, jitter 40 ms: every gap is at least 60 ms.
    FaultTolerance ft =
        FaultTolerance.of("T.jitter()")
            .retry(6)
            .retryDelay(100, MILLISECONDS)
            .retryJitter(40, MILLISECONDS)
            .build();
    assertEquals("ok 7", value(ft.call(pool, body::call)));
    for (long gap : body.gapsMillis()) {
      assertTrue(gap >= 59, "a jittered delay went below delay - jitter: " + gap + " ms");
    }
  }

  @Test
  void jitterLargerThanTheDelayNeverMakesItNegative() throws Exception {
    ExecutorService pool = newPool(2);
    Flaky body = new Flaky(20);
    FaultTolerance ft =
        FaultTolerance.of("T.bigJitter()")
            .retry(20)
            .retryDelay(1, MILLISECONDS)
            .retryJitter(5, MILLISECONDS)
            .build();
    assertEquals("ok 21", value(ft.call(pool, body::call)));
    assertEquals(21, body.attempts.get());
  }

  @Test
  void voidAndRelayBodiesAreRetriedToo() throws Exception {
    ExecutorService pool = newPool(2);
    FaultTolerance ft = FaultTolerance.of("T.kinds()").retry(2).build();
    AtomicInteger runs = new AtomicInteger();
    value(
        ft.run(
            pool,
            () -> {
              if (runs.incrementAndGet() < 3) {
                throw new IOException("void");
              }
            }));
    assertEquals(3, runs.get());

    AtomicInteger relays = new AtomicInteger();
    List<IOException> thrown = new CopyOnWriteArrayList<>();
    CompletableFuture<String> relay =
        ft.relay(
            pool,
            () -> {
              relays.incrementAndGet();
              IOException e = new IOException("stage " + relays.get());
              thrown.add(e);
              return CompletableFuture.<String>failedFuture(e);
            });
    Throwable last = failure(relay);
    assertSame(thrown.get(2), last, "the last stage's own exception");
    assertEquals(3, relays.get());
  }

  @Test
  void timedOutAttemptsAreRetriedAndTheLastTimeoutIsTheFailure() throws Exception {
    ExecutorService pool = newPool(4);
    FaultTolerance ft = FaultTolerance.of("T.slow()").timeout(50, MILLISECONDS).retry(2).build();
    // Three attempts, though a busy machine may time some out before their bodies ran; a call in
    // which none ran is made again (it shows the retries, not the attempts being stopped).
    long giveUp = System.nanoTime() + MILLISECONDS.toNanos(LONG_DELAY_MS);
    while (true) {
      AtomicInteger attempts = new AtomicInteger();
      CompletableFuture<String> call =
          ft.call(
              pool,
              () -> {
                attempts.incrementAndGet();
                Thread.sleep(FOREVER_MS);
                return "late";
              });
      Throwable failure = failure(call);
      assertInstanceOf(DeadlineExceededException.class, failure);
      assertTrue(failure.getMessage().contains("T.slow()"), failure.getMessage());
      drain(pool, 4); // every attempt has run (and was stopped), or never will
      assertTrue(attempts.get() <= 3, "attempts: " + attempts.get());
      if (attempts.get() >= 1) {
        return;
      }
      assertTrue(System.nanoTime() - giveUp < 0, "no attempt ever ran before its deadline");
    }
  }

  @Test
  void aTimeoutBoundsEachAttemptNotTheWhole() throws Exception {
    ExecutorService pool = newPool(2);
    AtomicInteger attempts = new AtomicInteger();
    // Three attempts of 40% of the timeout each take longer than one timeout: still a success.
    // Each attempt has 60% of the timeout to spare, for a starved machine's waits for a core.
    FaultTolerance ft =
        FaultTolerance.of("T.each()").timeout(STARTS_IN_TIME_MS, MILLISECONDS).retry(3).build();
    long start = System.nanoTime();
    CompletableFuture<String> call =
        ft.call(
            pool,
            () -> {
              sleepUninterruptibly(STARTS_IN_TIME_MS * 4 / 10);
              if (attempts.incrementAndGet() < 3) {
                throw new IOException("again");
              }
              return "third";
            });
    assertEquals("third", value(call));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(
        tookMs > STARTS_IN_TIME_MS, "the whole took less than one timeout: " + tookMs + " ms");
  }

  @Test
  void resultsCompleteExactlyOnceUnderConcurrentCalls() throws Exception {
    ExecutorService pool = newPool(4);
    FaultTolerance ft = FaultTolerance.of("T.many()").retry(2).build();
    int calls = 500;
    AtomicInteger completions = new AtomicInteger();
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<?>[] futures = new CompletableFuture<?>[calls];
    List<CompletableFuture<?>> seen = new java.util.ArrayList<>();
    for (int i = 0; i < calls; i++) {
      int n = i;
      AtomicInteger mine = new AtomicInteger();
      CompletableFuture<Integer> f =
          ft.call(
              pool,
              () -> {
                attempts.incrementAndGet();
                if (mine.incrementAndGet() <= n % 3) {
                  throw new IOException("fail " + n);
                }
                return n;
              });
      // Wait for the counting stage itself: it may run after the test thread saw the result.
      seen.add(f.whenComplete((v, t) -> completions.incrementAndGet()).exceptionally(t -> null));
      futures[i] = f;
    }
    for (int i = 0; i < calls; i++) {
      assertEquals(Integer.valueOf(i), value(futures[i]));
    }
    for (CompletableFuture<?> f : seen) {
      value(f);
    }
    assertEquals(calls, completions.get());
    // n % 3 failures each: 0, 1, 2 -> 1, 2, 3 attempts.
    int expected = 0;
    for (int i = 0; i < calls; i++) {
      expected += i % 3 + 1;
    }
    assertEquals(expected, attempts.get());
    for (CompletableFuture<?> f : futures) {
      assertFalse(f.completeExceptionally(new TestError("late")), "completed twice");
    }
    assertEquals(calls, completions.get());
  }

  @Test
  void invalidConfigurationIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> FaultTolerance.of("T.x()").retry(-2));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FaultTolerance.of("T.x()")
                .retry(1)
                .retryDelay(2, SECONDS)
                .retryMaxDuration(1, SECONDS)
                .build());
    assertThrows(
        IllegalArgumentException.class,
        () -> FaultTolerance.of("T.x()").retryBackoff(0.5, 0, MILLISECONDS));
    assertThrows(
        IllegalArgumentException.class,
        () -> FaultTolerance.of("T.x()").retryJitter(-1, MILLISECONDS));
  }
}
