package dev.asyncdsl.it.config;

import dev.asyncdsl.Async;
import dev.asyncdsl.Retry;
import java.io.IOException;

/** Retries only an {@code IOException}; its {@code abortOn} configured, its {@code retryOn} not. */
public class AbortOn {
  private final Source source;

  public AbortOn(Source source) {
    this.source = source;
  }

  @Async
  @Retry(maxRetries = 2, retryOn = IOException.class)
  public String read() throws IOException {
    return source.read();
  }
}
