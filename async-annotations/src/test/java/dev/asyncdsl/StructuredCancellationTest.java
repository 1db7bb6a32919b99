package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.internal.CallScope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A call started while another call's method runs is that call's child: it inherits the deadline
 * and is cancelled with it. What is not started from inside a method is nobody's child.
 */
@org.junit.jupiter.api.Timeout(30)
class StructuredCancellationTest extends ConcurrencyTestSupport {

  /** A method that sleeps until interrupted, and says so. */
  private static AsyncRuntime.ValueBody<Integer> sleeper(
      CountDownLatch started, CountDownLatch interrupted) {
    return () -> {
      started.countDown();
      try {
        Thread.sleep(FOREVER_MS);
        return 0;
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
    };
  }

  @Test
  void cancellingTheOuterCallCancelsAndInterruptsTheInnerOne() throws Exception {
    ExecutorService pool = newPool(2);
    CountDownLatch innerStarted = new CountDownLatch(1);
    CountDownLatch innerInterrupted = new CountDownLatch(1);
    CompletableFuture<CompletableFuture<Integer>> inner = new CompletableFuture<>();
    CompletableFuture<Integer> outer =
        AsyncRuntime.call(
            pool,
            () -> {
              inner.complete(AsyncRuntime.call(pool, sleeper(innerStarted, innerInterrupted)));
              return Tasks.await(inner.getNow(null));
            });
    await(innerStarted);
    assertTrue(outer.cancel(true));
    assertEndsCancelled(value(inner));
    await(innerInterrupted);
  }

  @Test
  void aChildThatInheritedTheDeadlineTimesOutWithItsParentRatherThanBeingCancelled()
      throws Exception {
    ExecutorService pool = newPool(2);
    // Ten rounds in which the outer method ran. On a loaded machine the 30 ms deadline may pass
    // before a thread takes the outer method, which then never runs (as it must not) and starts no
    // child: such a round proves nothing and is not counted.
    long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LONG_DELAY_MS);
    for (int round = 0; round < 10; ) {
      assertTrue(
          System.nanoTime() - giveUp < 0, "the outer method ran in only " + round + " rounds");
      CompletableFuture<CompletableFuture<Integer>> inner = new CompletableFuture<>();
      CompletableFuture<Integer> outer =
          AsyncRuntime.call(
              pool,
              30,
              TimeUnit.MILLISECONDS,
              () -> {
                inner.complete(
                    AsyncRuntime.call(
                        pool,
                        () -> {
                          Thread.sleep(FOREVER_MS);
                          return 0;
                        }));
                return Tasks.await(inner.get());
              });
      assertInstanceOf(TimeoutException.class, failure(outer));
      drain(pool, 2); // the outer method has run, or never will
      if (!inner.isDone()) {
        continue;
      }
      assertInstanceOf(DeadlineExceededException.class, failure(value(inner)), "round " + round);
      round++;
    }
  }

  @Test
  void anOuterTimeoutStopsTheInnerCallWithIt() throws Exception {
    ExecutorService pool = newPool(2);
    CountDownLatch innerStarted = new CountDownLatch(1);
    CountDownLatch innerInterrupted = new CountDownLatch(1);
    AtomicReference<CompletableFuture<Integer>> inner = new AtomicReference<>();
    // Both methods must start before the deadline (the inner one is to be interrupted).
    CompletableFuture<Integer> outer =
        AsyncRuntime.call(
            pool,
            STARTS_IN_TIME_MS,
            TimeUnit.MILLISECONDS,
            () -> {
              inner.set(AsyncRuntime.call(pool, sleeper(innerStarted, innerInterrupted)));
              sleepUninterruptibly(
                  STARTS_IN_TIME_MS + FOREVER_MS / 20); // does not wait for the child
              return 1;
            });
    assertInstanceOf(TimeoutException.class, failure(outer));
    await(innerInterrupted);
    assertTrue(inner.get().isCompletedExceptionally());
  }

  @Test
  void aCallStartedByAStoppedParentDoesNotRun() throws Exception {
    ExecutorService pool = newPool(2);
    CountDownLatch parentRunning = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    AtomicBoolean childRan = new AtomicBoolean();
    CompletableFuture<CompletableFuture<Integer>> child = new CompletableFuture<>();
    CompletableFuture<Integer> parent =
        AsyncRuntime.call(
            pool,
            () -> {
              parentRunning.countDown();
              await(cancelled); // cancel(false): the method goes on, uninterrupted
              child.complete(
                  AsyncRuntime.call(
                      pool,
                      () -> {
                        childRan.set(true);
                        return 2;
                      }));
              return 1;
            });
    await(parentRunning);
    assertTrue(parent.cancel(false));
    cancelled.countDown();
    assertEndsCancelled(value(child));
    assertFalse(childRan.get());
  }

