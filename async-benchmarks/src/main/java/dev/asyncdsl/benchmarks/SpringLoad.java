package dev.asyncdsl.benchmarks;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of the {@code spring} group: one variant of the Spring Boot service of {@code
 * async-benchmarks/spring-service}, in a server JVM of its own, under a fixed number of concurrent
 * clients for a fixed time. This process holds the clients and the downstream the service calls, so
 * the server's memory and threads are the variant's alone.
 *
 * <p>The downstream answers every request after a fixed latency, and every {@code slowEvery}-th
 * after {@code slowMillis} instead, longer than the variants' 200 ms timeout; it counts the
 * connections it accepted and those the service closed, as {@code LocalThirdParty} of the examples
 * does. Each client is a thread sending one {@code GET} at a time over its own keep-alive
 * connection. After a warm-up, the requests that start within the measured time count: their number
 * per second, their latency (p50, p99, max), those that did not answer 200, and the readings that
 * came from the fallback.
 *
 * <p>Once the load stops, it waits (up to 75 s) until the downstream sees no connection open, the
 * service's {@code /diag} reports no downstream call still running and no more platform threads
 * than after the warm-up, and reports how long the calls and connections took to be released, how
 * long the threads took, and what was left. The server's idle pooled connections are closed after
 * {@code jdk.httpclient.keepalive.timeout}, set to 2 s on its command line, so a connection still
 * open after that was not released. The server's platform threads by name, after the warm-up and
 * after the load, go to {@code <server log>.threads}. It also reports the server's peak resident
 * memory ({@code VmHWM} of {@code /proc/<pid>/status}) and CPU time over the measured time.
 *
 * <p>Usage: {@code SpringLoad <variant> <server java> <server jar> [clients] [warm-up s] [measured
 * s] [latency ms] [slowEvery] [slow ms] [server log]}; the variant is {@code asyncdsl}, {@code
 * resilience4j} or {@code handwritten}. Prints one {@code RESULT} line.
 */
public final class SpringLoad {
  /** How long to wait, after the load, for calls, connections and threads to be released. */
  private static final int SETTLE_SECONDS = 75;

  private static final Pattern FALLBACK = Pattern.compile("\"FALLBACK\"");
  private static final Pattern DIAG_ENTRY = Pattern.compile("\"(\\w+)\":(\\d+)");

  private SpringLoad() {}

