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
 * How long one failure takes to stop a large gather: N calls on the default executor that sleep for
 * a minute, gathered with {@code Gather.all} (or {@code any}, where one succeeds); once all have
 * started, one more input fails (or succeeds). Measured from that moment: until the gather's
 * outcome is visible (a dependent of it runs, and finds every input done), and until the thread
 * that decided it is free again (every interrupt sent). Usage: {@code GatherCancel <all|any> <N>};
 * prints one {@code RESULT} line.
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
      inputs.add(
          AsyncRuntime.call(
              executor,
              () -> {
                started.countDown();
                Thread.sleep(60_000);
                return 0;
              }));
    }
    CompletableFuture<Integer> decider = new CompletableFuture<>();
    inputs.add(decider);
    CompletableFuture<?> gathered = mode.equals("any") ? Gather.any(inputs) : Gather.all(inputs);
    long[] reported = new long[1];
    boolean[] allDoneWhenReported = new boolean[1];
    CompletableFuture<?> seen =
        gathered.handle(
            (v, e) -> {
              reported[0] = System.nanoTime();
              allDoneWhenReported[0] = inputs.stream().allMatch(CompletableFuture::isDone);
              return null;
            });
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
    seen.join();
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT mode=%s n=%d reportedMillis=%.1f allDoneWhenReported=%b decidedMillis=%.1f"
                + " allDoneMillis=%.1f jdk=%d",
            mode,
            n,
            (reported[0] - begin) / 1e6,
            allDoneWhenReported[0],
            (decided - begin) / 1e6,
            (allDone - begin) / 1e6,
            Runtime.version().feature()));
    System.exit(0);
  }
}
