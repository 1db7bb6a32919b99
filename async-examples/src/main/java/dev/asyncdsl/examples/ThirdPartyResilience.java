package dev.asyncdsl.examples;

import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.Tasks;
import dev.asyncdsl.micrometer.AsyncMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The post's third party that is down, next steps: retry it with backoff, open the circuit while it
 * stays down so calls fail fast instead of piling up, answer from a cache meanwhile, and close the
 * circuit when the service is back. Real HTTP servers on 127.0.0.1 ({@link LocalThirdParty}), one
 * {@link ResilientMirror} per service, each twin with a circuit of its own. It ends with the
 * MicroProfile Fault Tolerance counters {@link AsyncMetrics} recorded in a Micrometer registry.
 */
public final class ThirdPartyResilience {
  private ThirdPartyResilience() {}

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
    List<String> lines = new ArrayList<>();
    MeterRegistry registry = new SimpleMeterRegistry();
    try (AsyncMetrics metrics = new AsyncMetrics();
        LocalThirdParty server = LocalThirdParty.start(Duration.ZERO)) {
      metrics.bindTo(registry);
      Map<String, Double> cache = ResilientMirror.newCache();
      ResilientMirror city = new ResilientMirror("city", server.uri("fast"), cache);
      ResilientMirror silent = new ResilientMirror("silent", server.uri("down"), cache);
      // One client class, two services: each twin keeps a circuit of its own.
      ResilientMirrorAsync cityAsync =
          new ResilientMirrorAsync(
              city, AsyncRuntime.defaultExecutor(), FaultTolerance.StateScope.TWIN);
      ResilientMirrorAsync silentAsync =
          new ResilientMirrorAsync(
              silent, AsyncRuntime.defaultExecutor(), FaultTolerance.StateScope.TWIN);
      FaultTolerance circuit = cityAsync.forecastPolicy();
      // The silent one takes its three attempts of 1 s meanwhile.
      CompletableFuture<Double> silentForecast = silentAsync.forecast();

      int before = city.requests();
      double fresh = Tasks.await(cityAsync.forecast());
      lines.add(
          "city is up: "
              + fresh
              + " °C, "
              + (city.requests() - before)
              + " request, circuit "
              + circuit.circuitState());

      city.pointAt(server.uri("broken"));
      before = city.requests();
      double cached = Tasks.await(cityAsync.forecast());
      lines.add(
          "city answers 503: "
              + cached
              + " °C from the cache after "
              + (city.requests() - before)
              + " requests (2 retries, 50 and 100 ms apart), circuit "
              + circuit.circuitState());

      before = city.requests();
      cached = Tasks.await(cityAsync.forecast());
      lines.add(
          "city still down: "
              + cached
              + " °C from the cache, "
              + (city.requests() - before)
              + " requests: the open circuit failed every attempt fast");

      try {
        Tasks.await(silentForecast);
        lines.add("silent answered (unexpected)");
      } catch (ResilientMirror.NoForecastException nothing) {
        lines.add(
            "silent never answers, nothing cached: "
                + silent.requests()
                + " requests, each stopped at 1 s; "
                + nothing.getMessage());
      }

      city.pointAt(server.uri("fast"));
      ThirdPartyApi.waitUntil(() -> circuit.circuitState() != FaultTolerance.CircuitState.OPEN);
      lines.add(
          "city is back, after the circuit's 1 s delay: "
              + Tasks.await(cityAsync.forecast())
              + " °C fresh, circuit "
              + circuit.circuitState()
              + ", opened "
              + circuit.circuitOpenedCount()
              + " time");
      lines.add("the counters Micrometer holds for ResilientMirror.forecast():");
      lines.addAll(counters(registry));
    }
    for (String line : lines) {
      System.out.println(line);
    }
    return new Result(lines);
  }

  /**
   * Every counter that counted, as {@code name{tags} count}, sorted; the {@code method} tag, the
   * same for all, left out.
   */
  private static List<String> counters(MeterRegistry registry) {
    List<String> counted = new ArrayList<>();
    for (Meter meter : registry.getMeters()) {
      if (meter instanceof Counter counter && counter.count() > 0) {
        StringBuilder line = new StringBuilder("  ").append(meter.getId().getName());
        StringBuilder tags = new StringBuilder();
        for (Tag tag : meter.getId().getTags()) {
          if (!tag.getKey().equals("method")) {
            tags.append(tags.length() == 0 ? "" : ", ").append(tag.getKey()).append('=');
            tags.append(tag.getValue());
          }
        }
        if (tags.length() > 0) {
          line.append('{').append(tags).append('}');
        }
        counted.add(line.append(' ').append((long) counter.count()).toString());
      }
    }
    counted.sort(null);
    return counted;
  }
}
