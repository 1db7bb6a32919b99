package dev.asyncdsl.benchmarks.spring;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/**
 * Variant 2, its lower half: the blocking call as Spring's {@code @Async} method, run on Boot's
 * {@code applicationTaskExecutor} (virtual threads, with {@code spring.threads.virtual.enabled}). A
 * bean of its own, so {@link Resilience4jReadings}' annotations see the future it returns.
 */
@Component
public class SpringAsyncDownstream {
  private final Downstream downstream;

  /** Calls the downstream at {@code downstream.url}. */
  public SpringAsyncDownstream(@Value("${downstream.url}") URI downstreamUrl) {
    this.downstream = new Downstream(downstreamUrl);
  }

  /**
   * The downstream, for the fallback and {@code /diag}: through a method, which the {@code @Async}
   * proxy passes on to this bean (the proxy's own fields are empty).
   */
  public Downstream downstream() {
    return downstream;
  }

  /** One region's reading, on the async executor. */
  @Async
  public CompletableFuture<Reading> reading(String region)
      throws IOException, InterruptedException {
    return CompletableFuture.completedFuture(downstream.get(region));
  }
}
