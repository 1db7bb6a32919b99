package dev.asyncdsl;

import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link Fallback} as {@link FaultTolerance} runs it: after the retries are spent, with the
 * failure, for every kind of method; its own exception is the call's; {@code applyOn}/{@code
 * skipOn} decide whether it runs; a cancelled call never falls back. Modelled on MicroProfile Fault
 * Tolerance's FallbackTest and its retry-then-fallback cases.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class FallbackPolicyTest extends ConcurrencyTestSupport {

  @Test
  void fallsBackOnceTheRetriesAreSpentWithTheLastFailure() throws Exception {
    ExecutorService pool = newPool(2);
    AtomicInteger attempts = new AtomicInteger();
    List<IOException> thrown = new CopyOnWriteArrayList<>();
    AtomicReference<Throwable> received = new AtomicReference<>();
    AtomicInteger fallbacks = new AtomicInteger();
    FaultTolerance ft = FaultTolerance.of("F.retried()").retry(2).build();
    CompletableFuture<String> call =
        ft.call(
            pool,
            () -> {
              IOException e = new IOException("attempt " + attempts.incrementAndGet());
              thrown.add(e);
              throw e;
            },
            failure -> {
              fallbacks.incrementAndGet();
              received.set(failure);
              return "fallback after " + failure.getMessage();
            });
    assertEquals("fallback after attempt 3", value(call));
    assertEquals(3, attempts.get(), "the fallback runs only once the retries are spent");
    assertEquals(1, fallbacks.get());
    assertSame(
        thrown.get(2), received.get(), "the fallback receives the last attempt's failure itself");
  }

  @Test
  void fallsBackWithoutRetry() throws Exception {
    ExecutorService pool = newPool(2);
    IllegalStateException boom = new IllegalStateException("boom");
    AtomicReference<Throwable> received = new AtomicReference<>();
    FaultTolerance ft = FaultTolerance.of("F.once()").build();
    CompletableFuture<Integer> call =
        ft.call(
            pool,
            () -> {
              throw boom;
            },
            failure -> {
              received.set(failure);
              return 42;
            });
    assertEquals(42, value(call));
    assertSame(boom, received.get());
  }

  @Test
  void aSuccessNeverRunsTheFallback() throws Exception {
    ExecutorService pool = newPool(2);
    AtomicInteger fallbacks = new AtomicInteger();
    FaultTolerance ft = FaultTolerance.of("F.ok()").retry(3).build();
    assertEquals(
        "ok", value(ft.call(pool, () -> "ok", failure -> "fb" + fallbacks.incrementAndGet())));
    assertEquals(0, fallbacks.get());
  }

  @Test
  void theFallbacksOwnExceptionIsTheCallsUnwrapped() throws Exception {
    ExecutorService pool = newPool(2);
    IOException fromFallback = new IOException("fallback failed too");
    TestError errorFromFallback = new TestError("fallback error");
    FaultTolerance ft = FaultTolerance.of("F.fails()").retry(1).build();
    CompletableFuture<String> call =
        ft.call(
            pool,
            () -> {
              throw new IllegalStateException("method");
            },
            failure -> {
              throw fromFallback;
            });
    assertSame(fromFallback, failure(call));
    assertSame(fromFallback, call.handle((v, t) -> t).get(LONG_DELAY_MS, MILLISECONDS));

    CompletableFuture<Void> run =
        ft.run(
            pool,
            () -> {
              throw new IllegalStateException("method");
            },
            failure -> {
              throw errorFromFallback;
            });
    assertSame(errorFromFallback, failure(run));
  }

  @Test
  void failuresOutsideApplyOnOrInSkipOnPassThrough() throws Exception {
    ExecutorService pool = newPool(2);
    AtomicInteger fallbacks = new AtomicInteger();
    // applyOn = Exception, skipOn = IllegalArgumentException.
    FaultTolerance ft =
        FaultTolerance.of("F.skip()")
            .retry(1)
            .fallbackOn(f -> f instanceof Exception && !(f instanceof IllegalArgumentException))
            .build();
    IllegalArgumentException skipped = new IllegalArgumentException("skipped");
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<String> call =
        ft.call(
            pool,
            () -> {
              attempts.incrementAndGet();
              throw skipped;
            },
            failure -> "fb" + fallbacks.incrementAndGet());
    assertSame(skipped, failure(call));
    assertEquals(2, attempts.get(), "retried, then passed through");
    assertEquals(0, fallbacks.get());

    TestError notAnException = new TestError("not applied");
    assertSame(
        notAnException,
        failure(
            ft.call(
                pool,
                () -> {
                  throw notAnException;
                },
                failure -> "fb" + fallbacks.incrementAndGet())));
    assertEquals(0, fallbacks.get());

    assertEquals(
        "fb1",
        value(
            ft.call(
                pool,
                () -> {
                  throw new IOException("applied");
                },
                failure -> "fb" + fallbacks.incrementAndGet())));
  }

  @Test
  void voidFallbackReplacesTheFailure() throws Exception {
    ExecutorService pool = newPool(2);
    IOException failed = new IOException("void failed");
    AtomicReference<Throwable> received = new AtomicReference<>();
    FaultTolerance ft = FaultTolerance.of("F.void()").retry(2).build();
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<Void> run =
        ft.run(
            pool,
            () -> {
              runs.incrementAndGet();
              throw failed;
            },
            received::set);
    assertNull(value(run));
    assertEquals(3, runs.get());
    assertSame(failed, received.get());
  }

  @Test
  void relayFallbackStageIsRelayed() throws Exception {
    ExecutorService pool = newPool(2);
    IOException stageFailure = new IOException("stage failed");
    AtomicReference<Throwable> received = new AtomicReference<>();
    CompletableFuture<String> fallbackStage = new CompletableFuture<>();
    FaultTolerance ft = FaultTolerance.of("F.relay()").retry(1).build();
    CompletableFuture<String> relay =
        ft.relay(
            pool,
            () -> CompletableFuture.<String>failedFuture(stageFailure),
            failure -> {
              received.set(failure);
              return fallbackStage;
            });
    // The fallback's stage is part of the call: the call waits for it.
    long deadline = System.nanoTime() + MILLISECONDS.toNanos(LONG_DELAY_MS);
    while (received.get() == null && System.nanoTime() - deadline < 0) {
      sleepUninterruptibly(2);
    }
    assertSame(stageFailure, received.get());
    sleepUninterruptibly(20);
    assertTrue(!relay.isDone(), "the relay completed before the fallback's stage");
    fallbackStage.complete("from the fallback's stage");
    assertEquals("from the fallback's stage", value(relay));

    IOException fallbackStageFailure = new IOException("fallback stage failed");
    CompletableFuture<String> failing =
        ft.relay(
            pool,
            () -> CompletableFuture.<String>failedFuture(stageFailure),
            failure -> CompletableFuture.<String>failedFuture(fallbackStageFailure));
    assertSame(fallbackStageFailure, failure(failing));
  }

  @Test
  void fallsBackOnPolicyFailures() throws Exception {
    ExecutorService pool = newPool(2);
    // A timeout.
    FaultTolerance timed = FaultTolerance.of("F.timeout()").timeout(30, MILLISECONDS).build();
    AtomicReference<Throwable> received = new AtomicReference<>();
    CompletableFuture<String> call =
        timed.call(
            pool,
            () -> {
              Thread.sleep(FOREVER_MS);
              return "late";
            },
            failure -> {
              received.set(failure);
              return "timed out";
            });
    assertEquals("timed out", value(call));
    assertInstanceOf(DeadlineExceededException.class, received.get());

    // An open circuit: the method does not run, the fallback does.
    FaultTolerance circuit =
        FaultTolerance.of("F.circuit()").circuitBreaker(1, 1.0, 1, HOURS, 1).build();
    failure(
        circuit.call(
            pool,
            () -> {
              throw new IOException("opens it");
            }));
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<String> rejected =
        circuit.call(
            pool,
            () -> "ran " + runs.incrementAndGet(),
            failure -> failure.getClass().getSimpleName());
    assertEquals("CircuitBreakerOpenException", value(rejected));
    assertEquals(0, runs.get());

    // A full bulkhead.
    FaultTolerance bulkhead = FaultTolerance.of("F.bulkhead()").bulkhead(1, 0).build();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> holder =
        bulkhead.call(
            pool,
            () -> {
              started.countDown();
              await(release);
              return "holder";
            });
    await(started);
    assertEquals(
        "BulkheadFullException",
        value(bulkhead.call(pool, () -> "no room", failure -> failure.getClass().getSimpleName())));
    release.countDown();
    assertEquals("holder", value(holder));
  }

  @Test
  void aCancelledCallNeverFallsBack() throws Exception {
    ExecutorService pool = newPool(2);
    AtomicInteger fallbacks = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    FaultTolerance ft = FaultTolerance.of("F.cancel()").retry(3).build();
    CompletableFuture<String> call =
        ft.call(
            pool,
            () -> {
              started.countDown();
              try {
                Thread.sleep(FOREVER_MS);
                return "never";
              } finally {
                stopped.countDown();
              }
            },
            failure -> "fb" + fallbacks.incrementAndGet());
    await(started);
    assertTrue(call.cancel(true));
    assertEndsCancelled(call);
    await(stopped);
    sleepUninterruptibly(30);
    assertEquals(0, fallbacks.get());
  }

  @Test
  void theFallbackRunsOnTheExecutor() throws Exception {
    ExecutorService pool = newPool(1);
    FaultTolerance ft = FaultTolerance.of("F.where()").build();
    CompletableFuture<String> call =
        ft.call(
            pool,
            () -> {
              throw new IOException("x");
            },
            failure -> Thread.currentThread().getName());
    assertTrue(value(call).startsWith("test-pool-"), "ran on " + value(call));
  }
}
