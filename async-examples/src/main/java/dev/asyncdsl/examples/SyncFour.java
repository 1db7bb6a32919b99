package dev.asyncdsl.examples;

import java.util.List;

/**
 * The post's sync version of the same program: the same four blocking functions called directly,
 * one after another, done after about four seconds.
 *
 * <pre>
 * def main():
 *     func1(1)
 *     func2(1)
 *     func3(1)
 *     func4(1)
 *     print("Completed after: {}".format(time.time() - start))
 * </pre>
 */
public final class SyncFour {
  private SyncFour() {}

  public static void main(String[] args) throws Exception {
    run();
  }

  /** Calls {@code func1(1)} to {@code func4(1)} one after another; returns their results. */
  public static Timed<List<Integer>> run() throws InterruptedException {
    long start = System.nanoTime();
    int first = SeedFunctions.func1(1);
    int second = SeedFunctions.func2(1);
    int third = SeedFunctions.func3(1);
    int fourth = SeedFunctions.func4(1);
    double seconds = Timed.secondsSince(start);
    System.out.println("Completed after: " + seconds);
    return new Timed<>(List.of(first, second, third, fourth), seconds);
  }
}
