package dev.asyncdsl.examples;

import dev.asyncdsl.AllFailedException;
import dev.asyncdsl.DeadlineExceededException;
import dev.asyncdsl.Gather;
import dev.asyncdsl.Outcome;
import dev.asyncdsl.Tasks;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The post's practical case: "you are calling a third party API in your application and the third
 * party itself is down. In that case, you don't want to wait for a long time." Four ways to call
 * services that may be down, none of which hangs the caller, against real HTTP servers on 127.0.0.1
 * ({@link LocalThirdParty}): one fast, one slow, one failing with 503, one down (it accepts
 * connections and never answers).
 *
 * <p>Then it counts what the timeouts released: the method bodies still running and the connections
 * the down and slow servers still see open. Through {@code HttpClient} nothing more is needed; the
 * last part calls the down server through {@code HttpURLConnection}, whose read a deadline's
 * interrupt cannot stop on JDK 17's platform threads, so the method registers the connection with
 * {@link Tasks#closeOnCancel}.
 */
public final class ThirdPartyApi {
  /** The calls of the last part, all at once. */
  static final int URL_CONNECTION_CALLS = 50;

  /** How long the servers may take to see a released connection closed; far more than needed. */
  private static final Duration RELEASE_WITHIN = Duration.ofSeconds(5);

  private ThirdPartyApi() {}

  public static void main(String[] args) throws Exception {
    run();
  }

  /**
   * What happened.
   *
   * @param lines what was printed
   */
  public record Result(List<String> lines) {}

  public static Result run() throws Exception {
    try (LocalThirdParty fast = LocalThirdParty.start(Duration.ZERO);
        LocalThirdParty slow = LocalThirdParty.start(Duration.ofMillis(300));
        LocalThirdParty broken = LocalThirdParty.start(Duration.ZERO);
        LocalThirdParty down = LocalThirdParty.start(Duration.ZERO)) {
      ForecastMirrors service =
          new ForecastMirrors(
              Map.of(
                  "fast", fast.uri("fast"),
                  "slow", slow.uri("slow"),
                  "broken", broken.uri("broken"),
                  "down", down.uri("down")));
      List<String> lines = new ArrayList<>();
      callTheMirrors(new ForecastMirrorsAsync(service), lines);

      waitUntil(
          () ->
              service.running() == 0 && down.openConnections() == 0 && slow.openConnections() == 0);
      lines.add(
          "HttpClient released: method bodies still running "
              + service.running()
              + ", connections open at the down and slow mirrors "
              + (down.openConnections() + slow.openConnections()));

      // 5. The same server that is down, through HttpURLConnection, many calls at once.
      ThirdPartyClients classic =
          new ThirdPartyClients(URI.create("http://127.0.0.1:" + down.port()));
      ThirdPartyClientsAsync classicAsync = new ThirdPartyClientsAsync(classic);
      List<CompletableFuture<String>> calls = new ArrayList<>();
      for (int i = 0; i < URL_CONNECTION_CALLS; i++) {
        calls.add(classicAsync.urlConnectionClosedOnCancel("down"));
      }
      List<Outcome<String>> outcomes = Gather.settled(calls).join();
      long timedOut =
          outcomes.stream().filter(o -> o.error() instanceof DeadlineExceededException).count();
      lines.add(
          "HttpURLConnection with closeOnCancel(conn::disconnect): "
              + timedOut
              + " of "
              + URL_CONNECTION_CALLS
              + " calls to the down mirror gave up at 300 ms");
      waitUntil(() -> classic.running() == 0 && down.openConnections() == 0);
      lines.add(
          "HttpURLConnection released: method bodies still running "
              + classic.running()
              + ", connections open at the down mirror "
              + down.openConnections());

      for (String line : lines) {
        System.out.println(line);
      }
      return new Result(lines);
    }
  }

  private static void callTheMirrors(ForecastMirrorsAsync mirrors, List<String> lines)
      throws Exception {
    // 1. One service that is down: the deadline on the method fails the call and stops it.
    try {
      Tasks.await(mirrors.forecast("down"));
      lines.add("down: answered (unexpected)");
    } catch (TimeoutException e) {
      lines.add("down: no answer within 500 ms, gave up");
    }

    // 2. Every service at once, keeping every outcome (asyncio's return_exceptions=True).
    List<String> names = List.of("fast", "broken", "down");
    List<CompletableFuture<Double>> calls = new ArrayList<>();
    for (String name : names) {
      calls.add(mirrors.forecast(name));
    }
    List<Outcome<Double>> outcomes = Gather.settled(calls).join();
    for (int i = 0; i < names.size(); i++) {
      Outcome<Double> outcome = outcomes.get(i);
      lines.add(
          "settled "
              + names.get(i)
              + ": "
              + (outcome.isSuccess()
                  ? outcome.value() + " °C"
                  : outcome.error().getClass().getSimpleName()
                      + ": "
                      + outcome.error().getMessage()));
    }

    // 3. The first service to answer wins; the others are cancelled, so none keeps running.
    List<CompletableFuture<Double>> race =
        List.of(mirrors.forecast("down"), mirrors.forecast("slow"), mirrors.forecast("fast"));
    try {
      lines.add("first answer: " + Tasks.await(Gather.any(race)) + " °C");
    } catch (AllFailedException e) {
      lines.add("every mirror failed: " + e.failures());
    }
    lines.add(
        "the others were cancelled: " + (race.get(0).isCancelled() && race.get(1).isCancelled()));

    // 4. A caller that stops waiting on its own: cancel(true) interrupts the running call.
    CompletableFuture<Double> abandoned = mirrors.forecast("slow");
    abandoned.cancel(true);
    lines.add("abandoned call cancelled: " + abandoned.isCancelled());
  }

  /**
   * Waits for {@code done}, within a bound: cancelled and timed-out futures are done at once, but
   * their threads and connections need a moment to see the interrupt or the close (and an open
   * circuit its delay to pass).
   */
  static void waitUntil(BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + RELEASE_WITHIN.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() - end < 0) {
      Thread.sleep(10);
    }
  }
}
