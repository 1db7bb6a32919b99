package dev.asyncdsl.benchmarks;

import dev.asyncdsl.Async;
import org.slf4j.MDC;

/**
 * The body of the context benchmarks: it reads the caller's request id from the MDC, so the context
 * a contender carries is used, and returns.
 */
public class RequestScoped {
  /** The MDC key the caller sets. */
  static final String KEY = "requestId";

  /** The caller's request id. */
  static final String ID = "7f3a9c2e-41d8-4b6a-9e0f-5c1d2b3a4f60";

  /** What {@link #echo} returns for {@code x} when the request id reached it. */
  static int expected(int x) {
    return x + ID.length();
  }

  /** Returns {@code x} plus the length of the request id in the MDC, or {@code x} if none. */
  @Async
  public int echo(int x) {
    String id = MDC.get(KEY);
    return id == null ? x : x + id.length();
  }
}
