package dev.asyncdsl.benchmarks.spring;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Variant 3: written by hand with a virtual thread per attempt and {@link
 * CompletableFuture#orTimeout}: 200 ms per attempt (a timed-out attempt's thread is interrupted,
 * which closes its HTTP exchange), one retry 20 ms later on an I/O failure or a timeout, the last
 * known temperature as the fallback. No circuit breaker: the floor the other two are measured
 * against.
 */
@Component
public class HandWrittenReadings {
  private static final long TIMEOUT_MILLIS = 200;
  private static final long RETRY_DELAY_MILLIS = 20;

  final Downstream downstream;
  private final ExecutorService threads = virtualThreadPerTask();

  /** Calls the downstream at {@code downstream.url}. */
  public HandWrittenReadings(@Value("${downstream.url}") URI downstreamUrl) {
    this.downstream = new Downstream(downstreamUrl);
  }

  /** One region's reading. */
  public CompletableFuture<Reading> reading(String region) {
    return attempt(region)
        .exceptionallyCompose(
            failure ->
                retryable(failure)
                    ? CompletableFuture.runAsync(
                            () -> {},
                            CompletableFuture.delayedExecutor(
                                RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS, threads))
                        .thenCompose(delayed -> attempt(region))
                    : CompletableFuture.failedFuture(failure))
        .exceptionally(failure -> downstream.lastKnown(region));
  }

  private CompletableFuture<Reading> attempt(String region) {
    CompletableFuture<Reading> result = new CompletableFuture<>();
    Future<?> call =
        threads.submit(
            () -> {
              try {
                result.complete(downstream.get(region));
              } catch (Throwable failure) {
                result.completeExceptionally(failure);
              }
            });
    result
        .orTimeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .whenComplete(
            (reading, failure) -> {
              if (failure instanceof TimeoutException) {
                call.cancel(true); // stops the blocked send, which closes its connection
              }
            });
    return result;
  }

  private static boolean retryable(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    return cause instanceof IOException || cause instanceof TimeoutException;
  }

  /**
   * {@code Executors.newVirtualThreadPerTaskExecutor()}, looked up: the project compiles for Java
   * 17, and this benchmark runs on JDK 21 or later.
   */
  private static ExecutorService virtualThreadPerTask() {
    try {
      return (ExecutorService)
          Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("virtual threads need JDK 21 or later", e);
    }
  }

  @PreDestroy
  void stop() {
    threads.shutdownNow();
  }
}
