package dev.asyncdsl.benchmarks;

import dev.asyncdsl.AsyncRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;

/**
 * The seed's "now if we wanted to run 10000 such functions": N one-second calls gathered, in one
 * process (the driver measures the process with {@code /usr/bin/time -v}).
 *
 * <p>Usage: {@code Scale <mode> <N>} with mode
 *
 * <ul>
 *   <li>{@code twin}: {@code SleepersAsync.funcAll(inputs).join()}, the generated gather on the
 *       twin's default executor (virtual threads on JDK 21+, a platform pool on JDK 17);
 *   <li>{@code raw}: one {@code Thread.startVirtualThread} per call completing a plain {@code
 *       CompletableFuture}, gathered with {@code allOf};
 *   <li>{@code perTask}: {@code supplyAsync} on {@code
 *       Executors.newVirtualThreadPerTaskExecutor()};
 *   <li>{@code platform}: one new platform thread per call completing a plain {@code
 *       CompletableFuture} (the JDK 17 yardstick).
 * </ul>
 *
 * <p>Prints one line {@code RESULT mode=... n=... gatherSeconds=... jdk=...}.
 */
public final class Scale {
  private Scale() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int n = Integer.parseInt(args[1]);
    List<Integer> inputs = IntStream.range(0, n).boxed().toList();
    long start = System.nanoTime();
    List<Integer> results;
    switch (mode) {
      case "twin":
        results = SleepersAsync.funcAll(inputs).join();
        break;
      case "raw":
        results = raw(inputs, VirtualThreads::start);
        break;
      case "platform":
        results =
            raw(
                inputs,
                task -> {
                  Thread thread = new Thread(task);
                  thread.setDaemon(true);
                  thread.start();
                });
        break;
      case "perTask":
        ExecutorService executor = VirtualThreads.perTaskExecutor();
        results = gather(inputs, a -> CompletableFuture.supplyAsync(() -> func(a), executor));
        executor.shutdown();
        break;
      default:
        throw new IllegalArgumentException("mode: twin, raw, perTask or platform, not " + mode);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    for (int i = 0; i < n; i++) {
      if (results.get(i) != i + 1) {
        throw new AssertionError("result " + i + " is " + results.get(i));
      }
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT mode=%s n=%d gatherSeconds=%.3f jdk=%d virtualThreads=%b",
            mode,
            n,
            seconds,
            Runtime.version().feature(),
            AsyncRuntime.usesVirtualThreads()));
  }

  private static List<Integer> raw(List<Integer> inputs, Executor threadPerCall) {
    return gather(
        inputs,
        a -> {
          CompletableFuture<Integer> future = new CompletableFuture<>();
          threadPerCall.execute(
              () -> {
                try {
                  future.complete(Sleepers.func(a));
                } catch (Throwable failure) {
                  future.completeExceptionally(failure);
                }
              });
          return future;
        });
  }

  private static int func(int a) {
    try {
      return Sleepers.func(a);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<Integer> gather(
      List<Integer> inputs, java.util.function.IntFunction<CompletableFuture<Integer>> call) {
    List<CompletableFuture<Integer>> futures = new ArrayList<>(inputs.size());
    for (int a : inputs) {
      futures.add(call.apply(a));
    }
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
    List<Integer> results = new ArrayList<>(futures.size());
    for (CompletableFuture<Integer> future : futures) {
      results.add(future.join());
    }
    return results;
  }
}
