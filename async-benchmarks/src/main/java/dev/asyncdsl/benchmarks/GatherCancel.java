package dev.asyncdsl.benchmarks;

import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.Gather;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * How long one failure takes to stop a large gather: N calls on the default executor that sleep
 * for a minute, gathered with {@code Gather.all} (or {@code any}, where one succeeds); once all
 * have started, one more input fails (or succeeds). Measured from that moment until every input
 * is done (cancelled). Usage: {@code GatherCancel <all|any> <N>}; prints one {@code RESULT} line.
 */
public final class GatherCancel {
  private GatherCancel() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int n = Integer.parseInt(args[1]);
    Executor executor = AsyncRuntime.defaultExecutor();
    CountDownLatch started = new CountDownLatch(n);
    List<CompletableFuture<Integer>> inputs = new ArrayList<>(n + 1);
    for (int i = 0; i < n; i++) {
      inputs.add(AsyncRuntime.call(executor, () -> {
        started.countDown();
        Thread.sleep(60_000);
        return 0;
      }));
    }
    CompletableFuture<Integer> decider = new CompletableFuture<>();
    inputs.add(decider);
    CompletableFuture<?> gathered = mode.equals("any") ? Gather.any(inputs) : Gather.all(inputs);
    if (!started.await(120, TimeUnit.SECONDS)) {
      throw new AssertionError("not every call started");
    }
    long begin = System.nanoTime();
    if (mode.equals("any")) {
      decider.complete(1);
    } else {
      decider.completeExceptionally(new IllegalStateException("one input failed"));
    }
    long decided = System.nanoTime();
    for (CompletableFuture<Integer> input : inputs) {
      while (!input.isDone()) {
        Thread.onSpinWait();
      }
    }
    long allDone = System.nanoTime();
    if (!gathered.isDone()) {
      throw new AssertionError("the gather is not done");
    }
    System.out.println(String.format(Locale.ROOT,
        "RESULT mode=%s n=%d decideMillis=%.1f allCancelledMillis=%.1f jdk=%d",
        mode, n, (decided - begin) / 1e6, (allDone - begin) / 1e6, Runtime.version().feature()));
    System.exit(0);
  }
}
