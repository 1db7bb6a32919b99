package dev.asyncdsl.benchmarks;

import dev.asyncdsl.Async;
import dev.asyncdsl.Timeout;
import java.util.concurrent.TimeUnit;

/** The blocking methods of the scale and timeout groups. */
public final class Sleepers {
  private Sleepers() {}

  /**
   * The seed's {@code func}: sleeps a second (its {@code asyncio.sleep(1)}), returns {@code a + 1}.
   */
  @Async
  public static int func(int a) throws InterruptedException {
    Thread.sleep(1000);
    return a + 1;
  }

  /** How long {@link #overrun()} sleeps: far past its 100 ms deadline. */
  public static final long OVERRUN_MILLIS = 5000;

  /** Sleeps well past its 100 ms timeout, so every call times out. */
  @Async
  @Timeout(value = 100, unit = TimeUnit.MILLISECONDS)
  public static int overrun() throws InterruptedException {
    Thread.sleep(OVERRUN_MILLIS);
    return 0;
  }
}
