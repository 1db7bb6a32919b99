package dev.asyncdsl.examples;

import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.Tasks;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * "Now if we wanted to run 10000 such functions": ten thousand one-second calls, gathered with the
 * generated {@code funcAll}, take about a second, not ten thousand. On JDK 21+ each call gets a
 * virtual thread; on JDK 17 the default executor falls back to a pool of platform threads, one per
 * running call, which also holds up at this size.
 */
public final class TenThousand {
  public static final int DEFAULT_CALLS = 10_000;

  private TenThousand() {}

  /** Optional argument: the number of calls (default 10000). */
  public static void main(String[] args) throws Exception {
    run(args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CALLS, Duration.ofSeconds(1));
  }

  /**
   * What happened.
   *
   * @param results every call's result, in input order
   * @param seconds how long the gathered calls took
   * @param peakConcurrency the most calls running at the same moment
   * @param virtualThreads whether the calls ran on virtual threads
   */
  public record Result(
      List<Integer> results, double seconds, int peakConcurrency, boolean virtualThreads) {}

  /**
   * Runs {@code func(a)} for {@code a} in {@code 0..calls-1} at once, each sleeping {@code sleep}.
   */
  public static Result run(int calls, Duration sleep) throws Exception {
    CountingFunctions functions = new CountingFunctions(sleep);
    CountingFunctionsAsync twin = new CountingFunctionsAsync(functions);
    boolean virtualThreads = AsyncRuntime.usesVirtualThreads();
    System.out.println(
        "Executor: "
            + (virtualThreads
                ? "a virtual thread per call"
                : "a pool of platform threads, one per running call (no virtual threads before JDK 21)")
            + ", on Java "
            + Runtime.version().feature());

    List<Integer> inputs = IntStream.range(0, calls).boxed().toList();
    long start = System.nanoTime();
    List<Integer> results = Tasks.await(twin.funcAll(inputs));
    double seconds = Timed.secondsSince(start);
    System.out.println("Completed " + calls + " calls after: " + seconds);
    System.out.println("Calls running at the same time, at most: " + functions.peakConcurrency());
    return new Result(results, seconds, functions.peakConcurrency(), virtualThreads);
  }
}
