package dev.asyncdsl.it.faults;

import dev.asyncdsl.Async;
import dev.asyncdsl.Bulkhead;
import dev.asyncdsl.CircuitBreaker;
import dev.asyncdsl.Fallback;
import dev.asyncdsl.Retry;
import dev.asyncdsl.Timeout;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of a downstream service that fails as told, written as a user would, with every
 * fault-tolerance policy on one of its methods. The counters tell the tests what really ran.
 */
public class Downstream {
  /** How many of the next calls fail with an {@link IOException}. */
  public final AtomicInteger failuresToCome = new AtomicInteger();

  public final AtomicInteger attempts = new AtomicInteger();
  public final AtomicInteger fallbacks = new AtomicInteger();
  public volatile Throwable fallbackSaw;

  @Async
  @Retry(maxRetries = 3, delay = 5)
  @Fallback(method = "cached", applyOn = IOException.class)
  public String fetch(String key) throws IOException {
    attempts.incrementAndGet();
    failIfTold();
    return "fresh " + key;
  }

  String cached(String key, IOException failure) {
    fallbacks.incrementAndGet();
    fallbackSaw = failure;
    return "cached " + key;
  }

  @Async
  @Retry(maxRetries = 5, abortOn = FileNotFoundException.class)
  public String open(String path) throws IOException {
    attempts.incrementAndGet();
    throw new FileNotFoundException(path);
  }

  @Async
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 300)
  public String probe() throws IOException {
    attempts.incrementAndGet();
    failIfTold();
    return "up";
  }

  @Async
  @Bulkhead(value = 2, waitingTaskQueue = 1)
  public String hold(CountDownLatch started, CountDownLatch release) throws InterruptedException {
    attempts.incrementAndGet();
    started.countDown();
    release.await();
    return "released";
  }

  @Async
  @Timeout(value = 50, unit = TimeUnit.MILLISECONDS)
  @Retry(maxRetries = 2)
  public String slowOnce(CountDownLatch firstInterrupted) throws InterruptedException {
    if (attempts.incrementAndGet() == 1) {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException stopped) {
        firstInterrupted.countDown();
        throw stopped;
      }
    }
    return "fast";
  }

  @Async
  @Retry(maxRetries = -1, delay = 20, maxDuration = 0)
  @SuppressWarnings("RETRY_FOREVER") // stopped by cancelling, which is what the test checks
  public void keepTrying() throws IOException {
    attempts.incrementAndGet();
    throw new IOException("down");
  }

  @Async
  @Fallback(method = "defaultVersion")
  public static int version() {
    throw new IllegalStateException("no version");
  }

  static int defaultVersion() {
    return 0;
  }

  private void failIfTold() throws IOException {
    if (failuresToCome.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      throw new IOException("downstream is down");
    }
  }
}
