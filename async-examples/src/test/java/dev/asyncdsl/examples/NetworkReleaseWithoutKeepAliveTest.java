package dev.asyncdsl.examples;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.DeadlineExceededException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The one cell of {@link NetworkReleaseTest} that {@code Tasks.remaining()} leaves half released on
 * JDK 17: {@code HttpURLConnection} reading a body that stalls. The read times out at the deadline
 * and the method returns, but the JDK keeps the connection to drain the rest of the body in the
 * background. Without keep-alive ({@code -Dhttp.keepAlive=false}) there is nothing to drain it for,
 * and the timed-out read's connection is closed at once, on every JDK.
 *
 * <p>The property is read once, when the JDK's HTTP client classes initialise; this class runs in a
 * JVM of its own (see the module's surefire configuration), so setting it first is enough.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class NetworkReleaseWithoutKeepAliveTest {
  static {
    System.setProperty("http.keepAlive", "false");
  }

  private static final int CALLS = 50;

  @Test
  void aStalledBodyReadWithTheRemainingTimeReleasesItsConnectionToo() throws Exception {
    ThirdPartyClients clients;
    try (LocalThirdParty server = LocalThirdParty.start(Duration.ofSeconds(60))) {
      clients = new ThirdPartyClients(URI.create("http://127.0.0.1:" + server.port()));
      ThirdPartyClientsAsync twin = new ThirdPartyClientsAsync(clients);
      List<CompletableFuture<String>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        calls.add(twin.urlConnectionWithRemaining("stalling"));
      }
      for (CompletableFuture<String> call : calls) {
        ExecutionException failure =
            assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
        assertInstanceOf(DeadlineExceededException.class, failure.getCause());
      }
      assertTrue(
          waitFor(() -> clients.running() == 0), () -> clients.running() + " bodies running");
      assertTrue(
          server.awaitNoOpenConnections(Duration.ofSeconds(5)),
          () -> server.openConnections() + " connections still open at the server");
      assertTrue(server.acceptedConnections() > 0, "the server never saw a connection");
    }
    // The server is closed: any body still blocked has been woken up.
    assertTrue(waitFor(() -> clients.running() == 0), () -> clients.running() + " bodies running");
  }

  private static boolean waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end >= 0) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }
}
