package dev.asyncdsl;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@link Bulkhead} as {@link FaultTolerance} keeps it: how many run at once, the waiting queue and
 * its order, rejection without blocking, and when a slot is given back. Modelled on what
 * MicroProfile Fault Tolerance's BulkheadAsynchTest checks; concurrency is proven with overlap
 * counters and latches, not with timing.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class BulkheadPolicyTest extends ConcurrencyTestSupport {

  /** Counts the bodies running now and the most that ever ran at once. */
  static final class Overlap {
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();

    void enter() {
      started.incrementAndGet();
      int n = now.incrementAndGet();
      most.accumulateAndGet(n, Math::max);
    }

    void exit() {
      now.decrementAndGet();
    }
  }

  /** Waits (bounded) until {@code reading} returns {@code expected}. */
  static void awaitCount(String what, int expected, IntSupplier reading) {
    long deadline = System.nanoTime() + MILLISECONDS.toNanos(LONG_DELAY_MS);
    int seen;
    while ((seen = reading.getAsInt()) != expected) {
      assertTrue(
          System.nanoTime() - deadline < 0, what + " stayed " + seen + ", expected " + expected);
      sleepUninterruptibly(2);
    }
  }

  /** A pool whose threads have started, so a short timeout does not pass before a body runs. */
  ExecutorService warmPool(int threads) throws Exception {
    ExecutorService pool = newPool(threads);
    drain(pool, threads);
    return pool;
  }

  /** Awaits the latch ignoring interrupts, as a method that does not respond to them would. */
  static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    long deadline = System.nanoTime() + MILLISECONDS.toNanos(LONG_DELAY_MS);
    while (latch.getCount() > 0 && System.nanoTime() - deadline < 0) {
      try {
        latch.await(10, MILLISECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void atMostValueCallsRunAtOnceAndTheRestWait() throws Exception {
    ExecutorService pool = newPool(8);
    FaultTolerance ft = FaultTolerance.of("B.limit()").bulkhead(3, 10).build();
    Overlap overlap = new Overlap();
    CountDownLatch release = new CountDownLatch(1);
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = i;
      calls.add(
          ft.call(
              pool,
              () -> {
                overlap.enter();
                try {
                  await(release);
                  return n;
                } finally {
                  overlap.exit();
                }
              }));
    }
    awaitCount("running bodies", 3, overlap.now::get);
    assertEquals(3, ft.bulkheadRunning());
    assertEquals(7, ft.bulkheadWaiting());
    // Three hold the slots and the bulkhead holds the seven others: no fourth body has started.
    assertEquals(3, overlap.started.get());
    release.countDown();
    for (int i = 0; i < 10; i++) {
      assertEquals(i, value(calls.get(i)));
    }
    assertEquals(3, overlap.most.get(), "more than 3 ran at once");
    assertEquals(10, overlap.started.get());
    awaitCount("running", 0, ft::bulkheadRunning);
    assertEquals(0, ft.bulkheadWaiting());
  }

  @Test
  void aFullQueueRejectsAtOnceWithoutRunning() throws Exception {
    ExecutorService pool = newPool(4);
    FaultTolerance ft = FaultTolerance.of("B.full()").bulkhead(2, 2).build();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(2);
    AtomicInteger runs = new AtomicInteger();
    AsyncRuntime.ValueBody<String> body =
        () -> {
          runs.incrementAndGet();
          running.countDown();
          await(release);
          return "done";
        };
    List<CompletableFuture<String>> accepted = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      accepted.add(ft.call(pool, body));
    }
    await(running);
    for (int i = 0; i < 20; i++) {
      CompletableFuture<String> rejected = ft.call(pool, body);
      assertTrue(rejected.isDone(), "a full bulkhead must not make the caller wait");
      BulkheadFullException full = assertInstanceOf(BulkheadFullException.class, failure(rejected));
      assertEquals("B.full()", full.method());
      assertTrue(full.getMessage().contains("2 running, 2 waiting"), full.getMessage());
      assertEquals(0, full.getStackTrace().length);
    }
    CompletableFuture<Void> voidRejected = ft.run(pool, () -> runs.incrementAndGet());
    assertInstanceOf(BulkheadFullException.class, failure(voidRejected));
    assertEquals(2, runs.get());
    release.countDown();
    for (CompletableFuture<String> call : accepted) {
      assertEquals("done", value(call));
    }
    assertEquals(4, runs.get());
    awaitCount("running", 0, ft::bulkheadRunning);
  }

  @Test
  void noQueueMeansTheSecondCallIsRejected() throws Exception {
    ExecutorService pool = newPool(2);
    FaultTolerance ft = FaultTolerance.of("B.noQueue()").bulkhead(1, 0).build();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> first = holdSlot(ft, pool, release, "first");
    assertInstanceOf(BulkheadFullException.class, failure(ft.call(pool, () -> "second")));
    release.countDown();
    assertEquals("first", value(first));
    awaitCount("running", 0, ft::bulkheadRunning);
    assertEquals("third", value(ft.call(pool, () -> "third")));
  }

  @Test
  void waitingCallsRunFirstComeFirstServed() throws Exception {
    ExecutorService pool = newPool(4);
    FaultTolerance ft = FaultTolerance.of("B.fifo()").bulkhead(1, 8).build();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> first = holdSlot(ft, pool, release, "first");
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> waiting = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int n = i;
      waiting.add(ft.run(pool, () -> order.add(n)));
    }
    assertEquals(8, ft.bulkheadWaiting());
    release.countDown();
    value(first);
    for (CompletableFuture<Void> call : waiting) {
      value(call);
    }
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), order);
  }

  @Test
  void aSlotIsHeldUntilTheMethodReturnsEvenAfterItTimedOut() throws Exception {
    ExecutorService pool = warmPool(2);
    FaultTolerance ft =
        FaultTolerance.of("B.timeout()")
            .timeout(STARTS_IN_TIME_MS, MILLISECONDS)
            .bulkhead(1, 0)
            .build();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch returned = new CountDownLatch(1);
    CompletableFuture<String> stubborn =
        ft.call(
            pool,
            () -> {
              started.countDown();
              try {
                awaitUninterruptibly(release);
                return "late";
              } finally {
                returned.countDown();
              }
            });
    await(started); // a method that has not started when it times out never runs
    assertInstanceOf(DeadlineExceededException.class, failure(stubborn));
    assertEquals(1, ft.bulkheadRunning(), "the timed-out method still runs: it keeps its slot");
    AtomicInteger runs = new AtomicInteger();
    assertInstanceOf(
        BulkheadFullException.class, failure(ft.call(pool, () -> runs.incrementAndGet())));
    assertEquals(0, runs.get());
    release.countDown();
    await(returned);
    awaitCount("running", 0, ft::bulkheadRunning);
    assertEquals(1, value(ft.call(pool, () -> runs.incrementAndGet())));
  }

  @Test
  void aWaitingCallThatTimesOutLeavesTheQueueWithoutRunning() throws Exception {
    ExecutorService pool = warmPool(2);
    FaultTolerance ft =
        FaultTolerance.of("B.queueTimeout()")
            .timeout(STARTS_IN_TIME_MS, MILLISECONDS)
            .bulkhead(1, 1)
            .build();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> holder =
        ft.call(
            pool,
            () -> {
              started.countDown();
              awaitUninterruptibly(release);
              return "holder";
            });
    await(started);
    AtomicInteger queuedRuns = new AtomicInteger();
    CompletableFuture<Integer> queued = ft.call(pool, () -> queuedRuns.incrementAndGet());
    assertEquals(1, ft.bulkheadWaiting());
    // The timeout counts the time spent waiting.
    assertInstanceOf(DeadlineExceededException.class, failure(queued));
    assertEquals(0, ft.bulkheadWaiting(), "a timed-out call still holds its place in the queue");
    // Its place is free: another call can wait (it is not rejected as the queue of 1 is full).
    AtomicInteger nextRuns = new AtomicInteger();
    CompletableFuture<Integer> next = ft.call(pool, () -> nextRuns.incrementAndGet());
    failure(holder);
    release.countDown();
    Throwable nextOutcome = next.handle((v, t) -> t).get(LONG_DELAY_MS, MILLISECONDS);
    assertTrue(
        nextOutcome == null || nextOutcome instanceof DeadlineExceededException,
        "the freed place was not given to the next call: " + nextOutcome);
    awaitCount("running", 0, ft::bulkheadRunning);
    assertEquals(0, queuedRuns.get(), "the timed-out waiting call ran");
    awaitCount("running", 0, ft::bulkheadRunning);
    assertEquals(0, ft.bulkheadWaiting());
  }

  @Test
  void aCancelledWaitingCallLeavesTheQueueAndNeverRuns() throws Exception {
    ExecutorService pool = newPool(2);
    FaultTolerance ft = FaultTolerance.of("B.queueCancel()").bulkhead(1, 2).build();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> holder = holdSlot(ft, pool, release, "holder");
    AtomicInteger cancelledRuns = new AtomicInteger();
    CompletableFuture<Integer> cancelled = ft.call(pool, () -> cancelledRuns.incrementAndGet());
    CompletableFuture<String> kept = ft.call(pool, () -> "kept");
    assertEquals(2, ft.bulkheadWaiting());
    assertTrue(cancelled.cancel(true));
    assertEquals(1, ft.bulkheadWaiting());
    release.countDown();
    assertEquals("holder", value(holder));
    assertEquals("kept", value(kept));
    assertEndsCancelled(cancelled);
    awaitCount("running", 0, ft::bulkheadRunning);
    assertEquals(0, cancelledRuns.get());
  }

  @Test
  void cancellingARunningCallKeepsItsSlotUntilTheMethodReturns() throws Exception {
    ExecutorService pool = newPool(2);
    FaultTolerance ft = FaultTolerance.of("B.cancelRunning()").bulkhead(1, 0).build();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> call =
        ft.call(
            pool,
            () -> {
              started.countDown();
              awaitUninterruptibly(release);
              return "ignored the cancel";
            });
    await(started);
    assertTrue(call.cancel(true));
    assertEquals(1, ft.bulkheadRunning());
    assertInstanceOf(BulkheadFullException.class, failure(ft.call(pool, () -> "no room")));
    release.countDown();
    awaitCount("running", 0, ft::bulkheadRunning);
  }

  @Test
  void anExecutorsRejectionFreesTheSlot() throws Exception {
    FaultTolerance ft = FaultTolerance.of("B.rejected()").bulkhead(1, 1).build();
    RejectingExecutor rejecting = new RejectingExecutor();
    for (int i = 0; i < 5; i++) {
      assertSame(rejecting.rejection, failure(ft.call(rejecting, () -> "never")));
      assertEquals(0, ft.bulkheadRunning(), "a refused call kept its slot");
      assertEquals(0, ft.bulkheadWaiting());
    }
    ExecutorService pool = newPool(1);
    assertEquals("runs", value(ft.call(pool, () -> "runs")));
  }

  @Test
  void aRejectionOfAWaitingCallPassesTheSlotOn() throws Exception {
    ExecutorService pool = newPool(2);
    FaultTolerance ft = FaultTolerance.of("B.rejectQueued()").bulkhead(1, 2).build();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> holder = holdSlot(ft, pool, release, "holder");
    RejectingExecutor rejecting = new RejectingExecutor();
    CompletableFuture<String> refused = ft.call(rejecting, () -> "never");
    CompletableFuture<String> after = ft.call(pool, () -> "after");
    assertEquals(2, ft.bulkheadWaiting());
    release.countDown();
    assertSame(rejecting.rejection, failure(refused));
    assertEquals("after", value(after));
    assertEquals("holder", value(holder));
    awaitCount("running", 0, ft::bulkheadRunning);
  }

  @Test
  void aRelayHoldsItsSlotUntilItsStageCompletes() throws Exception {
    ExecutorService pool = newSingleThreadPool();
    FaultTolerance ft = FaultTolerance.of("B.relay()").bulkhead(1, 0).build();
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<String> relay = ft.relay(pool, () -> stage);
    // The pool is FIFO on one thread: once this probe ran, the relay's method has returned.
    CompletableFuture.runAsync(() -> {}, pool).get(LONG_DELAY_MS, MILLISECONDS);
    assertFalse(relay.isDone());
    assertEquals(1, ft.bulkheadRunning(), "the method returned, its stage has not completed");
    assertInstanceOf(BulkheadFullException.class, failure(ft.relay(pool, () -> stage)));
    stage.complete("done");
    assertEquals("done", value(relay));
    awaitCount("running", 0, ft::bulkheadRunning);
  }

  @Test
  void countersReturnToZeroAfterABurstOfMixedOutcomes() throws Exception {
    ExecutorService pool = newPool(4);
    FaultTolerance ft = FaultTolerance.of("B.burst()").bulkhead(2, 1000).build();
    Overlap overlap = new Overlap();
    int calls = 400;
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    AtomicInteger completions = new AtomicInteger();
    List<CompletableFuture<?>> seen = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      int n = i;
      CompletableFuture<Integer> f =
          ft.call(
              pool,
              () -> {
                overlap.enter();
                try {
                  if (n % 5 == 0) {
                    throw new IOException("fail " + n);
                  }
                  return n;
                } finally {
                  overlap.exit();
                }
              });
      seen.add(f.whenComplete((v, t) -> completions.incrementAndGet()).exceptionally(t -> null));
      futures.add(f);
    }
    for (int i = 0; i < calls; i++) {
      if (i % 5 == 0) {
        assertInstanceOf(IOException.class, failure(futures.get(i)));
      } else {
        assertEquals(i, value(futures.get(i)));
      }
    }
    assertTrue(overlap.most.get() <= 2, "ran at once: " + overlap.most.get());
    for (CompletableFuture<?> f : seen) {
      value(f);
    }
    assertEquals(calls, completions.get());
    awaitCount("running", 0, ft::bulkheadRunning);
    assertEquals(0, ft.bulkheadWaiting());
  }

  @Test
  void ownStateHasSlotsOfItsOwn() throws Exception {
    ExecutorService pool = newPool(2);
    FaultTolerance ft = FaultTolerance.of("B.own()").bulkhead(1, 0).build();
    FaultTolerance own = ft.withOwnState();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> holder = holdSlot(ft, pool, release, "holder");
    assertEquals(0, own.bulkheadRunning());
    assertEquals("own", value(own.call(pool, () -> "own")));
    release.countDown();
    assertEquals("holder", value(holder));
    FaultTolerance none = FaultTolerance.of("B.none()").build();
    assertEquals(0, none.bulkheadRunning());
    assertEquals(0, none.bulkheadWaiting());
  }

  @Test
  void aCallMadeOnceTheLastOneCompletedFindsItsSlotFree() throws Exception {
    // The method has returned when its call completes: a continuation's next call must not be
    // rejected by the slot of the call it continues. Repeated, for each kind and with retries.
    ExecutorService pool = newPool(2);
    FaultTolerance plain = FaultTolerance.of("B.chain()").bulkhead(1, 0).build();
    FaultTolerance retried = FaultTolerance.of("B.chainRetried()").retry(2).bulkhead(1, 0).build();
    for (int round = 0; round < 30; round++) {
      for (FaultTolerance ft : List.of(plain, retried)) {
        CompletableFuture<String> chained =
            ft.call(pool, () -> "first")
                .thenCompose(first -> ft.call(pool, () -> first + " then second"));
        assertEquals("first then second", value(chained), ft.method() + " round " + round);
        CompletableFuture<Void> voids =
            ft.run(pool, () -> {}).thenCompose(x -> ft.run(pool, () -> {}));
        value(voids);
        CompletableFuture<String> relays =
            ft.relay(pool, () -> CompletableFuture.completedFuture("a"))
                .thenCompose(a -> ft.relay(pool, () -> CompletableFuture.completedFuture(a + "b")));
        assertEquals("ab", value(relays));
        CompletableFuture<String> failedThenNext =
            ft.call(
                    pool,
                    () -> {
                      throw new IllegalStateException("x");
                    })
                .handle((v, t) -> t)
                .thenCompose(t -> ft.call(pool, () -> "after a failure"));
        assertEquals("after a failure", value(failedThenNext));
      }
    }
    awaitCount("running", 0, plain::bulkheadRunning);
    awaitCount("running", 0, retried::bulkheadRunning);
  }

  /**
   * Timeouts and cancels racing every step of a call's way through the bulkhead (its start, its
   * wait in the queue, its turn, its run), for relays and plain calls alike: once everything is
   * over, every slot is free and nothing waits. A claim that landed between a call's start and its
   * slot being granted used to keep a relay's slot for good; one that landed while the call was
   * being queued left a dead entry in the queue.
   */
  @Test
  void racingTimeoutsAndCancelsLeaveNoSlotTakenAndNothingWaiting() throws Exception {
    ExecutorService pool = newPool(2);
    FaultTolerance ft =
        FaultTolerance.of("B.race()").timeout(1, TimeUnit.MILLISECONDS).bulkhead(2, 4).build();
    List<CompletableFuture<?>> calls = new ArrayList<>();
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < 3000; i++) {
      CompletableFuture<?> call =
          i % 2 == 0
              ? ft.relay(pool, () -> CompletableFuture.supplyAsync(() -> "r", pool))
              : ft.call(pool, () -> "v");
      if (random.nextInt(4) == 0) {
        call.cancel(true);
      }
      calls.add(call);
    }
    for (CompletableFuture<?> call : calls) {
      call.handle((v, t) -> null).get(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
    }
    awaitCount("running", 0, ft::bulkheadRunning);
    awaitCount("waiting", 0, ft::bulkheadWaiting);
    // The bulkhead still takes calls: as many as it has slots and places, all at once. (Through
    // the same 1 ms deadline, so each may time out on a busy machine; what it must not be is
    // rejected, and the slots and places must all come back.)
    List<CompletableFuture<String>> after = new ArrayList<>();
    for (int i = 0; i < 2 + 4; i++) {
      after.add(ft.call(pool, () -> "v"));
    }
    for (CompletableFuture<String> call : after) {
      Throwable outcome = call.handle((v, t) -> t).get(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
      assertTrue(
          outcome == null || outcome instanceof DeadlineExceededException,
          "the bulkhead no longer takes calls: " + outcome);
      if (outcome == null) {
        assertEquals("v", value(call));
      }
    }
    awaitCount("running", 0, ft::bulkheadRunning);
    assertEquals(0, ft.bulkheadWaiting());
  }
}
