package dev.asyncdsl.examples.spring;

import dev.asyncdsl.Gather;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /forecast}: the four regions' readings, asked for at once. The answer is a future, so
 * no request thread waits for the third party: Spring MVC writes it when the last reading is in.
 */
@RestController
public class ForecastController {
  private static final Logger log = LoggerFactory.getLogger(ForecastController.class);

  private final RegionalForecastsAsync forecasts;

  /** Asks through {@code forecasts}, the twin of the {@link RegionalForecasts} bean. */
  public ForecastController(RegionalForecastsAsync forecasts) {
    this.forecasts = forecasts;
  }

  /** Every region's reading, live or from the fallback. */
  @GetMapping("/forecast")
  public CompletableFuture<Forecast> forecast() {
    String requestId = MDC.get(RequestIdFilter.MDC_KEY);
    log.info("gathering {} regions", RegionalForecasts.REGIONS.size());
    List<CompletableFuture<Reading>> calls = new ArrayList<>();
    for (String region : RegionalForecasts.REGIONS) {
      calls.add(forecasts.reading(region));
    }
    return Gather.all(calls).thenApply(readings -> new Forecast(requestId, readings));
  }
}
