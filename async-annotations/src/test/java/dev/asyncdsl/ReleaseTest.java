package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.internal.timer.Deadlines;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Once a call has ended, nothing it owned stays reachable from its future or from the runtime: not
 * the arguments its body captured, not a relayed stage, not its result through the timer.
 */
@org.junit.jupiter.api.Timeout(60)
class ReleaseTest extends ConcurrencyTestSupport {

  /** Something big enough to notice, to be captured by a body as an argument would be. */
  static final class Argument {
    final byte[] payload = new byte[1024];
  }

  private static void assertCollected(List<WeakReference<?>> refs, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      System.gc();
      long alive = refs.stream().filter(r -> r.get() != null).count();
      if (alive == 0) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(alive + " of " + refs.size() + " " + what + " still reachable");
      }
      sleepUninterruptibly(20);
    }
  }

  @Test
  void aCompletedFutureDoesNotKeepTheArgumentsOfItsBody() throws Exception {
    ExecutorService pool = newPool(2);
    List<CompletableFuture<Integer>> kept = new ArrayList<>();
    List<WeakReference<?>> arguments = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Argument argument = new Argument();
      arguments.add(new WeakReference<>(argument));
      kept.add(AsyncRuntime.call(pool, () -> argument.payload.length));
      kept.add(AsyncRuntime.call(pool, 10, TimeUnit.SECONDS, () -> argument.payload.length));
    }
    for (CompletableFuture<Integer> future : kept) {
      assertEquals(1024, value(future));
    }
    assertCollected(arguments, "arguments of completed calls");
    assertEquals(40, kept.size()); // the futures themselves are still held
  }

  @Test
  void aCancelledCallThatNeverRanDoesNotKeepItsArguments() throws Exception {
    List<Runnable> neverRun =
        new ArrayList<>(); // an executor that holds the task and never runs it
    List<CompletableFuture<Integer>> kept = new ArrayList<>();
    List<WeakReference<?>> arguments = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Argument argument = new Argument();
      arguments.add(new WeakReference<>(argument));
      CompletableFuture<Integer> call =
          AsyncRuntime.call(neverRun::add, () -> argument.payload.length);
      call.cancel(true);
      kept.add(call);
    }
    assertCollected(arguments, "arguments of cancelled calls");
    assertEquals(10, neverRun.size());
  }

  @Test
  void aCompletedRelayDoesNotKeepItsStage() throws Exception {
    ExecutorService pool = newPool(2);
    List<CompletableFuture<Integer>> kept = new ArrayList<>();
    List<WeakReference<?>> stages = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      CompletableFuture<Integer> stage = new CompletableFuture<>();
      stages.add(new WeakReference<>(stage));
      kept.add(AsyncRuntime.relay(pool, () -> stage));
      pool.execute(() -> stage.complete(7));
    }
    for (CompletableFuture<Integer> relay : kept) {
      assertEquals(7, value(relay));
    }
    assertCollected(stages, "relayed stages");
  }

  /**
   * Calls that finish right at their deadline race the timer taking in the disarmed deadline; the
   * timer must not then sleep for good holding the call (and its result) in its disarmed stack. No
   * other timed call comes after them to wake it.
   */
  @Test
  void callsFinishingAtTheirDeadlineAreNotKeptByAnIdleTimer() throws Exception {
    ExecutorService pool = newPool(8);
    for (int round = 0; round < 5; round++) {
      List<WeakReference<?>> results = java.util.Collections.synchronizedList(new ArrayList<>());
      List<CompletableFuture<Argument>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        calls.add(
            AsyncRuntime.call(
                pool,
                10,
                TimeUnit.MILLISECONDS,
                () -> {
                  while (System.nanoTime() - deadline < 0) {
                    Thread.onSpinWait();
                  }
                  return new Argument();
                }));
      }
      for (CompletableFuture<Argument> call : calls) {
        call.handle(
                (value, failure) -> {
                  if (value != null) {
                    results.add(new WeakReference<>(value));
                  }
                  return null;
                })
            .get(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
      }
      calls.clear();
      assertCollected(
          results, "results of calls that finished at their deadline (round " + round + ")");
    }
    assertTrue(Deadlines.pendingTimers() == 0);
  }
}
