package dev.asyncdsl;

import static dev.asyncdsl.BulkheadPolicyTest.awaitCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * A long {@link Bulkhead} queue drained through an executor that runs tasks on the thread that
 * hands them over ({@code Runnable::run}, or a pool whose {@link
 * ThreadPoolExecutor.CallerRunsPolicy} kicks in): each queued call runs on the thread that freed
 * the slot before it. The drain must loop, not recurse, or a few thousand waiting calls overflow
 * the stack, and an error escaping an inline {@code execute} would be taken for a refusal that
 * frees the slot twice.
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = TimeUnit.SECONDS)
class BulkheadDrainTest extends ConcurrencyTestSupport {
  private static final int QUEUED = 5_000;

  @Test
  void aLongQueueDrainedByAnInlineExecutorKeepsTheStackFlatAndTheLimit() throws Exception {
    drainsFlat(Runnable::run, newPool(1));
  }

  @Test
  void aLongQueueDrainedThroughCallerRunsKeepsTheStackFlatAndTheLimit() throws Exception {
    // One worker, no queue: while the worker drains the bulkhead, every call it hands over is
    // refused by the pool and run by the worker itself.
    ThreadPoolExecutor callerRuns =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            named("test-caller-runs"),
            new ThreadPoolExecutor.CallerRunsPolicy());
    try {
      drainsFlat(callerRuns, callerRuns);
    } finally {
      callerRuns.shutdownNow();
      assertTrue(callerRuns.awaitTermination(LONG_DELAY_MS, TimeUnit.MILLISECONDS));
    }
  }

  /**
   * One call holds the only slot on {@code holderThread}'s thread while {@link #QUEUED} calls wait
   * in the queue; freeing the slot must run every one of them, one at a time, each at the same
   * stack depth, and leave the bulkhead empty and still limited to one.
   */
  private void drainsFlat(Executor executor, ExecutorService holderThread) throws Exception {
    FaultTolerance ft = FaultTolerance.of("B.drain()").bulkhead(1, QUEUED).build();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<CompletableFuture<String>> holder =
        holderThread.submit(
            () ->
                ft.call(
                    executor,
                    () -> {
                      holding.countDown();
                      await(release);
                      return "held";
                    }));
    await(holding);

    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicIntegerArray depth = new AtomicIntegerArray(QUEUED);
    List<CompletableFuture<Integer>> queued = new ArrayList<>();
    for (int i = 0; i < QUEUED; i++) {
      int index = i;
      queued.add(
          ft.call(
              executor,
              () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                depth.set(index, StackWalker.getInstance().walk(frames -> (int) frames.count()));
                running.decrementAndGet();
                return index;
              }));
    }
    assertEquals(QUEUED, ft.bulkheadWaiting(), "every call after the holder waits");

    release.countDown();
    assertEquals("held", value(holder.get(LONG_DELAY_MS, TimeUnit.MILLISECONDS)));
    for (int i = 0; i < QUEUED; i++) {
      assertEquals(i, value(queued.get(i)), "queued call " + i);
    }
    assertEquals(1, most.get(), "calls ran at once through a one-slot bulkhead");
    for (int i = 1; i < QUEUED; i++) {
      assertEquals(depth.get(0), depth.get(i), "the stack grew with the queue at call " + i);
    }
    awaitCount("running", 0, ft::bulkheadRunning);
    awaitCount("waiting", 0, ft::bulkheadWaiting);

    // Still one slot, one queue: a holder runs, the next call waits for it.
    CountDownLatch again = new CountDownLatch(1);
    CompletableFuture<String> second = holdSlot(ft, newPool(1), again, "second");
    CompletableFuture<String> third = ft.call(newPool(1), () -> "third");
    assertEquals(1, ft.bulkheadRunning());
    assertEquals(1, ft.bulkheadWaiting());
    again.countDown();
    assertEquals("second", value(second));
    assertEquals("third", value(third));
    awaitCount("running", 0, ft::bulkheadRunning);
  }

  @Test
  void anErrorEscapingAnInlineRunIsNotARefusal() throws Exception {
    // The executor runs the call, then fails as a broken inline executor might: the call ran, so
    // its slot was used and freed once; it must not be freed a second time as for a refusal.
    Executor runsThenThrows =
        task -> {
          task.run();
          throw new TestError("after the run");
        };
    FaultTolerance ft = FaultTolerance.of("B.error()").bulkhead(1, 10).build();
    for (int i = 0; i < 3; i++) {
      CompletableFuture<String> call;
      try {
        call = ft.call(runsThenThrows, () -> "ran");
      } catch (TestError expected) {
        continue; // the executor's own error reaches whoever handed it the task
      }
      assertEquals("ran", value(call));
    }
    assertEquals(0, ft.bulkheadRunning(), "a slot was freed twice or kept");
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> holder = holdSlot(ft, newPool(1), release, "held");
    CompletableFuture<String> waiter = ft.call(newPool(1), () -> "next");
    assertEquals(1, ft.bulkheadRunning(), "the limit of one no longer holds");
    assertEquals(1, ft.bulkheadWaiting());
    release.countDown();
    assertEquals("held", value(holder));
    assertEquals("next", value(waiter));
  }
}
