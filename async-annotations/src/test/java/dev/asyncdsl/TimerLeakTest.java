package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.internal.timer.Deadlines;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Calls that finish long before their deadline must take their timer entry with them: two million
 * of them leave the timer empty and the heap where it was.
 */
class TimerLeakTest {

  @Test
  @org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
  void twoMillionEarlyCallsLeaveNoTimerBehind() {
    int calls = 2_000_000;
    int batch = 10_000;
    long heapBefore = usedHeapAfterGc();
    long sum = 0;
    for (int done = 0; done < calls; done += batch) {
      List<CompletableFuture<Integer>> futures = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        int value = i;
        // Runs inline, so each call is done before the next starts; its one-hour timer must go.
        futures.add(AsyncRuntime.call(Runnable::run, 1, TimeUnit.HOURS, () -> value));
      }
      for (CompletableFuture<Integer> future : futures) {
        sum += future.join();
      }
      assertEquals(0, Deadlines.pendingTimers(), "timers of finished calls are still queued");
    }
    assertEquals((long) (calls / batch) * batch * (batch - 1) / 2, sum);
    long heapAfter = usedHeapAfterGc();
    long growth = heapAfter - heapBefore;
    assertTrue(
        growth < 32L << 20, "heap grew by " + (growth >> 20) + " MiB over two million calls");
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
