package dev.asyncdsl.it.config;

import dev.asyncdsl.Async;
import dev.asyncdsl.Fallback;
import dev.asyncdsl.Retry;
import java.io.IOException;

/** Every policy but its fallback switched off by MicroProfile's global switch. */
public class NonFallback {
  private final Source source;

  public NonFallback(Source source) {
    this.source = source;
  }

  @Async
  @Retry(maxRetries = 3)
  @Fallback(method = "cached")
  public String read() throws IOException {
    return source.read();
  }

  String cached() {
    return "cached";
  }
}
