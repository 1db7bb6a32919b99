package dev.asyncdsl.agenttests;

import dev.asyncdsl.Async;
import dev.asyncdsl.Fallback;
import dev.asyncdsl.Retry;
import dev.asyncdsl.Tasks;
import dev.asyncdsl.Timeout;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A class written as a user would: each method reports, through {@code seen}, the context it runs
 * in, under the name of its cell of the matrix.
 */
public class Cells {
  private final Consumer<String> seen;
  private final Function<String, CompletableFuture<String>> inner;
  private final AtomicInteger attempts = new AtomicInteger();

  /**
   * A class whose methods report what they see.
   *
   * @param seen records the current context under a cell's name
   * @param inner starts a call of another twin, for the nested and detached cells
   */
  public Cells(Consumer<String> seen, Function<String, CompletableFuture<String>> inner) {
    this.seen = seen;
    this.inner = inner;
  }

  /**
   * Reports as {@code cell}.
   *
   * @param cell the cell's name
   * @return {@code cell}
   */
  @Async
  public String body(String cell) {
    seen.accept(cell);
    return cell;
  }

  /**
   * Reports as attempt-1, -2, -3, failing every time, then falls back. A retry waits its backoff as
   * a real one does: a runtime thread then starts it.
   *
   * @return the fallback's result
   * @throws IOException always
   */
  @Async
  @Retry(maxRetries = 2, delay = 10)
  @Fallback(method = "fallback", applyOn = IOException.class)
  public String flaky() throws IOException {
    int attempt = attempts.incrementAndGet();
    seen.accept("attempt-" + attempt);
    throw new IOException("attempt " + attempt + " failed");
  }

  String fallback(IOException failure) {
    seen.accept("fallback");
    return "fallback after " + failure.getMessage();
  }

  /**
   * Calls another twin from its body, and waits for it.
   *
   * @return what the nested call returned
   */
  @Async
  public String outer() {
    return inner.apply("nested").join();
  }

  /**
   * Calls another twin from its body outside this call, and waits for it.
   *
   * @return what the detached call returned
   */
  @Async
  public String detaching() {
    return Tasks.detached(() -> inner.apply("detached")).join();
  }

  /**
   * Waits until its deadline interrupts it, or until released.
   *
   * @param release released by the caller once done
   * @return never, unless released first
   * @throws InterruptedException at the deadline
   */
  @Async
  @Timeout(value = 500, unit = TimeUnit.MILLISECONDS)
  public String stuck(CountDownLatch release) throws InterruptedException {
    release.await();
    return "released";
  }
}
