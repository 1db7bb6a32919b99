package dev.asyncdsl.opentelemetry;

import dev.asyncdsl.Async;
import dev.asyncdsl.Fallback;
import dev.asyncdsl.Retry;
import dev.asyncdsl.Tasks;
import dev.asyncdsl.Timeout;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A class written as a user would, whose methods start a span each: the span's parent is whatever
 * context the runtime made current around the code that started it.
 */
public class Traced {
  private final Tracer tracer;

  /** Starts a call of another twin, for the nested cells. */
  private final Function<String, CompletableFuture<String>> inner;

  final AtomicInteger attempts = new AtomicInteger();

  Traced(Tracer tracer, Function<String, CompletableFuture<String>> inner) {
    this.tracer = tracer;
    this.inner = inner;
  }

  /** Starts and ends a span named {@code name}, a child of the current context. */
  private void span(String name) {
    tracer.spanBuilder(name).startSpan().end();
  }

  @Async
  public String plain(String name) {
    span(name);
    return name;
  }

  @Async
  @Retry(maxRetries = 2, delay = 10)
  @Fallback(method = "recover", applyOn = IOException.class)
  public String flaky(String name) throws IOException {
    int attempt = attempts.incrementAndGet();
    span(name + "-attempt-" + attempt);
    throw new IOException("attempt " + attempt + " failed");
  }

  String recover(String name, IOException failure) {
    span(name + "-fallback");
    return "recovered after " + failure.getMessage();
  }

  /** Starts its own span, makes it current, and calls another twin inside it. */
  @Async
  public String outer(String name) {
    Span own = tracer.spanBuilder(name + "-outer").startSpan();
    Scope scope = own.makeCurrent();
    try {
      return inner.apply(name + "-inner").join();
    } finally {
      scope.close();
      own.end();
    }
  }

  /** Calls another twin outside this call (its deadline and cancellation), and waits for it. */
  @Async
  public String detaching(String name) {
    return Tasks.detached(() -> inner.apply(name)).join();
  }

  /** Waits until interrupted by its deadline (or released). */
  @Async
  @Timeout(value = 500, unit = TimeUnit.MILLISECONDS)
  public String stuck(CountDownLatch release) throws InterruptedException {
    release.await();
    return "released";
  }
}
