package dev.asyncdsl.examples;

import dev.asyncdsl.Gather;
import dev.asyncdsl.Tasks;
import dev.asyncdsl.Tuple4;

/**
 * The post's "Time taken for the full execution", async version: four one-second functions
 * gathered, done after about one second.
 *
 * <pre>
 * async def main():
 *     tasks = (func1(1), func2(1), func3(1), func4(1))
 *     await asyncio.gather(*tasks)
 *     print("Completed after: {}", time.time() - start)
 * </pre>
 *
 * <p>The four calls run at the same time, so their {@code started} lines come in whatever order
 * their threads get going; usually 1 to 4.
 */
public final class GatherFour {
  private GatherFour() {}

  public static void main(String[] args) throws Exception {
    run();
  }

  /** Gathers {@code func1(1)} to {@code func4(1)}; returns their results, typed, in call order. */
  public static Timed<Tuple4<Integer, Integer, Integer, Integer>> run() throws Exception {
    long start = System.nanoTime();
    Tuple4<Integer, Integer, Integer, Integer> results =
        Tasks.await(
            Gather.all(
                SeedFunctionsAsync.func1(1),
                SeedFunctionsAsync.func2(1),
                SeedFunctionsAsync.func3(1),
                SeedFunctionsAsync.func4(1)));
    double seconds = Timed.secondsSince(start);
    System.out.println("Completed after: " + seconds);
    return new Timed<>(results, seconds);
  }
}
