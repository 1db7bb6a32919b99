package dev.asyncdsl.it.config;

import dev.asyncdsl.Async;
import dev.asyncdsl.Retry;
import dev.asyncdsl.Timeout;
import java.io.IOException;

/** Its retry count and timeout configured per method, by system properties. */
public class ByMethod {
  private final Source source;

  public ByMethod(Source source) {
    this.source = source;
  }

  @Async
  @Retry(maxRetries = 1)
  public String read() throws IOException {
    return source.read();
  }

  @Async
  @Timeout(5)
  public String slow() throws InterruptedException {
    Thread.sleep(10_000);
    return "late";
  }
}
