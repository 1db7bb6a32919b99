package dev.asyncdsl.benchmarks;

import dev.asyncdsl.AsyncRuntime;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * N calls at once, each with a 100 ms timeout on a method that sleeps 5 s: how late does each
 * future fail after its deadline? The twin's {@code @Timeout} against {@code
 * CompletableFuture.supplyAsync(...).orTimeout(100, MILLISECONDS)} on the same executor.
 *
 * <p>The deadline of call {@code i} is taken as {@code nanoTime()} just before the call plus 100 ms
 * (the real one is a little later, so lateness is if anything overstated); the failure time is
 * {@code nanoTime()} in a dependent ({@code handle}) registered right after the call, which runs as
 * the future fails. Usage: {@code TimeoutPrecision <twin|orTimeout> <N>}; prints one {@code RESULT}
 * line.
 */
public final class TimeoutPrecision {
  private static final long TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private TimeoutPrecision() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int n = Integer.parseInt(args[1]);
    Executor executor = AsyncRuntime.defaultExecutor();
    long[] deadlines = new long[n];
    long[] failed = new long[n];
    CountDownLatch done = new CountDownLatch(n);
    int[] notTimeouts = new int[1];
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      int index = i;
      deadlines[i] = System.nanoTime() + TIMEOUT_NANOS;
      CompletableFuture<Integer> future;
      switch (mode) {
        case "twin":
          future = SleepersAsync.overrun();
          break;
        case "orTimeout":
          future =
              CompletableFuture.supplyAsync(TimeoutPrecision::overrun, executor)
                  .orTimeout(100, TimeUnit.MILLISECONDS);
          break;
        default:
          throw new IllegalArgumentException("mode: twin or orTimeout, not " + mode);
      }
      // handle(), not whenComplete(): its own future completes normally, so the probe adds no
      // CompletionException of its own to the thread that fails the call.
      future.handle(
          (value, failure) -> {
            failed[index] = System.nanoTime();
            if (!(failure instanceof TimeoutException)) {
              synchronized (notTimeouts) {
                notTimeouts[0]++;
              }
            }
            done.countDown();
            return null;
          });
    }
    double submitMillis = (System.nanoTime() - start) / 1e6;
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new AssertionError(done.getCount() + " calls never failed");
    }
    if (notTimeouts[0] != 0) {
      throw new AssertionError(notTimeouts[0] + " calls did not fail with a TimeoutException");
    }
    double[] lateMillis = new double[n];
    for (int i = 0; i < n; i++) {
      lateMillis[i] = (failed[i] - deadlines[i]) / 1e6;
    }
    Arrays.sort(lateMillis);
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT mode=%s n=%d p50=%.3f p99=%.3f max=%.3f min=%.3f submitMillis=%.1f jdk=%d",
            mode,
            n,
            percentile(lateMillis, 0.50),
            percentile(lateMillis, 0.99),
            lateMillis[n - 1],
            lateMillis[0],
            submitMillis,
            Runtime.version().feature()));
    System.exit(0); // the orTimeout calls still sleep: nothing interrupts them
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[(int) Math.ceil(p * sorted.length) - 1];
  }

  private static int overrun() {
    try {
      return Sleepers.overrun();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
