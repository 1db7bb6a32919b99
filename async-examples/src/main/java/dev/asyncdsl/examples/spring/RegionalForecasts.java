package dev.asyncdsl.examples.spring;

import dev.asyncdsl.Async;
import dev.asyncdsl.CircuitBreaker;
import dev.asyncdsl.Fallback;
import dev.asyncdsl.Retry;
import dev.asyncdsl.Timeout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The third party's temperatures, one region per call. A blocking method, as a Spring bean; its
 * twin {@code RegionalForecastsAsync} runs each call on its own thread, gives up an attempt after
 * 300 ms (interrupting it, which closes the HTTP exchange), retries a failed one once, opens the
 * circuit when six of the last eight attempts failed, and answers from the last known temperature
 * meanwhile.
 */
@Component
public class RegionalForecasts {
  /** The regions {@code GET /forecast} asks for, one call each. */
  public static final List<String> REGIONS = List.of("north", "east", "south", "west");

  private static final Logger log = LoggerFactory.getLogger(RegionalForecasts.class);

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, Double> lastKnown = new ConcurrentHashMap<>();
  private final AtomicInteger requestsSent = new AtomicInteger();
  private volatile URI thirdParty;

  /** Asks the third party at {@code forecast.third-party} (its whole URI). */
  public RegionalForecasts(@Value("${forecast.third-party}") URI thirdParty) {
    this.thirdParty = thirdParty;
  }

  /** The third party moved (or went down, or came back): later attempts go to {@code address}. */
  public void pointAt(URI address) {
    thirdParty = address;
  }

  /** How many requests the attempts have sent so far. */
  public int requestsSent() {
    return requestsSent.get();
  }

  /** Asks the third party for the temperature of {@code region}, and remembers it. */
  @Async
  @Timeout(value = 300, unit = TimeUnit.MILLISECONDS)
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = {IOException.class, TimeoutException.class})
  @CircuitBreaker(
      requestVolumeThreshold = 8,
      failureRatio = 0.75,
      delay = 1,
      delayUnit = TimeUnit.SECONDS)
  @Fallback(method = "lastKnown")
  public Reading reading(String region) throws IOException, InterruptedException {
    log.info("asking the third party for {}", region);
    requestsSent.incrementAndGet();
    HttpRequest request = HttpRequest.newBuilder(thirdParty).GET().build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("the third party answered " + response.statusCode());
    }
    double celsius = Double.parseDouble(response.body());
    lastKnown.put(region, celsius);
    return new Reading(region, celsius, Reading.Source.LIVE);
  }

  /** The fallback: the last temperature the third party gave for {@code region}, if any. */
  Reading lastKnown(String region, Throwable failure) {
    log.info("no answer for {} ({}), answering from the cache", region, failure.toString());
    return new Reading(region, lastKnown.get(region), Reading.Source.FALLBACK);
  }
}
