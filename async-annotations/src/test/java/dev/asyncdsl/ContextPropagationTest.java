package dev.asyncdsl;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.internal.context.Propagation;
import dev.asyncdsl.spi.ContextPropagator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The caller's context travels with a call: captured once, on the caller's thread, when the call is
 * made, and restored around the body, every retry attempt, the fallback and the dependents the
 * runtime completes on threads of its own; each thread holds what it held before once the work is
 * done. A thread-local of the test's own, through {@link ContextPropagator#ofThreadLocal}, stands
 * for the MDC or a trace; the modules for those are tested with the real libraries.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContextPropagationTest extends TenantContextSupport {
  @Test
  void theBodySeesTheCallersValueAndThePoolThreadGetsItsOwnBack() throws Exception {
    ExecutorService pool = newSingleThreadPool();
    pool.submit(() -> TENANT.set("the pool's own")).get();

    assertEquals("caller", value(AsyncRuntime.call(pool, TENANT::get)));

    assertEquals("the pool's own", pool.submit(TENANT::get).get());
  }

  @Test
  void theValueIsTheOneTheCallerHeldWhenItMadeTheCall() throws Exception {
    ExecutorService pool = newSingleThreadPool();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> call =
        AsyncRuntime.call(
            pool,
            () -> {
              await(release);
              return TENANT.get();
            });
    TENANT.set("changed after the call was made");
    release.countDown();
    assertEquals("caller", value(call));
  }

  @Test
  void everyAttemptAndTheFallbackSeeTheCallersValue() throws Exception {
    ExecutorService pool = newPool(2);
    List<String> seen = new CopyOnWriteArrayList<>();
    FaultTolerance ft =
        FaultTolerance.of("T.flaky()").retry(2).retryDelay(20, MILLISECONDS).build();
    CompletableFuture<String> call =
        ft.call(
            pool,
            () -> {
              seen.add(TENANT.get());
              throw new IOException("attempt " + seen.size());
            },
            failure -> "fallback saw " + TENANT.get());
    TENANT.set("changed");

    assertEquals("fallback saw caller", value(call));
    assertEquals(List.of("caller", "caller", "caller"), seen);
  }

  @Test
  void aRetryStartedFromTheBackoffTimerRunsInTheCallersContextEvenInline() throws Exception {
    // Runnable::run: attempts 2 and 3 run on the completer that ends the backoff, a thread of
    // the runtime's that holds nobody's context.
    List<String> seen = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    FaultTolerance ft =
        FaultTolerance.of("T.inline()").retry(2).retryDelay(20, MILLISECONDS).build();
    CompletableFuture<String> call =
        ft.call(
            Runnable::run,
            () -> {
              seen.add(TENANT.get());
              threads.add(Thread.currentThread().getName());
              throw new IOException("down");
            });
    TENANT.set("changed");

    assertInstanceOf(IOException.class, failure(call));
    assertEquals(List.of("caller", "caller", "caller"), seen);
    assertTrue(threads.get(2).startsWith("asyncdsl-completer"), threads.toString());
  }

  @Test
  void aDependentOfATimedOutCallRunsInTheCallersContextOnTheRuntimesThread() throws Exception {
    ExecutorService pool = newPool(1);
    AtomicReference<String> seen = new AtomicReference<>();
    AtomicReference<String> thread = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    CompletableFuture<String> call =
        AsyncRuntime.call(
            pool,
            STARTS_IN_TIME_MS,
            MILLISECONDS,
            () -> {
              Thread.sleep(FOREVER_MS);
              return "too late";
            });
    call.whenComplete(
        (value, failure) -> {
          seen.set(TENANT.get());
          thread.set(Thread.currentThread().getName());
          ran.countDown();
        });
    TENANT.set("changed");

    // Waits for the dependent, not for the call: a thread waiting in get() helps run the
    // dependents of the future it waited for, on its own thread.
    await(ran);
    assertInstanceOf(DeadlineExceededException.class, failure(call));
    assertTrue(thread.get().startsWith("asyncdsl-completer"), thread.get());
    assertEquals("caller", seen.get());
  }

  @Test
  void aCancelFromAnotherThreadRunsTheDependentsInTheCallersContextAndLeavesThatThreadAsItWas()
      throws Exception {
    ExecutorService pool = newPool(1);
    ExecutorService canceller = newSingleThreadPool();
    CompletableFuture<String> call =
        AsyncRuntime.call(
            pool,
            () -> {
              Thread.sleep(FOREVER_MS);
              return "never";
            });
    CompletableFuture<String> dependentSaw = call.handle((value, failure) -> TENANT.get());

    String cancellerAfter =
        canceller
            .submit(
                () -> {
                  TENANT.set("canceller");
                  call.cancel(true);
                  return TENANT.get();
                })
            .get();

    assertEquals("caller", dependentSaw.get(LONG_DELAY_MS, MILLISECONDS));
    assertEquals("canceller", cancellerAfter);
  }

  @Test
  void aCallStartedInsideABodyCarriesTheRestoredValueAndSoDoesADetachedOne() throws Exception {
    ExecutorService pool = newPool(3);
    CompletableFuture<List<String>> outer =
        AsyncRuntime.call(
            pool,
            () -> {
              String nested = AsyncRuntime.call(pool, TENANT::get).join();
              String detached = Tasks.detached(() -> AsyncRuntime.call(pool, TENANT::get)).join();
              return List.of(nested, detached);
            });
    assertEquals(List.of("caller", "caller"), value(outer));
  }

  @Test
  void eachMemberOfAGatherSeesTheCallersValue() throws Exception {
    ExecutorService pool = newPool(2);
    List<Integer> inputs = List.of(1, 2, 3, 4, 5, 6, 7, 8);
    CompletableFuture<List<String>> all =
        AsyncRuntime.each(inputs, i -> AsyncRuntime.call(pool, () -> TENANT.get() + i));
    List<String> expected = new ArrayList<>();
    for (int i : inputs) {
      expected.add("caller" + i);
    }
    assertEquals(expected, value(all));
  }

  @Test
  void aRelayedStageCompletedElsewhereCompletesTheCallInTheCallersContext() throws Exception {
    ExecutorService pool = newPool(1);
    ExecutorService elsewhere = newSingleThreadPool();
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<String> call = AsyncRuntime.relay(pool, () -> stage);
    CompletableFuture<String> dependentSaw = call.thenApply(value -> value + TENANT.get());

    elsewhere
        .submit(
            () -> {
              TENANT.set("elsewhere");
              stage.complete("relayed in ");
            })
        .get();

    assertEquals("relayed in caller", dependentSaw.get(LONG_DELAY_MS, MILLISECONDS));
    assertEquals("elsewhere", elsewhere.submit(TENANT::get).get());
  }

  @Test
  void aWaitForTimeoutRunsItsDependentsInTheCallersContext() throws Exception {
    CompletableFuture<String> never = new CompletableFuture<>();
    CompletableFuture<String> bounded = Tasks.waitFor(never, 20, MILLISECONDS);
    CompletableFuture<String> dependentSaw = bounded.handle((value, failure) -> TENANT.get());
    TENANT.set("changed");

    // The dependent first: a thread waiting in get() on `bounded` would help run its dependents.
    assertEquals("caller", dependentSaw.get(LONG_DELAY_MS, MILLISECONDS));
    assertInstanceOf(TimeoutException.class, failure(bounded));
  }

  @Test
  void onePooledThreadAlternatingTwoCallersGivesEachBodyItsOwnCallersValueOnly() throws Exception {
    ExecutorService pool = newSingleThreadPool();
    ExecutorService callers = newPool(2);
    int callsEach = 500;
    AtomicInteger wrong = new AtomicInteger();
    AtomicInteger ran = new AtomicInteger();
    List<CompletableFuture<?>> calls = new CopyOnWriteArrayList<>();
    CountDownLatch bothReady = new CountDownLatch(2);
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (String who : List.of("A", "B")) {
      done.add(
          callers.submit(
              () -> {
                TENANT.set(who);
                bothReady.countDown();
                await(bothReady);
                for (int i = 0; i < callsEach; i++) {
                  calls.add(
                      AsyncRuntime.run(
                          pool,
                          () -> {
                            ran.incrementAndGet();
                            if (!who.equals(TENANT.get())) {
                              wrong.incrementAndGet();
                            }
                          }));
                }
                TENANT.remove();
              }));
    }
    for (java.util.concurrent.Future<?> caller : done) {
      caller.get(LONG_DELAY_MS, MILLISECONDS);
    }
    CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0]))
        .get(LONG_DELAY_MS, MILLISECONDS);

    assertEquals(2 * callsEach, ran.get());
    assertEquals(0, wrong.get(), "bodies that saw the other caller's value (or none)");
    assertNull(pool.submit(TENANT::get).get(), "the pool's thread kept a caller's value");
  }

  @Test
  void aCallerWithoutAValueClearsAStaleOneForItsBodyAndTheThreadGetsItBack() throws Exception {
    ExecutorService pool = newSingleThreadPool();
    pool.submit(() -> TENANT.set("stale")).get();
    TENANT.remove();

    CompletableFuture<String> call = AsyncRuntime.call(pool, () -> String.valueOf(TENANT.get()));

    assertEquals("null", value(call));
    assertEquals("stale", pool.submit(TENANT::get).get());
  }

  @Test
  void aPropagatorThatCannotRestoreFailsTheCallWithoutRunningItsMethod() throws Exception {
    IllegalStateException broken = new IllegalStateException("cannot restore");
    ContextPropagator<String, String> failing =
        new ContextPropagator<>() {
          @Override
          public String capture() {
            return "x";
          }

          @Override
          public String restore(String captured) {
            throw broken;
          }

          @Override
          public void reset(String previous) {}
        };
    ContextPropagator.register(failing);
    try {
      ExecutorService pool = newSingleThreadPool();
      AtomicInteger ran = new AtomicInteger();
      CompletableFuture<Integer> call = AsyncRuntime.call(pool, ran::incrementAndGet);
      assertSame(broken, failure(call));
      assertEquals(0, ran.get());
      // The propagator restored before the failing one was reset: the thread holds its own.
      assertNull(pool.submit(TENANT::get).get());
    } finally {
      ContextPropagator.unregister(failing);
    }
  }

  @Test
  void registrationIsIdempotentAndAnUnregisteredPropagatorTravelsNoMore() throws Exception {
    ContextPropagator.register(tenant);
    assertEquals(1, ContextPropagator.registered().stream().filter(p -> p == tenant).count());

    assertTrue(ContextPropagator.unregister(tenant));
    assertFalse(ContextPropagator.unregister(tenant));
    assertNull(Propagation.capture(), "no propagator in use, yet a snapshot was made");

    ExecutorService pool = newSingleThreadPool();
    assertNull(value(AsyncRuntime.call(pool, TENANT::get)));
  }

  @Test
  void twoPropagatorsOfOneThreadLocalAreOneRegistration() {
    ThreadLocal<String> local = new ThreadLocal<>();
    ContextPropagator.register(ContextPropagator.ofThreadLocal(local));
    ContextPropagator.register(ContextPropagator.ofThreadLocal(local));
    assertEquals(
        1,
        ContextPropagator.registered().stream()
            .filter(p -> p.equals(ContextPropagator.ofThreadLocal(local)))
            .count());
    assertTrue(ContextPropagator.unregister(ContextPropagator.ofThreadLocal(local)));
    assertFalse(ContextPropagator.unregister(ContextPropagator.ofThreadLocal(local)));
  }

  @Test
  void aCompletedFutureKeepsNothingOfTheCallersContext() throws Exception {
    ThreadLocal<Object> request = new ThreadLocal<>();
    ContextPropagator<Object, Object> carried = ContextPropagator.ofThreadLocal(request);
    ContextPropagator.register(carried);
    try {
      ExecutorService pool = newPool(2);
      FaultTolerance retried =
          FaultTolerance.of("T.released()").retry(1).retryDelay(5, MILLISECONDS).build();
      List<CompletableFuture<?>> kept = new ArrayList<>();
      List<java.lang.ref.WeakReference<Object>> values = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Object value = new byte[1024];
        values.add(new java.lang.ref.WeakReference<>(value));
        request.set(value);
        kept.add(AsyncRuntime.call(pool, () -> 1));
        kept.add(AsyncRuntime.call(pool, STARTS_IN_TIME_MS, MILLISECONDS, () -> 2));
        CompletableFuture<Integer> timedOut =
            AsyncRuntime.call(
                pool,
                1,
                MILLISECONDS,
                () -> {
                  Thread.sleep(FOREVER_MS);
                  return 3;
                });
        kept.add(timedOut);
        CompletableFuture<Integer> cancelled =
            AsyncRuntime.call(
                pool,
                () -> {
                  Thread.sleep(FOREVER_MS);
                  return 4;
                });
        cancelled.cancel(true);
        kept.add(cancelled);
        kept.add(
            retried.call(
                pool,
                () -> {
                  throw new IOException("down");
                },
                failure -> 5));
        kept.add(AsyncRuntime.relay(pool, () -> CompletableFuture.completedFuture(6)));
        request.remove();
      }
      for (CompletableFuture<?> future : kept) {
        future.handle((v, f) -> v).get(LONG_DELAY_MS, MILLISECONDS);
      }
      long deadline = System.nanoTime() + MILLISECONDS.toNanos(LONG_DELAY_MS);
      long alive;
      do {
        System.gc();
        Thread.sleep(20);
        alive = values.stream().filter(ref -> ref.get() != null).count();
      } while (alive > 0 && System.nanoTime() < deadline);
      assertEquals(0, alive, "context values still reachable from completed futures");
      assertEquals(60, kept.size()); // the futures themselves are still held
    } finally {
      ContextPropagator.unregister(carried);
    }
  }
}
