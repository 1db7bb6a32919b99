package dev.asyncdsl.it.config;

import dev.asyncdsl.Async;
import dev.asyncdsl.Retry;
import java.io.IOException;

/** Configured with a retry count the rules refuse. */
public class BadValue {
  private final Source source;

  public BadValue(Source source) {
    this.source = source;
  }

  @Async
  @Retry(maxRetries = 1)
  public String read() throws IOException {
    return source.read();
  }

  @Async
  public static String version() {
    return "1";
  }

  @Async
  @Retry(maxRetries = 1)
  public static String build() {
    return "2";
  }
}
