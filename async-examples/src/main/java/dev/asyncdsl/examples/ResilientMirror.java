package dev.asyncdsl.examples;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One third-party forecast service, called with every policy a client of a flaky service wants:
 * each attempt gives up after 1 s, a failed one is retried twice with backoff, the circuit opens
 * when half of the last four attempts failed, and while nothing works the last forecast it gave
 * comes from the cache. All of it is checked by the compiler: misspell {@code fromCache} and the
 * build fails.
 */
public class ResilientMirror {
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, Double> cache;
  private final String name;
  private volatile URI address;
  private final AtomicInteger requests = new AtomicInteger();

  /** A mirror known as {@code name}, at {@code address}, caching its answers in {@code cache}. */
  public ResilientMirror(String name, URI address, Map<String, Double> cache) {
    this.name = name;
    this.address = address;
    this.cache = cache;
  }

  /** A fresh cache for {@link #ResilientMirror}. */
  public static Map<String, Double> newCache() {
    return new ConcurrentHashMap<>();
  }

  /** The mirror moves (or goes down, or comes back). */
  public void pointAt(URI newAddress) {
    address = newAddress;
  }

  /** How many requests the method has sent so far. */
  public int requests() {
    return requests.get();
  }

  /** Asks the mirror for the temperature, and remembers it. */
  @Async
  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @Retry(
      maxRetries = 2,
      delay = 50,
      delayMultiplier = 2,
      retryOn = {IOException.class, TimeoutException.class})
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.5,
      delay = 1,
      delayUnit = TimeUnit.SECONDS)
  @Fallback(method = "fromCache")
  public double forecast() throws IOException, InterruptedException {
    requests.incrementAndGet();
    HttpRequest request = HttpRequest.newBuilder(address).GET().build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(name + " answered " + response.statusCode());
    }
    double temperature = Double.parseDouble(response.body());
    cache.put(name, temperature);
    return temperature;
  }

  /** The fallback: the last forecast this mirror gave, if it gave one. */
  double fromCache(Throwable failure) throws NoForecastException {
    Double cached = cache.get(name);
    if (cached == null) {
      throw new NoForecastException(name, failure);
    }
    return cached;
  }

  /** Neither the mirror nor the cache had a forecast. */
  public static final class NoForecastException extends Exception {
    private static final long serialVersionUID = 1L;

    NoForecastException(String mirror, Throwable lastFailure) {
      super(
          "no forecast from "
              + mirror
              + " and none cached (last failure: "
              + lastFailure.getClass().getSimpleName()
              + ")",
          lastFailure);
    }
  }
}
