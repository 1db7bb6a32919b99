package dev.asyncdsl.examples;

import dev.asyncdsl.Async;
import dev.asyncdsl.Timeout;

/** The function of the post's "Handling timeout": it takes two seconds but may only take one. */
public final class TimeoutFunctions {
  /** How long {@link #asyncSleep()} would take: the post's {@code asyncio.sleep(2)}. */
  static final long SLEEP_MILLIS = 2000;

  private TimeoutFunctions() {}

  /**
   * The post's {@code async_sleep()} run under {@code asyncio.wait_for(..., timeout=1.0)}. The
   * deadline is declared on the method; at one second the twin's future fails with a {@link
   * java.util.concurrent.TimeoutException} and this thread is interrupted, so {@code Thread.sleep}
   * throws and the last line never prints. (For a deadline chosen at the call site, use {@code
   * Tasks.waitFor(future, 1, SECONDS)}.)
   */
  @Async
  @Timeout(1)
  public static void asyncSleep() throws InterruptedException {
    Thread.sleep(SLEEP_MILLIS);
    System.out.println("Execution completed");
  }
}
