package dev.asyncdsl.examples;

import dev.asyncdsl.examples.durable.CeleryCase;
import java.time.Duration;
import java.util.Random;

/**
 * Runs every program of the seed post in order, each under a heading: {@code mvn -q -Pdemo
 * -DskipTests package} from the repository root.
 */
public final class SeedDemo {
  private SeedDemo() {}

  /** Optional argument: the number of calls of the last program (default 10000). */
  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : TenThousand.DEFAULT_CALLS;

    heading("1. Basic async function");
    BasicAsyncFunction.run();

    heading("2. Time taken for the full execution: async, gathered");
    GatherFour.run();

    heading("3. Time taken for the full execution: sync, one after another");
    SyncFour.run();

    heading("4. Order of execution for async functions");
    CompletionOrder.run(new Random());

    heading("5. Handling timeout");
    TimeoutDemo.run();

    heading("6. Now if we wanted to run " + calls + " such functions");
    TenThousand.run(calls, Duration.ofSeconds(1));

    heading("7. A third-party API that is down");
    ThirdPartyApi.run();

    heading("8. The third party that is down: retry, circuit breaker, fallback");
    ThirdPartyResilience.run();

    heading("9. Beyond one machine: long tasks as durable jobs, two worker processes");
    CeleryCase.run();
  }

  private static void heading(String title) {
    System.out.println("== " + title + " ==");
  }
}
