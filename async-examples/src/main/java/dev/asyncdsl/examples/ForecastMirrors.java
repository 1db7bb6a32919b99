package dev.asyncdsl.examples;

import dev.asyncdsl.Async;
import dev.asyncdsl.Timeout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Third-party forecast services, as the post's "third party API that is down" case needs them,
 * called over HTTP with {@code java.net.http.HttpClient} and no client timeout: the method's
 * {@code @Timeout} is the only deadline. {@code HttpClient.send} gives up when the deadline
 * interrupts it, closing its connection, on every JDK.
 */
public class ForecastMirrors {
  private final Map<String, URI> mirrors;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicInteger entered = new AtomicInteger();
  private final AtomicInteger returned = new AtomicInteger();

  /** The mirrors by name, each the address of its forecast. */
  public ForecastMirrors(Map<String, URI> mirrors) {
    this.mirrors = Map.copyOf(mirrors);
  }

  /** How many calls of {@link #forecast} are still inside the method: threads still held. */
  public int running() {
    return entered.get() - returned.get();
  }

  /** Asks one mirror for the temperature; a mirror that is down would block forever. */
  @Async
  @Timeout(value = 500, unit = TimeUnit.MILLISECONDS)
  public double forecast(String mirror) throws IOException, InterruptedException {
    entered.incrementAndGet();
    try {
      HttpRequest request = HttpRequest.newBuilder(mirrors.get(mirror)).GET().build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("mirror " + mirror + " answered " + response.statusCode());
      }
      return Double.parseDouble(response.body());
    } finally {
      returned.incrementAndGet();
    }
  }
}
