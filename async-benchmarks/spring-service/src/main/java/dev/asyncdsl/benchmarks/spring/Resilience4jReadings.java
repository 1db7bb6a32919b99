package dev.asyncdsl.benchmarks.spring;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Variant 2: Resilience4j's Spring Boot annotations over Spring's {@code @Async}, the policies
 * configured in {@code application.yml} under the instance {@code downstream} (the same values as
 * the other variants). Resilience4j's aspects nest as {@code Retry(CircuitBreaker(TimeLimiter))},
 * the order asyncdsl's policies have; the fallback is the retry's, so it answers once the retries
 * are spent.
 */
@Component
public class Resilience4jReadings {
  private final SpringAsyncDownstream async;

  /** Calls through {@code async}, the {@code @Async} proxy. */
  public Resilience4jReadings(SpringAsyncDownstream async) {
    this.async = async;
  }

  /** One region's reading. */
  @Retry(name = "downstream", fallbackMethod = "lastKnown")
  @CircuitBreaker(name = "downstream")
  @TimeLimiter(name = "downstream")
  public CompletableFuture<Reading> reading(String region)
      throws IOException, InterruptedException {
    return async.reading(region);
  }

  /**
   * The fallback. Public: Resilience4j calls it by reflection and fails every fallback of a
   * package-private one at run time ({@code IllegalAccessException}).
   */
  public CompletableFuture<Reading> lastKnown(String region, Throwable failure) {
    return CompletableFuture.completedFuture(async.downstream().lastKnown(region));
  }
}