  public static void main(String[] args) throws Exception {
    String variant = args[0];
    String serverJava = args[1];
    String serverJar = args[2];
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    int warmupSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    int measureSeconds = args.length > 5 ? Integer.parseInt(args[5]) : 20;
    int latencyMillis = args.length > 6 ? Integer.parseInt(args[6]) : 20;
    int slowEvery = args.length > 7 ? Integer.parseInt(args[7]) : 50;
    int slowMillis = args.length > 8 ? Integer.parseInt(args[8]) : 1000;
    File serverLog = new File(args.length > 9 ? args[9] : "spring-service-" + variant + ".log");

    try (Downstream downstream = Downstream.start(latencyMillis, slowEvery, slowMillis)) {
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.add(serverJava);
      command.add("-Xmx512m");
      command.add("-Djdk.httpclient.keepalive.timeout=2");
      // -Dspring.load.server-options="-XX:StartFlightRecording=..." profiles the server.
      for (String option : System.getProperty("spring.load.server-options", "").split(" ")) {
        if (!option.isBlank()) {
          command.add(option);
        }
      }
      command.addAll(
          List.of(
              "-jar",
              serverJar,
              "--server.port=" + port,
              "--downstream.url=http://127.0.0.1:" + downstream.port() + "/reading"));
      Process server =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(serverLog).start();
      try {
        File threadLog = new File(serverLog.getPath() + ".threads");
        run(variant, server, port, downstream, clients, warmupSeconds, measureSeconds, threadLog);
      } finally {
        server.destroy(); // SIGTERM: Spring closes its context
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
    }
  }

  private static void run(
      String variant,
      Process server,
      int port,
      Downstream downstream,
      int clients,
      int warmupSeconds,
      int measureSeconds,
      File threadLog)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI base = URI.create("http://127.0.0.1:" + port);
    long startNanos = System.nanoTime();
    awaitHealthy(http, base, server);
    double startSeconds = (System.nanoTime() - startNanos) / 1e9;

    URI endpoint = base.resolve("/" + variant + "/forecast");
    long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
    long measureEnd = warmupEnd + TimeUnit.SECONDS.toNanos(measureSeconds);
    AtomicLong errors = new AtomicLong();
    AtomicLong fallbacks = new AtomicLong();
    AtomicLong readings = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    Map<String, Long> afterWarmup = new ConcurrentHashMap<>();
    for (int c = 0; c < clients; c++) {
      long[] mine = new long[1 << 16];
      latencies.add(mine);
      int client = c;
      threads.add(
          started(
              "client-" + client,
              () ->
                  load(http, endpoint, warmupEnd, measureEnd, mine, errors, fallbacks, readings)));
    }
    threads.add(
        started(
            "warm-up-end",
            () -> {
              sleepUntil(warmupEnd);
              afterWarmup.putAll(diag(http, base));
              afterWarmup.put("cpuMillis", cpuMillis(server.pid()));
              threadNames(http, base, threadLog, "after the warm-up");
            }));
    for (Thread thread : threads) {
      thread.join();
    }
    long cpuAtEnd = cpuMillis(server.pid());
    long hwmKb = statusKb(server.pid(), "VmHWM");
    Map<String, Long> atEnd = diag(http, base);
    int openAtEnd = downstream.openConnections();

    // What is left once the load has stopped: calls and connections are released within a
    // second or two; a pool's idle threads may take a minute (the JDK HttpClient's own executor
    // keeps an idle thread 60 s), so the wait for threads is longer.
    long threadsBefore = afterWarmup.getOrDefault("platformThreads", Long.MAX_VALUE);
    long quietStart = System.nanoTime();
    double releasedSeconds = -1;
    Map<String, Long> settled = atEnd;
    while (System.nanoTime() - quietStart < TimeUnit.SECONDS.toNanos(SETTLE_SECONDS)) {
      settled = diag(http, base);
      boolean released = downstream.openConnections() == 0 && running(settled) == 0;
      if (released && releasedSeconds < 0) {
        releasedSeconds = (System.nanoTime() - quietStart) / 1e9;
      }
      if (released && settled.getOrDefault("platformThreads", Long.MAX_VALUE) <= threadsBefore) {
        break;
      }
      Thread.sleep(100);
    }
    double settleSeconds = (System.nanoTime() - quietStart) / 1e9;
    threadNames(http, base, threadLog, "after the load");

    long[] all = merge(latencies);
    Arrays.sort(all);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("variant", variant);
    result.put("clients", clients);
    result.put("startSeconds", fmt(startSeconds));
    result.put("seconds", measureSeconds);
    result.put("requests", all.length);
    result.put("rps", fmt(all.length / (double) measureSeconds));
    result.put("p50", fmt(percentile(all, 0.50) / 1e6));
    result.put("p99", fmt(percentile(all, 0.99) / 1e6));
    result.put("max", fmt(all.length == 0 ? 0 : all[all.length - 1] / 1e6));
    result.put("errors", errors.get());
    result.put("fallbacks", fallbacks.get());
    result.put("readings", readings.get());
    result.put("downstreamRequests", downstream.requests());
    result.put("downstreamSlow", downstream.slowRequests());
    result.put("downstreamAccepted", downstream.acceptedConnections());
    result.put("hwmMb", fmt(hwmKb / 1024.0));
    result.put("cpuSeconds", fmt((cpuAtEnd - afterWarmup.getOrDefault("cpuMillis", 0L)) / 1e3));
    result.put("threadsAfterWarmup", afterWarmup.getOrDefault("platformThreads", -1L));
    result.put("threadsAtEnd", atEnd.get("platformThreads"));
    result.put("threadsAfter", settled.get("platformThreads"));
    result.put("runningAtEnd", running(atEnd));
    result.put("openAtEnd", openAtEnd);
    result.put("releasedSeconds", fmt(releasedSeconds));
    result.put("settleSeconds", fmt(settleSeconds));
    result.put("runningAfter", running(settled));
    result.put("openAfter", downstream.openConnections());
    StringBuilder line = new StringBuilder("RESULT");
    result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    System.out.println(line);
  }

