package dev.asyncdsl.examples;

import dev.asyncdsl.AllFailedException;
import dev.asyncdsl.Gather;
import dev.asyncdsl.Outcome;
import dev.asyncdsl.Tasks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The post's practical case: "you are calling a third party API in your application and the third
 * party itself is down. In that case, you don't want to wait for a long time." Four ways to call
 * services that may be down, none of which hangs the caller.
 */
public final class ThirdPartyApi {
  private ThirdPartyApi() {}

  public static void main(String[] args) throws Exception {
    run();
  }

  /**
   * What happened.
   *
   * @param lines what was printed
   * @param downWasStopped whether the call to the mirror that is down was interrupted
   */
  public record Result(List<String> lines, boolean downWasStopped) {}

  public static Result run() throws Exception {
    ForecastMirrors.INTERRUPTED.clear();
    List<String> lines = new ArrayList<>();

    // 1. One service that is down: the deadline on the method fails the call and stops it.
    try {
      Tasks.await(ForecastMirrorsAsync.forecast("down"));
      lines.add("down: answered (unexpected)");
    } catch (TimeoutException e) {
      lines.add("down: no answer within 500 ms, gave up");
    }

    // 2. Every service at once, keeping every outcome (asyncio's return_exceptions=True).
    List<String> mirrors = List.of("fast", "broken", "down");
    List<CompletableFuture<Double>> calls = new ArrayList<>();
    for (String mirror : mirrors) {
      calls.add(ForecastMirrorsAsync.forecast(mirror));
    }
    List<Outcome<Double>> outcomes = Gather.settled(calls).join();
    for (int i = 0; i < mirrors.size(); i++) {
      Outcome<Double> outcome = outcomes.get(i);
      lines.add(
          "settled "
              + mirrors.get(i)
              + ": "
              + (outcome.isSuccess()
                  ? outcome.value() + " °C"
                  : outcome.error().getClass().getSimpleName() + ": " + outcome.error().getMessage()));
    }

    // 3. The first service to answer wins; the others are cancelled, so none keeps running.
    List<CompletableFuture<Double>> race =
        List.of(
            ForecastMirrorsAsync.forecast("down"),
            ForecastMirrorsAsync.forecast("slow"),
            ForecastMirrorsAsync.forecast("fast"));
    try {
      lines.add("first answer: " + Tasks.await(Gather.any(race)) + " °C");
    } catch (AllFailedException e) {
      lines.add("every mirror failed: " + e.failures());
    }
    waitUntilDone(race);
    lines.add(
        "the others were cancelled: " + (race.get(0).isCancelled() && race.get(1).isCancelled()));

    // 4. A caller that stops waiting on its own: cancel(true) interrupts the running call.
    CompletableFuture<Double> abandoned = ForecastMirrorsAsync.forecast("slow");
    abandoned.cancel(true);
    lines.add("abandoned call cancelled: " + abandoned.isCancelled());

    for (String line : lines) {
      System.out.println(line);
    }
    return new Result(lines, ForecastMirrors.INTERRUPTED.contains("down"));
  }

  /** Cancelled futures are done at once; their threads need a moment to see the interrupt. */
  private static void waitUntilDone(List<CompletableFuture<Double>> calls)
      throws InterruptedException {
    for (CompletableFuture<Double> call : calls) {
      try {
        call.get(1, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException
          | java.util.concurrent.CancellationException
          | TimeoutException expected) {
        // A lost race ends like this; only that it ended matters here.
      }
    }
  }
}
