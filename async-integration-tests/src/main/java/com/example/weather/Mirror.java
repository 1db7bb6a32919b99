package com.example.weather;

import dev.asyncdsl.Async;
import dev.asyncdsl.Bulkhead;
import dev.asyncdsl.CircuitBreaker;
import dev.asyncdsl.Fallback;
import dev.asyncdsl.Retry;
import dev.asyncdsl.Timeout;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public class Mirror {
  private final Station station;
  private final Map<String, Double> lastKnown = new ConcurrentHashMap<>();

  public Mirror(Station station) {
    this.station = station;
  }

  @Async
  @Timeout(2)
  @Retry(maxRetries = 3, delay = 200, delayMultiplier = 2, jitter = 50)
  @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5)
  @Bulkhead(value = 20, waitingTaskQueue = 100)
  @Fallback(method = "lastKnown")
  public double celsius(String city) throws IOException {
    double celsius = station.readCelsius(city); // blocks on the network
    lastKnown.put(city, celsius);
    return celsius;
  }

  double lastKnown(String city, Throwable failure) throws Throwable {
    Double known = lastKnown.get(city);
    if (known == null) {
      throw failure; // nothing better to say: the caller sees the station's own failure
    }
    return known;
  }
}
