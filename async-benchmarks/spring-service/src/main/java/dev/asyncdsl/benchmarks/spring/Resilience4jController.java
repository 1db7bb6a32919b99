package dev.asyncdsl.benchmarks.spring;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /resilience4j/forecast}: the four calls through Resilience4j's proxy, gathered. */
@RestController
public class Resilience4jController {
  private final Resilience4jReadings readings;

  /** Calls through the proxy of the {@link Resilience4jReadings} bean. */
  public Resilience4jController(Resilience4jReadings readings) {
    this.readings = readings;
  }

  /** The four regions' readings. */
  @GetMapping("/resilience4j/forecast")
  public CompletableFuture<Forecast> forecast() throws IOException, InterruptedException {
    List<CompletableFuture<Reading>> calls = new ArrayList<>(Forecast.REGIONS.size());
    for (String region : Forecast.REGIONS) {
      calls.add(readings.reading(region));
    }
    return Forecast.allOf(calls);
  }
}