  @Test
  void aRelaysComposedContinuationIsStoppedWhenTheRelayTimesOut() throws Exception {
    ExecutorService pool = newPool(4);
    CountDownLatch secondStarted = new CountDownLatch(1);
    CountDownLatch secondInterrupted = new CountDownLatch(1);
    AtomicReference<CompletableFuture<Integer>> second = new AtomicReference<>();
    // The second method must start before the deadline (it is to be interrupted).
    CompletableFuture<Integer> relay =
        AsyncRuntime.relay(
            pool,
            STARTS_IN_TIME_MS,
            TimeUnit.MILLISECONDS,
            () ->
                AsyncRuntime.call(
                        pool,
                        () -> {
                          Thread.sleep(
                              20); // completes after the relay's method has returned its stage
                          return 1;
                        })
                    .thenCompose(
                        x -> {
                          second.set(
                              AsyncRuntime.call(pool, sleeper(secondStarted, secondInterrupted)));
                          return second.get();
                        }));
    assertInstanceOf(TimeoutException.class, failure(relay));
    await(secondInterrupted);
    assertTrue(second.get().isCompletedExceptionally());
  }

  @Test
  void cancelWithoutInterruptOnARelayDoesNotInterruptTheMethodBehindItsStage() throws Exception {
    ExecutorService pool = newPool(2);
    CountDownLatch innerStarted = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicBoolean innerInterrupted = new AtomicBoolean();
    CompletableFuture<CompletableFuture<Integer>> inner = new CompletableFuture<>();
    CompletableFuture<Integer> relay =
        AsyncRuntime.relay(
            pool,
            () -> {
              inner.complete(
                  AsyncRuntime.call(
                      pool,
                      () -> {
                        innerStarted.countDown();
                        try {
                          finish.await();
                        } catch (InterruptedException e) {
                          innerInterrupted.set(true);
                        }
                        return 1;
                      }));
              return inner.getNow(null);
            });
    await(innerStarted);
    assertTrue(relay.cancel(false));
    assertEndsCancelled(value(inner));
    sleepUninterruptibly(100);
    finish.countDown();
    assertFalse(innerInterrupted.get(), "cancel(false) interrupted the method behind the stage");
  }

  // ---- what is nobody's child ------------------------------------------------------------------

  @Test
  void aContinuationSetUpOutsideAnyCallInheritsNoDeadlineFromTheMethodThatCompletesItsFuture()
      throws Exception {
    ExecutorService pool = newPool(1);
    CompletableFuture<Integer> order = new CompletableFuture<>();
    CompletableFuture<CompletableFuture<Integer>> handedOut = new CompletableFuture<>();
    CountDownLatch continuationSetUp = new CountDownLatch(1);
    CompletableFuture<Integer> timed =
        AsyncRuntime.call(
            pool,
            5,
            TimeUnit.SECONDS,
            () -> {
              // An inline call that runs when `order` completes, here, inside this timed method.
              handedOut.complete(AsyncRuntime.call(order::thenRun, () -> 1));
              continuationSetUp.await();
              order.complete(1);
              return 0;
            });
    // Outside any call: continue with the inner call's result.
    CompletableFuture<Long> remaining = value(handedOut).thenApply(v -> CallScope.remainingNanos());
    continuationSetUp.countDown();
    value(timed);
    assertEquals(
        -1,
        value(remaining),
        "a continuation set up outside any call inherited the deadline of the method it completed in");
  }

  @Test
  void detachedStartsACallOutsideTheCurrentDeadlineAndCancellation() throws Exception {
    ExecutorService pool = newPool(3);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<CompletableFuture<Long>> detached = new AtomicReference<>();
    AtomicReference<CompletableFuture<Long>> attached = new AtomicReference<>();
    // The outer method must start before its deadline (it starts the two calls).
    CompletableFuture<Integer> outer =
        AsyncRuntime.call(
            pool,
            STARTS_IN_TIME_MS,
            TimeUnit.MILLISECONDS,
            () -> {
              detached.set(
                  Tasks.detached(
                      () ->
                          AsyncRuntime.call(
                              pool,
                              () -> {
                                release.await();
                                return CallScope.remainingNanos();
                              })));
              attached.set(AsyncRuntime.call(pool, CallScope::remainingNanos));
              Thread.sleep(FOREVER_MS);
              return 0;
            });
    assertInstanceOf(TimeoutException.class, failure(outer));
    assertTrue(value(attached.get()) >= 0, "an ordinary inner call inherits the deadline");
    assertFalse(detached.get().isDone(), "the detached call was stopped with the outer one");
    release.countDown();
    assertEquals(-1, value(detached.get()), "the detached call inherited the deadline");
  }
}
