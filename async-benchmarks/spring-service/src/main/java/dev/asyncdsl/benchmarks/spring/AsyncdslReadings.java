package dev.asyncdsl.benchmarks.spring;

import dev.asyncdsl.Async;
import dev.asyncdsl.CircuitBreaker;
import dev.asyncdsl.Fallback;
import dev.asyncdsl.Retry;
import dev.asyncdsl.Timeout;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Variant 1: a blocking method under asyncdsl's annotations; its twin {@code AsyncdslReadingsAsync}
 * runs the calls. The same policies as the other variants: 200 ms per attempt, one retry 20 ms
 * later on an I/O failure or a timeout, a circuit that opens for 1 s when three quarters of the
 * last 100 attempts failed, and the last known temperature as the fallback. The downstream is
 * healthy (one call in 20 is slow): the circuit is there to cost what it costs, and to open only
 * when the downstream fails. A tighter one, half of the last 20, opened on this shared machine's
 * stalls, in every variant that has one, and the runs then measured fallbacks.
 */
@Component
public class AsyncdslReadings {
  final Downstream downstream;

  /** Calls the downstream at {@code downstream.url}. */
  public AsyncdslReadings(@Value("${downstream.url}") URI downstreamUrl) {
    this.downstream = new Downstream(downstreamUrl);
  }

  /** One region's reading. */
  @Async
  @Timeout(value = 200, unit = TimeUnit.MILLISECONDS)
  @Retry(
      maxRetries = 1,
      delay = 20,
      retryOn = {IOException.class, TimeoutException.class})
  @CircuitBreaker(
      requestVolumeThreshold = 100,
      failureRatio = 0.75,
      delay = 1,
      delayUnit = TimeUnit.SECONDS)
  @Fallback(method = "lastKnown")
  public Reading reading(String region) throws IOException, InterruptedException {
    return downstream.get(region);
  }

  Reading lastKnown(String region) {
    return downstream.lastKnown(region);
  }
}
