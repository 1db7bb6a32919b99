package dev.asyncdsl.examples;

import dev.asyncdsl.Async;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The function of the post's "Order of execution for async functions": it sleeps a random time
 * between 0 and 1 second and reports when it is done.
 *
 * <p>The post draws the sleep time inside the function. Here the caller draws it and passes it in:
 * the calls run on threads that start in no fixed order, so only draws made up front let a seeded
 * {@link Random} reproduce a run.
 */
public final class RandomSleepFunctions {
  private RandomSleepFunctions() {}

  /** {@code random.randint(0, 10) * 0.1} seconds, in milliseconds. */
  public static long randomSleepTime(Random random) {
    return random.nextInt(11) * 100L;
  }

  /** {@code count} sleep times drawn from {@code random}, the first for {@code func1(0)}. */
  public static List<Long> randomSleepTimes(Random random, int count) {
    List<Long> times = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      times.add(randomSleepTime(random));
    }
    return List.copyOf(times);
  }

  @Async
  public static int func1(int a, long sleepMillis) throws InterruptedException {
    Thread.sleep(sleepMillis);
    System.out.println("completed func " + a + ": " + (a + 1));
    return a + 1;
  }
}
