package dev.asyncdsl.it.config;

import dev.asyncdsl.Async;
import dev.asyncdsl.CircuitBreaker;
import java.io.IOException;

/** Its circuit breaker switched off by configuration. */
public class Switched {
  private final Source source;

  public Switched(Source source) {
    this.source = source;
  }

  @Async
  @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 0.5, delay = 60_000)
  public String read() throws IOException {
    return source.read();
  }
}
