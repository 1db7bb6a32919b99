package dev.asyncdsl.examples;

import dev.asyncdsl.Tasks;
import java.util.concurrent.TimeoutException;

/**
 * The post's "Handling timeout":
 *
 * <pre>
 * async def main():
 *     try:
 *         await asyncio.wait_for(async_sleep(), timeout=1.0)
 *     except asyncio.TimeoutError:
 *         print('Timeout error')
 * </pre>
 *
 * <p>Response: {@code Timeout error}, and never {@code Execution completed}.
 */
public final class TimeoutDemo {
  private TimeoutDemo() {}

  public static void main(String[] args) throws Exception {
    run();
  }

  /**
   * What happened: whether the call timed out, and how long the caller waited.
   *
   * @param timedOut whether awaiting the call threw {@link TimeoutException}
   * @param seconds how long the caller waited
   */
  public record Result(boolean timedOut, double seconds) {}

  public static Result run() throws Exception {
    long start = System.nanoTime();
    try {
      Tasks.await(TimeoutFunctionsAsync.asyncSleep());
      return new Result(false, Timed.secondsSince(start));
    } catch (TimeoutException e) {
      System.out.println("Timeout error");
      return new Result(true, Timed.secondsSince(start));
    }
  }
}
