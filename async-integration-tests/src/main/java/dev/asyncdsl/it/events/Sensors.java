package dev.asyncdsl.it.events;

import dev.asyncdsl.Async;
import dev.asyncdsl.Retry;
import dev.asyncdsl.Timeout;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sensors written as a user would, with an {@code @Async} method of each shape a listener must hear
 * by its class and name: static and instance, overloaded, generic, void, returning a stage, with a
 * timeout and without, with policies, and one in a nested class.
 */
public class Sensors {
  /** How many of the next attempts of {@link #flaky(String)} fail. */
  public final AtomicInteger failuresToCome = new AtomicInteger();

  public final AtomicInteger resets = new AtomicInteger();

  @Async
  public static int version() {
    return 2;
  }

  @Async
  public String read(String id) {
    if (id.isEmpty()) {
      throw new IllegalArgumentException("no id");
    }
    return "read " + id;
  }

  @Async
  public String read(String id, int times) {
    return "read " + id + " x" + times;
  }

  @Async
  public <T> List<T> twice(T value) {
    return List.of(value, value);
  }

  @Async
  public void reset() {
    resets.incrementAndGet();
  }

  @Async
  public CompletionStage<Integer> count() {
    return CompletableFuture.completedFuture(7);
  }

  @Async
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  public String calibrated(String id) {
    return "calibrated " + id;
  }

  @Async
  @Timeout(value = 20, unit = TimeUnit.MILLISECONDS)
  public void stall(CountDownLatch released) throws InterruptedException {
    released.await();
  }

  @Async
  public void block(CountDownLatch started, CountDownLatch released) throws InterruptedException {
    started.countDown();
    released.await();
  }

  @Async
  @Retry(maxRetries = 2)
  public String flaky(String id) throws IOException {
    if (failuresToCome.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      throw new IOException("not yet");
    }
    return "steady " + id;
  }

  /** A probe nested in the class: its twin names it by the binary name {@code Sensors$Probe}. */
  public static class Probe {
    @Async
    public String ping() {
      return "pong";
    }
  }
}
