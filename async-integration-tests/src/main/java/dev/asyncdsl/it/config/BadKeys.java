package dev.asyncdsl.it.config;

import dev.asyncdsl.Async;
import dev.asyncdsl.Retry;
import java.io.IOException;

/** Configured with keys that name a method it lacks, a member its policy lacks, and so on. */
public class BadKeys {
  private final Source source;

  public BadKeys(Source source) {
    this.source = source;
  }

  @Async
  @Retry(maxRetries = 1)
  public String read() throws IOException {
    return source.read();
  }

  @Async
  public String plain() {
    return "plain";
  }
}