  /** One client: a request at a time until the measured time ends. */
  private static void load(
      HttpClient http,
      URI endpoint,
      long warmupEnd,
      long measureEnd,
      long[] latencies,
      AtomicLong errors,
      AtomicLong fallbacks,
      AtomicLong readings) {
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30)).build();
    int count = 0;
    while (true) {
      long start = System.nanoTime();
      if (start - measureEnd >= 0) {
        break;
      }
      boolean measured = start - warmupEnd >= 0;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (measured) {
          if (count < latencies.length) {
            latencies[count++] = took;
          }
          if (response.statusCode() != 200) {
            errors.incrementAndGet();
          } else {
            Matcher fallback = FALLBACK.matcher(response.body());
            while (fallback.find()) {
              fallbacks.incrementAndGet();
            }
            readings.addAndGet(4);
          }
        }
      } catch (IOException | InterruptedException e) {
        if (measured) {
          errors.incrementAndGet();
        }
      }
    }
    if (count < latencies.length) {
      latencies[count] = -1; // the end of this client's latencies
    }
  }

  /**
   * A daemon platform thread, running: the module compiles for Java 17. A few hundred at most (a
   * client each, and a downstream connection each).
   */
  private static Thread started(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void awaitHealthy(HttpClient http, URI base, Process server) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() - end < 0) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the server exited with " + server.exitValue());
      }
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(base.resolve("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the server did not start within 120 s");
  }

  private static Map<String, Long> diag(HttpClient http, URI base) {
    Map<String, Long> values = new LinkedHashMap<>();
    try {
      String body =
          http.send(
                  HttpRequest.newBuilder(base.resolve("/diag")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher entry = DIAG_ENTRY.matcher(body);
      while (entry.find()) {
        values.put(entry.group(1), Long.parseLong(entry.group(2)));
      }
    } catch (IOException | InterruptedException e) {
      values.put("platformThreads", -1L);
    }
    return values;
  }

  /** Appends the server's platform threads by name ({@code /diag/threads}) to {@code log}. */
  private static void threadNames(HttpClient http, URI base, File log, String when) {
    try {
      String body =
          http.send(
                  HttpRequest.newBuilder(base.resolve("/diag/threads")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Files.writeString(
          log.toPath(),
          when + ": " + body + System.lineSeparator(),
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException | InterruptedException e) {
      // a diagnostic only
    }
  }

  private static long running(Map<String, Long> diag) {
    long running = 0;
    for (Map.Entry<String, Long> entry : diag.entrySet()) {
      if (entry.getKey().endsWith("Running")) {
        running += entry.getValue();
      }
    }
    return running;
  }

  private static long[] merge(List<long[]> latencies) {
    int total = 0;
    for (long[] mine : latencies) {
      total += length(mine);
    }
    long[] all = new long[total];
    int at = 0;
    for (long[] mine : latencies) {
      int n = length(mine);
      System.arraycopy(mine, 0, all, at, n);
      at += n;
    }
    return all;
  }

  private static int length(long[] latencies) {
    for (int i = 0; i < latencies.length; i++) {
      if (latencies[i] < 0) {
        return i;
      }
    }
    return latencies.length;
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  /** A line of {@code /proc/<pid>/status}, in kB. */
  private static long statusKb(long pid, String key) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(key + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** The process's user and system CPU time so far, from {@code /proc/<pid>/stat}. */
  private static long cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
      return ticks * 10; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String fmt(double x) {
    return String.format(Locale.ROOT, "%.3f", x);
  }

  /**
   * The downstream: {@code GET}s answered with a temperature after a fixed latency, every {@code
   * slowEvery}-th after {@code slowMillis}; a thread per connection, keep-alive. While it waits
   * before an answer it reads the connection, so a client that gives up is seen at once.
   */
  static final class Downstream implements AutoCloseable {
    private static final byte[] ANSWER =
        ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\n21.5")
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final int latencyMillis;
    private final int slowEvery;
    private final int slowMillis;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong slow = new AtomicLong();
    private final Thread acceptor;

    private Downstream(ServerSocket listener, int latencyMillis, int slowEvery, int slowMillis) {
      this.listener = listener;
      this.latencyMillis = latencyMillis;
      this.slowEvery = slowEvery;
      this.slowMillis = slowMillis;
      this.acceptor = new Thread(this::acceptAll, "downstream-acceptor");
      acceptor.setDaemon(true);
    }

    static Downstream start(int latencyMillis, int slowEvery, int slowMillis) throws IOException {
      ServerSocket listener = new ServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
      Downstream downstream = new Downstream(listener, latencyMillis, slowEvery, slowMillis);
      downstream.acceptor.start();
      return downstream;
    }

    int port() {
      return listener.getLocalPort();
    }

    int openConnections() {
      return accepted.get() - closed.get();
    }

    int acceptedConnections() {
      return accepted.get();
    }

    long requests() {
      return requests.get();
    }

    long slowRequests() {
      return slow.get();
    }

    @Override
    public void close() throws IOException {
      listener.close();
      for (Socket socket : open) {
        socket.close();
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
        started("downstream-" + accepted.get(), () -> serve(socket));
      }
    }

    private void serve(Socket socket) {
      try (socket) {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        while (readHead(in)) {
          long n = requests.incrementAndGet();
          int delay = latencyMillis;
          if (slowEvery > 0 && n % slowEvery == 0) {
            slow.incrementAndGet();
            delay = slowMillis;
          }
          if (delay > 0) {
            socket.setSoTimeout(delay);
            try {
              if (in.read() < 0) {
                return; // the client gave up before the answer
              }
              return; // a client that sends more before its answer is not one of ours
            } catch (SocketTimeoutException answerNow) {
              socket.setSoTimeout(0);
            }
          }
          out.write(ANSWER);
          out.flush();
        }
      } catch (IOException clientGone) {
        // its side is gone all the same
      } finally {
        if (open.remove(socket)) {
          closed.incrementAndGet();
        }
      }
    }

    /** Reads a request's head up to its blank line; false if the connection ended first. */
    private static boolean readHead(InputStream in) throws IOException {
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          return false;
        }
        matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return true;
    }
  }
}
