package dev.asyncdsl.it;

import dev.asyncdsl.Async;
import dev.asyncdsl.Timeout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A class written as a new user would: blocking methods, some static, one with a deadline. */
public class Inventory {
  private final List<String> log = new ArrayList<>();
  final CountDownLatch released = new CountDownLatch(1);

  @Async
  public static int square(int x) {
    return x * x;
  }

  @Async
  public String describe(String item, int count) {
    return count + " x " + item;
  }

  @Async
  public void record(String entry) {
    synchronized (log) {
      log.add(entry);
    }
  }

  @Async
  public <T extends Comparable<T>> T largest(List<T> values) {
    T best = values.get(0);
    for (T value : values) {
      if (value.compareTo(best) > 0) {
        best = value;
      }
    }
    return best;
  }

  @Async
  public String load(String path) throws IOException {
    if (path.isEmpty()) {
      throw new IOException("no path");
    }
    return "contents of " + path;
  }

  @Async
  public CompletableFuture<Integer> priceOf(String item) {
    return CompletableFuture.supplyAsync(item::length);
  }

  @Async
  @Timeout(value = 200, unit = TimeUnit.MILLISECONDS)
  public String slow(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return "done after " + millis + " ms";
  }

  @Async
  public long sum(long... values) {
    long total = 0;
    for (long value : values) {
      total += value;
    }
    return total;
  }

  List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }
}
