package dev.asyncdsl.opentelemetry;

import dev.asyncdsl.Async;
import dev.asyncdsl.Fallback;
import dev.asyncdsl.Retry;
import dev.asyncdsl.Timeout;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A class written as a user would, whose twin's calls the listener records spans for. Each method
 * starts a span of its own, a child of whatever context the runtime made current around it.
 */
public class Spanned {
  private final Tracer tracer;

  /** Starts a call of another twin, for the nested cell. */
  private final Function<String, CompletableFuture<String>> inner;

  final AtomicInteger attempts = new AtomicInteger();

  /** Counted down when a blocking method has started. */
  final CountDownLatch started = new CountDownLatch(1);

  Spanned(Tracer tracer, Function<String, CompletableFuture<String>> inner) {
    this.tracer = tracer;
    this.inner = inner;
  }

  /** Starts and ends a span named {@code name}, a child of the current context. */
  private void span(String name) {
    tracer.spanBuilder(name).startSpan().end();
  }

  /** Starts a span named {@code name}. */
  @Async
  public String plain(String name) {
    span(name);
    return name;
  }

  /** Calls another twin from its body, and waits for it. */
  @Async
  public String outer(String name) {
    span(name + "-outer");
    return inner.apply(name + "-inner").join();
  }

  /** Fails twice, then succeeds: three attempts, 20 then 40 milliseconds apart. */
  @Async
  @Retry(maxRetries = 3, delay = 20, delayMultiplier = 2)
  public String failsTwice(String name) throws IOException {
    int attempt = attempts.incrementAndGet();
    span(name + "-attempt-" + attempt);
    if (attempt < 3) {
      throw new IOException("attempt " + attempt + " failed");
    }
    return name + " after " + attempt + " attempts";
  }

  /** Fails every time; the fallback answers. */
  @Async
  @Retry(maxRetries = 1, delay = 10)
  @Fallback(method = "recover", applyOn = IOException.class)
  public String flaky(String name) throws IOException {
    int attempt = attempts.incrementAndGet();
    span(name + "-attempt-" + attempt);
    throw new IOException("attempt " + attempt + " failed");
  }

  String recover(String name, IOException failure) {
    span(name + "-fallback");
    return "recovered from " + failure.getMessage();
  }

  /** Waits until its deadline interrupts it, or until released. */
  @Async
  @Timeout(value = 200, unit = TimeUnit.MILLISECONDS)
  public String stuck(CountDownLatch release) throws InterruptedException {
    release.await();
    return "released";
  }

  /** Says it started, then waits until cancelled (interrupted) or released; retries. */
  @Async
  @Retry(maxRetries = 2)
  public String blockedRetrying(CountDownLatch release) throws InterruptedException {
    started.countDown();
    release.await();
    return "released";
  }

  /** Says it started, then waits until cancelled (interrupted) or released. */
  @Async
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  public String blocked(CountDownLatch release) throws InterruptedException {
    started.countDown();
    release.await();
    return "released";
  }
}
