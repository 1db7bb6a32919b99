package dev.asyncdsl.examples;

import dev.asyncdsl.Async;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One of the post's "10000 such functions": it sleeps (one second in the demo) and returns {@code a
 * + 1}, quietly. It is an instance method this time, so its twin wraps an object: {@code new
 * CountingFunctionsAsync(functions).func(a)}, and {@code funcAll(inputs)} runs it for every input
 * at once.
 *
 * <p>It counts the calls running at the same moment, to show how many overlapped.
 */
public class CountingFunctions {
  private final long sleepMillis;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostRunning = new AtomicInteger();

  public CountingFunctions(Duration sleep) {
    this.sleepMillis = sleep.toMillis();
  }

  @Async
  public int func(int a) throws InterruptedException {
    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      Thread.sleep(sleepMillis);
    } finally {
      running.decrementAndGet();
    }
    return a + 1;
  }

  /** The most calls of {@link #func} that were running at the same moment. */
  public int peakConcurrency() {
    return mostRunning.get();
  }
}
