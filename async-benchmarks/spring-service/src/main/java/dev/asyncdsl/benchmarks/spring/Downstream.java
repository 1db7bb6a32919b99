package dev.asyncdsl.benchmarks.spring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One blocking {@code GET} to the downstream, as every variant makes it: its own {@link
 * HttpClient}, no client timeout (the variant's timeout is the only deadline). It counts the calls
 * whose method is still running, so {@code /diag} can tell whether a timed-out call's thread and
 * connection were released, and keeps each region's last temperature for the fallbacks.
 */
public final class Downstream {
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI uri;
  private final AtomicInteger running = new AtomicInteger();
  private final Map<String, Double> lastKnown = new ConcurrentHashMap<>();

  Downstream(URI uri) {
    this.uri = uri;
  }

  /** Asks the downstream for {@code region}'s temperature; blocks until it answers. */
  Reading get(String region) throws IOException, InterruptedException {
    running.incrementAndGet();
    try {
      HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("the downstream answered " + response.statusCode());
      }
      double celsius = Double.parseDouble(response.body());
      lastKnown.put(region, celsius);
      return Reading.live(region, celsius);
    } finally {
      running.decrementAndGet();
    }
  }

  /** The fallback's answer: the last temperature the downstream gave for {@code region}. */
  Reading lastKnown(String region) {
    return Reading.fallback(region, lastKnown.get(region));
  }

  /** Calls whose method has not returned yet. */
  int running() {
    return running.get();
  }
}
