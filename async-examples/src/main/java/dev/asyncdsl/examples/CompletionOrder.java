package dev.asyncdsl.examples;

import dev.asyncdsl.Gather;
import dev.asyncdsl.Tasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The post's "Order of execution for async functions": five calls with random sleeps complete in
 * whatever order their sleeps allow, and the whole takes as long as the longest one.
 *
 * <pre>
 * async def main():
 *     tasks = [func1(a) for a in range(0, 5)]
 *     await asyncio.gather(*tasks)
 *     print("Completed after: {}".format(time.time() - start))
 * </pre>
 *
 * <p>Then two things the post mentions but does not print: the gathered results come in input order
 * whatever the completion order, and {@link Gather#asCompleted} (asyncio's {@code as_completed})
 * hands the results over as they arrive.
 */
public final class CompletionOrder {
  /** How many calls the post makes: {@code range(0, 5)}. */
  public static final int CALLS = 5;

  private CompletionOrder() {}

  /** Optional argument: the seed of the random sleep times. */
  public static void main(String[] args) throws Exception {
    run(args.length > 0 ? new Random(Long.parseLong(args[0])) : new Random());
  }

  /**
   * What happened: the gathered results (input order), the results in the order {@code asCompleted}
   * yielded them, and how long the gathered run took.
   */
  public record Result(List<Integer> gathered, List<Integer> asCompleted, double seconds) {}

  /** Runs the program with sleep times drawn from {@code random}. */
  public static Result run(Random random) throws Exception {
    return run(RandomSleepFunctions.randomSleepTimes(random, CALLS));
  }

  /** Runs the program; {@code func1(a)} sleeps {@code sleepMillis.get(a)} milliseconds. */
  public static Result run(List<Long> sleepMillis) throws Exception {
    long start = System.nanoTime();
    List<CompletableFuture<Integer>> tasks = startCalls(sleepMillis);
    List<Integer> gathered = Tasks.await(Gather.all(tasks));
    double seconds = Timed.secondsSince(start);
    System.out.println("Completed after: " + seconds);
    System.out.println("Gathered results, in input order: " + gathered);

    System.out.println(
        "The same calls again, results taken with Gather.asCompleted as they arrive:");
    List<CompletableFuture<Integer>> again = startCalls(sleepMillis);
    List<Integer> arrivals = new ArrayList<>();
    for (CompletableFuture<Integer> done : Gather.asCompleted(again)) {
      int result = Tasks.join(done); // already complete: asCompleted yields finished calls only
      System.out.println("arrived: func1(" + again.indexOf(done) + ") = " + result);
      arrivals.add(result);
    }
    return new Result(gathered, List.copyOf(arrivals), seconds);
  }

  /** {@code [func1(a) for a in range(0, n)]}: every call started at once. */
  private static List<CompletableFuture<Integer>> startCalls(List<Long> sleepMillis) {
    List<CompletableFuture<Integer>> tasks = new ArrayList<>();
    for (int a = 0; a < sleepMillis.size(); a++) {
      tasks.add(RandomSleepFunctionsAsync.func1(a, sleepMillis.get(a)));
    }
    return tasks;
  }
}
