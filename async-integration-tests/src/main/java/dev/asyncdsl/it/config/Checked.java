package dev.asyncdsl.it.config;

import dev.asyncdsl.Async;
import dev.asyncdsl.Retry;
import dev.asyncdsl.Timeout;
import java.io.IOException;

/** Checked at start-up by PolicyConfig.check. */
public class Checked {
  private final Source source;

  public Checked(Source source) {
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
