package dev.asyncdsl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.DeadlineExceededException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A third party that is down, for real: 50 concurrent {@code @Timeout(300 ms)} calls per client and
 * server mode against {@link LocalThirdParty}, with no client timeout of their own. Every future
 * must fail with the deadline; the test then counts what the timeout released: the method bodies
 * still running ({@link ThirdPartyClients#running()}) and the connections the server still sees
 * open.
 *
 * <p>This measures the README's table "When the method blocks on the network"; {@link #expected} is
 * that table. On JDK 21+ virtual threads the deadline's interrupt closes a blocked socket, so every
 * variant is released. On JDK 17's platform threads a classic socket read ignores the interrupt:
 * {@code HttpURLConnection} and {@code Socket}, written as users write them today, hold their
 * thread and connection until the server goes away, and need {@code Tasks.closeOnCancel} or {@code
 * Tasks.remaining()}, which do not release everything for {@code HttpURLConnection} once it has
 * read the headers (see {@link Expected}).
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = TimeUnit.SECONDS)
class NetworkReleaseTest {
  private static final int CALLS = 50;

  /** The timeout of {@link ThirdPartyClients}' methods. */
  private static final Duration DEADLINE = Duration.ofMillis(300);

  /** Generous: the machine may be busy with other builds. */
  private static final Duration RELEASE_WITHIN = Duration.ofSeconds(5);

  /** How long a leaking variant is watched, after its futures failed, to see nothing return. */
  private static final Duration LEAK_WATCH = Duration.ofSeconds(1);

  /** Far past every deadline: only a client that gave up ends a slow exchange in time. */
  private static final Duration SLOW_ANSWER = Duration.ofSeconds(60);

  private LocalThirdParty server;
  private ThirdPartyClients clients;

  enum Variant {
    HTTP_CLIENT(ThirdPartyClientsAsync::httpClient),
    URL_CONNECTION(ThirdPartyClientsAsync::urlConnection),
    URL_CONNECTION_CLOSE_ON_CANCEL(ThirdPartyClientsAsync::urlConnectionClosedOnCancel),
    URL_CONNECTION_REMAINING(ThirdPartyClientsAsync::urlConnectionWithRemaining),
    SOCKET(ThirdPartyClientsAsync::socket),
    SOCKET_CLOSE_ON_CANCEL(ThirdPartyClientsAsync::socketClosedOnCancel),
    SOCKET_REMAINING(ThirdPartyClientsAsync::socketWithRemaining);

    final BiFunction<ThirdPartyClientsAsync, String, CompletableFuture<String>> call;

    Variant(BiFunction<ThirdPartyClientsAsync, String, CompletableFuture<String>> call) {
      this.call = call;
    }
  }

  /** What the deadline releases, beyond failing the future. */
  enum Expected {
    /** Every method body returns and every connection is closed. */
    RELEASED,
    /**
     * Every method body returns; connections may stay open past {@link #RELEASE_WITHIN}: with
     * keep-alive on, {@code HttpURLConnection} keeps a connection whose body it could not finish,
     * to drain the rest in the background (10 of the 50 were still open 5 s after the deadline).
     * {@link NetworkReleaseWithoutKeepAliveTest} turns keep-alive off and sees them all closed.
     */
    BODIES_ONLY,
    /** No method body returns and no connection closes until the server closes them. */
    HELD
  }

  /** The README's table: what this JDK's default executor releases, per variant and mode. */
  static Expected expected(Variant variant, String mode) {
    boolean headersRead = mode.equals("stalling");
    if (variant == Variant.URL_CONNECTION_REMAINING && headersRead) {
      // The read timeout remaining() sets and the deadline's interrupt are due at the same
      // instant: where the timeout wins (a loaded machine), keep-alive keeps the connection to
      // drain the body, on any JDK; the bodies return either way.
      return Expected.BODIES_ONLY;
    }
    if (AsyncRuntime.usesVirtualThreads()) {
      return Expected.RELEASED; // the interrupt closes the socket of a blocked virtual thread
    }
    return switch (variant) {
      case HTTP_CLIENT, SOCKET_CLOSE_ON_CANCEL, SOCKET_REMAINING -> Expected.RELEASED;
      case URL_CONNECTION, SOCKET -> Expected.HELD;
      // Once the body is being read, disconnect() closes the body's stream, whose lock the
      // blocked read holds (KeepAliveStream.close): the close waits behind the read.
      case URL_CONNECTION_CLOSE_ON_CANCEL -> headersRead ? Expected.HELD : Expected.RELEASED;
      case URL_CONNECTION_REMAINING -> Expected.RELEASED;
    };
  }

  static Stream<Arguments> cases() {
    return Stream.of(Variant.values())
        .flatMap(v -> Stream.of("down", "stalling", "slow").map(mode -> Arguments.of(v, mode)));
  }

  @ParameterizedTest(name = "{0} against a {1} server")
  @MethodSource("cases")
  void theDeadlineFailsEveryCallAndReleasesWhatTheVariantCanRelease(Variant variant, String mode)
      throws Exception {
    server = LocalThirdParty.start(SLOW_ANSWER);
    clients = new ThirdPartyClients(URI.create("http://127.0.0.1:" + server.port()));
    ThirdPartyClientsAsync twin = new ThirdPartyClientsAsync(clients);

    List<CompletableFuture<String>> calls = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      calls.add(variant.call.apply(twin, mode));
    }
    for (CompletableFuture<String> call : calls) {
      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
      assertInstanceOf(DeadlineExceededException.class, failure.getCause());
    }
    // Every future has failed: the deadline has passed for all of them.
    assertTrue(clients.entered() > 0, "no call reached its method before the deadline");

    Expected expected = expected(variant, mode);
    if (expected == Expected.HELD) {
      Thread.sleep(LEAK_WATCH.toMillis());
      assertEquals(clients.entered(), clients.running(), "a method body returned");
      assertEquals(
          server.acceptedConnections(),
          server.openConnections(),
          "the server saw a connection close");
      return;
    }
    assertTrue(
        eventually(() -> clients.running() == 0, RELEASE_WITHIN),
        () -> clients.running() + " method bodies still running");
    if (expected == Expected.RELEASED) {
      assertTrue(
          server.awaitNoOpenConnections(RELEASE_WITHIN),
          () -> server.openConnections() + " connections still open at the server");
      assertTrue(server.acceptedConnections() > 0, "the server never saw a connection");
    }
  }

  /** Closes the server, which ends whatever blocked read is left, and waits for those bodies. */
  @AfterEach
  void closeTheServerAndWaitForEveryBody() throws Exception {
    if (server != null) {
      server.close();
    }
    if (clients != null) {
      assertTrue(
          eventually(() -> clients.running() == 0, Duration.ofSeconds(10)),
          () -> clients.running() + " method bodies still running after the server closed");
    }
  }

  private static boolean eventually(BooleanSupplier condition, Duration within)
      throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end >= 0) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }
}
