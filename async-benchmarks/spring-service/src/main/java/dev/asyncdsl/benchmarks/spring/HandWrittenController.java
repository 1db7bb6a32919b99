package dev.asyncdsl.benchmarks.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /handwritten/forecast}: the four hand-written calls, gathered. */
@RestController
public class HandWrittenController {
  private final HandWrittenReadings readings;

  /** Calls through {@code readings}. */
  public HandWrittenController(HandWrittenReadings readings) {
    this.readings = readings;
  }

  /** The four regions' readings. */
  @GetMapping("/handwritten/forecast")
  public CompletableFuture<Forecast> forecast() {
    List<CompletableFuture<Reading>> calls = new ArrayList<>(Forecast.REGIONS.size());
    for (String region : Forecast.REGIONS) {
      calls.add(readings.reading(region));
    }
    return Forecast.allOf(calls);
  }
}
