package dev.asyncdsl;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncdsl.spi.ContextPropagator;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A propagator that fails: the call still ends once, the circuit and the threads are left as they
 * were.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContextPropagationFailureTest extends TenantContextSupport {
  /** Throws {@code failure} as it is, checked or not, as Kotlin or Lombok's sneaky throws do. */
  @SuppressWarnings("unchecked")
  private static <X extends Throwable> RuntimeException sneaky(Throwable failure) throws X {
    throw (X) failure;
  }

  /** A propagator whose restore throws a checked exception on the threads {@code where} names. */
  private static ContextPropagator<String, String> restoreThrowsChecked(
      IOException broken, java.util.function.Predicate<Thread> where) {
    return new ContextPropagator<>() {
      @Override
      public String capture() {
        return "x";
      }

      @Override
      public String restore(String captured) {
        if (where.test(Thread.currentThread())) {
          throw sneaky(broken);
        }
        return null;
      }

      @Override
      public void reset(String previous) {}
    };
  }

  @Test
  void aCaptureThatThrowsDoesNotKeepAHalfOpenCircuitsTrialForever() throws Exception {
    FaultTolerance ft =
        FaultTolerance.of("T.trial()").circuitBreaker(1, 1.0, 50, MILLISECONDS, 1).build();
    ExecutorService pool = newPool(1);
    assertInstanceOf(
        IOException.class,
        failure(
            ft.call(
                pool,
                () -> {
                  throw new IOException("down");
                })));
    while (ft.circuitState() != FaultTolerance.CircuitState.HALF_OPEN) {
      Thread.sleep(5);
    }
    IllegalStateException broken = new IllegalStateException("cannot capture");
    ContextPropagator<String, String> failing =
        new ContextPropagator<>() {
          @Override
          public String capture() {
            throw broken;
          }

          @Override
          public String restore(String captured) {
            return null;
          }

          @Override
          public void reset(String previous) {}
        };
    ContextPropagator.register(failing);
    try {
      // The twin's method throws what capture threw, as documented; no call was made.
      assertSame(broken, assertThrows(IllegalStateException.class, () -> ft.call(pool, () -> "x")));
    } finally {
      ContextPropagator.unregister(failing);
    }

    // No trial ran, so the next call is the trial: it must be let through, not rejected for good.
    assertEquals("trial", value(ft.call(pool, () -> "trial")));
    assertEquals(FaultTolerance.CircuitState.CLOSED, ft.circuitState());
  }

  @Test
  void aRestoreThatThrowsACheckedExceptionResetsThePropagatorsRestoredBeforeIt() throws Exception {
    IOException broken = new IOException("cannot restore");
    ContextPropagator<String, String> failing = restoreThrowsChecked(broken, thread -> true);
    ContextPropagator.register(failing); // after the tenant: the tenant is restored first
    try {
      ExecutorService pool = newSingleThreadPool();
      AtomicInteger ran = new AtomicInteger();
      CompletableFuture<Integer> call = AsyncRuntime.call(pool, ran::incrementAndGet);
      assertSame(broken, failure(call));
      assertEquals(0, ran.get());
      assertNull(pool.submit(TENANT::get).get(), "the pool's thread kept the caller's value");
    } finally {
      ContextPropagator.unregister(failing);
    }
  }

  @Test
  void aRestoreThatThrowsACheckedExceptionOnTheBackoffStillStartsTheRetry() throws Exception {
    IOException broken = new IOException("cannot restore on the runtime's thread");
    ContextPropagator<String, String> failing =
        restoreThrowsChecked(broken, thread -> thread.getName().startsWith("asyncdsl-completer"));
    ContextPropagator.register(failing);
    // The completer hands what the task threw to its thread's handler: caught here, not printed.
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> reported.add(failure));
    try {
      ExecutorService pool = newPool(1);
      AtomicInteger attempts = new AtomicInteger();
      FaultTolerance ft =
          FaultTolerance.of("T.backoff()").retry(1).retryDelay(20, MILLISECONDS).build();
      CompletableFuture<String> call =
          ft.call(
              pool,
              () -> {
                if (attempts.incrementAndGet() == 1) {
                  throw new IOException("first attempt");
                }
                return "second attempt";
              });
      // Either outcome will do; the call must not stay pending with its retry never started.
      CompletableFuture<Object> ended = call.handle((value, failure) -> "ended");
      assertEquals("ended", value(ended));
      long deadline = System.nanoTime() + MILLISECONDS.toNanos(LONG_DELAY_MS);
      while (reported.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(List.of(broken), reported, "the restore's failure, reported once");
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
      ContextPropagator.unregister(failing);
    }
  }
}
