package dev.asyncdsl.benchmarks.spring;

import dev.asyncdsl.Gather;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /asyncdsl/forecast}: the four calls through the twin, gathered. */
@RestController
public class AsyncdslController {
  private final AsyncdslReadingsAsync readings;

  /** Calls through the twin of the {@link AsyncdslReadings} bean. */
  public AsyncdslController(AsyncdslReadingsAsync readings) {
    this.readings = readings;
  }

  /** The four regions' readings. */
  @GetMapping("/asyncdsl/forecast")
  public CompletableFuture<Forecast> forecast() {
    List<CompletableFuture<Reading>> calls = new ArrayList<>(Forecast.REGIONS.size());
    for (String region : Forecast.REGIONS) {
      calls.add(readings.reading(region));
    }
    return Gather.all(calls).thenApply(Forecast::new);
  }
}
