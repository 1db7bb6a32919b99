package dev.asyncdsl.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A third-party HTTP service on 127.0.0.1, for real network I/O in the examples and their tests.
 * The path picks how it behaves:
 *
 * <ul>
 *   <li>{@code /fast}: answers {@code 200} with a temperature at once;
 *   <li>{@code /slow}: answers the same, but only after {@link #slowDelay()};
 *   <li>{@code /broken}: answers {@code 503 Service Unavailable} at once;
 *   <li>{@code /down}: accepts the connection, reads the request and never answers;
 *   <li>{@code /stalling}: sends the headers and part of the body, then nothing more.
 * </ul>
 *
 * <p>It counts the connections it accepted and those the client closed: a connection counts as
 * closed when the server's read of the client's side returns end of stream or fails. That is what a
 * client's timeout must achieve to release its socket; {@link #openConnections()} is the
 * difference. The server keeps reading every connection (between requests, while it waits before a
 * slow answer, and for good after a stall), so a client that gives up is seen at once.
 *
 * <p>A raw {@link ServerSocket} rather than {@code com.sun.net.httpserver}: the latter hides when a
 * client's connection ends, which is the one thing these examples measure. It speaks just enough
 * HTTP/1.1 for {@code GET} with keep-alive. Each connection has a daemon platform thread; {@link
 * #close()} closes every connection still open, so clients still blocked on it wake up.
 */
public final class LocalThirdParty implements AutoCloseable {
  /** The temperature {@code /fast} and {@code /slow} answer with. */
  public static final String TEMPERATURE = "21.5";

  /** The declared length of the stalling body; only {@link #STALLING_SENT} bytes of it come. */
  static final int STALLING_LENGTH = 1000;

  static final int STALLING_SENT = 100;

  private final ServerSocket listener;
  private final Duration slowDelay;
  private final ExecutorService connections;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();
  private final Thread acceptor;

  private LocalThirdParty(ServerSocket listener, Duration slowDelay) {
    this.listener = listener;
    this.slowDelay = slowDelay;
    AtomicInteger names = new AtomicInteger();
    this.connections =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "third-party-conn-" + names.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.acceptor = new Thread(this::acceptAll, "third-party-acceptor");
    acceptor.setDaemon(true);
  }

  /**
   * Starts a server on an ephemeral port of 127.0.0.1 whose {@code /slow} answers after {@code
   * slowDelay}.
   */
  public static LocalThirdParty start(Duration slowDelay) throws IOException {
    ServerSocket listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    LocalThirdParty server = new LocalThirdParty(listener, slowDelay);
    server.acceptor.start();
    return server;
  }

  /** {@code http://127.0.0.1:port/mode}. */
  public URI uri(String mode) {
    return URI.create("http://127.0.0.1:" + port() + "/" + mode);
  }

  public int port() {
    return listener.getLocalPort();
  }

  public Duration slowDelay() {
    return slowDelay;
  }

  /** Connections accepted so far. */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** Connections the client has closed so far. */
  public int closedConnections() {
    return closed.get();
  }

  /** Connections accepted and not yet closed by the client. */
  public int openConnections() {
    return accepted.get() - closed.get();
  }

  /**
   * Waits until no connection is open, for at most {@code timeout}; returns whether none is. A
   * connection still on its way through the listener's backlog is not seen.
   */
  public boolean awaitNoOpenConnections(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (openConnections() > 0) {
      if (System.nanoTime() - end >= 0) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /**
   * Stops accepting, closes every connection still open (a client blocked on one sees it end), and
   * waits for the connection threads to finish.
   */
  @Override
  public void close() throws IOException {
    listener.close();
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(5)); // no connection is added after this
      for (Socket socket : open) {
        socket.close();
      }
      connections.shutdown();
      connections.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptAll() {
    while (!listener.isClosed()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException closedOrFailed) {
        return;
      }
      accepted.incrementAndGet();
      open.add(socket);
      try {
        connections.execute(() -> serve(socket));
      } catch (RuntimeException shutDown) {
        endConnection(socket);
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing, all the same
        }
        return;
      }
    }
  }

  /** Answers requests on one connection until the client closes it. */
  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        String path = readRequest(in);
        if (path == null) {
          return; // the client closed the connection
        }
        switch (path) {
          case "/fast" -> respond(out, 200, "OK", TEMPERATURE);
          case "/broken" -> respond(out, 503, "Service Unavailable", "try later");
          case "/slow" -> {
            socket.setSoTimeout(Math.toIntExact(Math.max(1, slowDelay.toMillis())));
            try {
              if (in.read() < 0) {
                return; // the client gave up before the answer
              }
              return; // a client that sends more before its answer is not one of ours
            } catch (SocketTimeoutException answerNow) {
              socket.setSoTimeout(0);
              respond(out, 200, "OK", TEMPERATURE);
            }
          }
          case "/stalling" -> {
            out.write(
                ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                        + STALLING_LENGTH
                        + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[STALLING_SENT]);
            out.flush();
            drain(in);
            return;
          }
          default -> { // "/down", and anything else: never a word
            drain(in);
            return;
          }
        }
      }
    } catch (IOException clientGone) {
      // A reset or a read that failed: the client's side is gone all the same.
    } finally {
      endConnection(socket);
    }
  }

  private void endConnection(Socket socket) {
    if (open.remove(socket)) {
      closed.incrementAndGet();
    }
  }

  /** Reads until the client closes its side. */
  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[512];
    while (in.read(buffer) >= 0) {
      // what a client sends after a request we never answer does not matter
    }
  }

  /** Reads one request's head; returns its path, or null if the connection ended first. */
  private static String readRequest(InputStream in) throws IOException {
    String head = readHead(in);
    if (head == null) {
      return null;
    }
    String[] parts = head.split("\r\n", 2)[0].split(" ");
    return parts.length >= 2 ? parts[1] : "";
  }

  /**
   * Reads an HTTP head, request or response, up to and with its blank line; null if the connection
   * ended first. The clients of {@link ThirdPartyClients} read responses with it too.
   */
  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void respond(OutputStream out, int status, String reason, String body)
      throws IOException {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head =
        String.format(
            Locale.ROOT,
            "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n",
            status,
            reason,
            content.length);
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(content);
    out.flush();
  }
}
