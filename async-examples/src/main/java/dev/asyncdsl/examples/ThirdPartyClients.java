package dev.asyncdsl.examples;

import dev.asyncdsl.Async;
import dev.asyncdsl.Tasks;
import dev.asyncdsl.Timeout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code GET} to a third party, written with each of the JDK's three clients, as a user writes
 * it today (no client timeout: the {@code @Timeout} is meant to be the only deadline) and as it
 * should be written where the deadline's interrupt cannot reach the blocked read: on JDK 17's
 * platform threads, a classic socket read ignores interrupts.
 *
 * <ul>
 *   <li>{@link #httpClient(String)}: {@code java.net.http.HttpClient.send} gives up when
 *       interrupted (it cancels the exchange and closes the connection), on every JDK; nothing to
 *       add.
 *   <li>{@link #urlConnection(String)}, {@link #socket(String)}: released by the interrupt on JDK
 *       21+ virtual threads only (the interrupt closes the socket). On JDK 17 they stay blocked
 *       until the server answers or goes away.
 *   <li>{@link #urlConnectionClosedOnCancel(String)}, {@link #socketClosedOnCancel(String)}:
 *       register the connection with {@link Tasks#closeOnCancel}, so the timeout closes it and the
 *       read fails.
 *   <li>{@link #urlConnectionWithRemaining(String)}, {@link #socketWithRemaining(String)}: hand the
 *       time left ({@link Tasks#remaining()}) to the client as its own timeout, so the read gives
 *       up at the deadline by itself.
 * </ul>
 *
 * Every method counts its bodies that started and that returned, so a caller can tell whether the
 * threads were released, not only the futures failed.
 */
@Timeout(value = 300, unit = TimeUnit.MILLISECONDS)
public class ThirdPartyClients {
  private final URI base;
  private final HttpClient httpClient;
  private final AtomicInteger entered = new AtomicInteger();
  private final AtomicInteger returned = new AtomicInteger();

  /** Calls the server at {@code base} ({@code http://host:port}); a path names the mode. */
  public ThirdPartyClients(URI base) {
    this.base = base;
    this.httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  /** How many method bodies have started. */
  public int entered() {
    return entered.get();
  }

  /** How many method bodies have started and not yet returned: threads still held. */
  public int running() {
    return entered.get() - returned.get();
  }

  /** {@code HttpClient.send}, no request timeout. */
  @Async
  public String httpClient(String mode) throws IOException, InterruptedException {
    entered.incrementAndGet();
    try {
      HttpRequest request = HttpRequest.newBuilder(uri(mode)).GET().build();
      HttpResponse<String> response =
          httpClient.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException(mode + " answered " + response.statusCode());
      }
      return response.body();
    } finally {
      returned.incrementAndGet();
    }
  }

  /** {@code HttpURLConnection}, no connect or read timeout. */
  @Async
  public String urlConnection(String mode) throws IOException {
    entered.incrementAndGet();
    try {
      HttpURLConnection conn = (HttpURLConnection) uri(mode).toURL().openConnection();
      return read(conn);
    } finally {
      returned.incrementAndGet();
    }
  }

  /** {@code HttpURLConnection}, disconnected by the timeout. */
  @Async
  public String urlConnectionClosedOnCancel(String mode) throws IOException {
    entered.incrementAndGet();
    try {
      HttpURLConnection conn = (HttpURLConnection) uri(mode).toURL().openConnection();
      Tasks.closeOnCancel(conn::disconnect);
      return read(conn);
    } finally {
      returned.incrementAndGet();
    }
  }

  /** {@code HttpURLConnection}, with connect and read timeouts of the time the call has left. */
  @Async
  public String urlConnectionWithRemaining(String mode) throws IOException {
    entered.incrementAndGet();
    try {
      HttpURLConnection conn = (HttpURLConnection) uri(mode).toURL().openConnection();
      int millis = millisLeft();
      conn.setConnectTimeout(millis);
      conn.setReadTimeout(millis);
      return read(conn);
    } finally {
      returned.incrementAndGet();
    }
  }

  /** A plain {@link Socket}, no timeouts. */
  @Async
  public String socket(String mode) throws IOException {
    entered.incrementAndGet();
    try (Socket socket = new Socket()) {
      socket.connect(address());
      return exchange(socket, mode);
    } finally {
      returned.incrementAndGet();
    }
  }

  /** A plain {@link Socket}, closed by the timeout. */
  @Async
  public String socketClosedOnCancel(String mode) throws IOException {
    entered.incrementAndGet();
    try (Socket socket = Tasks.closeOnCancel(new Socket())) {
      socket.connect(address());
      return exchange(socket, mode);
    } finally {
      returned.incrementAndGet();
    }
  }

  /** A plain {@link Socket}, whose connect and reads give up when the call's time is up. */
  @Async
  public String socketWithRemaining(String mode) throws IOException {
    entered.incrementAndGet();
    try (Socket socket = new Socket()) {
      socket.connect(address(), millisLeft());
      socket.setSoTimeout(millisLeft());
      return exchange(socket, mode);
    } finally {
      returned.incrementAndGet();
    }
  }

  private URI uri(String mode) {
    return base.resolve("/" + mode);
  }

  private InetSocketAddress address() {
    return new InetSocketAddress(base.getHost(), base.getPort());
  }

  /**
   * The call's time left, in milliseconds rounded up, so the client gives up at the deadline or
   * just after it, never before: the call then fails with its deadline, as every other variant
   * does, not with the client's {@link SocketTimeoutException}. A call whose time is up fails here
   * (for the classic clients a timeout of 0 would mean none at all).
   */
  private static int millisLeft() throws SocketTimeoutException {
    Duration left = Tasks.remaining().orElseThrow(() -> new IllegalStateException("no deadline"));
    if (left.isZero()) {
      throw new SocketTimeoutException("no time left before the call's deadline");
    }
    long millis =
        TimeUnit.NANOSECONDS.toMillis(left.toNanos() + TimeUnit.MILLISECONDS.toNanos(1) - 1);
    return (int) Math.min(Integer.MAX_VALUE, millis);
  }

  private static String read(HttpURLConnection conn) throws IOException {
    int status = conn.getResponseCode();
    if (status != 200) {
      throw new IOException(conn.getURL().getPath() + " answered " + status);
    }
    try (InputStream in = conn.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** One {@code GET} on a connected socket; the body, read to its declared length. */
  private String exchange(Socket socket, String mode) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(
        String.format(
                Locale.ROOT,
                "GET /%s HTTP/1.1\r\nHost: %s:%d\r\nConnection: close\r\n\r\n",
                mode,
                base.getHost(),
                base.getPort())
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    String head = LocalThirdParty.readHead(in);
    if (head == null) {
      throw new IOException("the connection ended before the response's head");
    }
    String statusLine = head.split("\r\n", 2)[0];
    if (!statusLine.contains(" 200 ")) {
      throw new IOException(mode + " answered " + statusLine);
    }
    int length = 0;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new IOException(mode + ": the connection ended inside the body");
    }
    return new String(body, StandardCharsets.UTF_8);
  }
}
