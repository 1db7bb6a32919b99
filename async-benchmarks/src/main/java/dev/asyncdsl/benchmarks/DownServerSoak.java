package dev.asyncdsl.benchmarks;

import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.DeadlineExceededException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A soak against a third party that is down: N concurrent timed calls ({@link
 * DownServerCalls#fetch()}, {@code HttpURLConnection} with {@code closeOnCancel} and the remaining
 * time as its connect and read timeouts; {@code @Timeout(3 s)}, long enough for 10,000 calls to
 * connect first) to a server that accepts and never answers. Reports how late the futures fail
 * after their deadlines (p50/p99/max), how long after the last deadline every method body has
 * returned and the server has seen every connection closed, and this process's open file
 * descriptors ({@code /proc/self/fd}) before and after: nothing may remain.
 *
 * <p>The server runs in a child JVM (one NIO selector thread), so that the descriptors counted are
 * the client's alone and the two ends of 10,000 connections do not share one process's limit.
 * Usage: {@code DownServerSoak <N>} (10,000 on JDK 25, 1,000 on JDK 17's platform threads); prints
 * one {@code RESULT} line and exits 1 if anything remained.
 */
public final class DownServerSoak {
  private static final long RELEASE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  private DownServerSoak() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    boolean clean;
    try (ServerProcess server = ServerProcess.start()) {
      DownServerCalls calls =
          new DownServerCalls(new URL("http://127.0.0.1:" + server.port + "/down"));
      DownServerCallsAsync twin = new DownServerCallsAsync(calls);

      // One call first, so that the classes and lazily opened files of the client are in place
      // before the descriptors are counted.
      twin.fetch().handle((value, failure) -> null).join();
      awaitReleased(calls, server, System.nanoTime() + RELEASE_LIMIT_NANOS);
      int fdBefore = openFileDescriptors();

      long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(DownServerCalls.TIMEOUT_MILLIS);
      long[] deadlines = new long[n];
      long[] failed = new long[n];
      AtomicInteger notTimeouts = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(n);
      for (int i = 0; i < n; i++) {
        int index = i;
        deadlines[i] = System.nanoTime() + timeoutNanos;
        CompletableFuture<String> call = twin.fetch();
        call.handle(
            (value, failure) -> {
              failed[index] = System.nanoTime();
              if (!(failure instanceof DeadlineExceededException)) {
                notTimeouts.incrementAndGet();
              }
              done.countDown();
              return null;
            });
      }
      long lastDeadline = deadlines[n - 1];
      if (!done.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError(done.getCount() + " calls never completed");
      }
      long released = awaitReleased(calls, server, lastDeadline + RELEASE_LIMIT_NANOS);
      int fdAfter = openFileDescriptors();
      int[] counts = server.counts();

      double[] lateMillis = new double[n];
      for (int i = 0; i < n; i++) {
        lateMillis[i] = (failed[i] - deadlines[i]) / 1e6;
      }
      Arrays.sort(lateMillis);
      int running = calls.running();
      int open = counts[0] - counts[1];
      System.out.println(
          String.format(
              Locale.ROOT,
              "RESULT n=%d p50=%.3f p99=%.3f max=%.3f notTimeouts=%d bodiesReturnedMillis=%.1f"
                  + " connectionsClosedMillis=%.1f bodiesRunning=%d accepted=%d openConnections=%d"
                  + " fdBefore=%d fdAfter=%d jdk=%d virtual=%b",
              n,
              percentile(lateMillis, 0.50),
              percentile(lateMillis, 0.99),
              lateMillis[n - 1],
              notTimeouts.get(),
              (calls.lastReturnNanos() - lastDeadline) / 1e6,
              (released - lastDeadline) / 1e6,
              running,
              counts[0] - 1,
              open,
              fdBefore,
              fdAfter,
              Runtime.version().feature(),
              AsyncRuntime.usesVirtualThreads()));
      clean = notTimeouts.get() == 0 && running == 0 && open == 0 && fdAfter <= fdBefore;
      if (!clean) {
        System.err.println("DownServerSoak: something remained (see the RESULT line)");
      }
    }
    System.exit(
        clean ? 0 : 1); // the timed-out calls' threads are gone; the runtime's idle ones are not
  }

  /**
   * Polls until every method body has returned and the server has seen every connection closed, or
   * until {@code limit}; returns the {@link System#nanoTime()} it saw that (or gave up).
   */
  private static long awaitReleased(DownServerCalls calls, ServerProcess server, long limit)
      throws IOException, InterruptedException {
    while (true) {
      int[] counts = server.counts();
      long now = System.nanoTime();
      if ((calls.running() == 0 && counts[0] == counts[1]) || now - limit >= 0) {
        return now;
      }
      Thread.sleep(5);
    }
  }

  private static int openFileDescriptors() {
    String[] entries = new File("/proc/self/fd").list();
    if (entries == null) {
      throw new IllegalStateException("no /proc/self/fd: this soak needs Linux");
    }
    return entries.length;
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[(int) Math.ceil(p * sorted.length) - 1];
  }

  /** The child JVM running {@link SilentServer}, asked for its counts over its stdin/stdout. */
  private static final class ServerProcess implements AutoCloseable {
    final Process process;
    final BufferedReader out;
    final PrintStream in;
    final int port;

    private ServerProcess(Process process) throws IOException {
      this.process = process;
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
      String first = out.readLine();
      if (first == null || !first.startsWith("PORT ")) {
        throw new IOException("the server did not start: " + first);
      }
      this.port = Integer.parseInt(first.substring("PORT ".length()));
    }

    static ServerProcess start() throws IOException {
      String java =
          System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
      Process process =
          new ProcessBuilder(
                  java, "-cp", System.getProperty("java.class.path"), SilentServer.class.getName())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      return new ServerProcess(process);
    }

    /** {accepted, closed} so far. */
    int[] counts() throws IOException {
      in.println("COUNT");
      String[] parts = out.readLine().split(" ");
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    @Override
    public void close() {
      in.close();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Accepts connections on 127.0.0.1, reads whatever comes and never answers; counts accepted
   * connections and those the client closed (a read returning end of stream, or failing). Prints
   * {@code PORT p}, then answers each {@code COUNT} line on stdin with {@code accepted closed};
   * exits when stdin ends.
   */
  public static final class SilentServer {
    private SilentServer() {}

    public static void main(String[] args) throws Exception {
      AtomicInteger accepted = new AtomicInteger();
      AtomicInteger closed = new AtomicInteger();
      Selector selector = Selector.open();
      ServerSocketChannel listener = ServerSocketChannel.open();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
      listener.configureBlocking(false);
      listener.register(selector, SelectionKey.OP_ACCEPT);
      Thread loop =
          new Thread(
              () -> {
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                try {
                  while (true) {
                    selector.select();
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                      SelectionKey key = keys.next();
                      keys.remove();
                      if (key.isAcceptable()) {
                        SocketChannel client;
                        while ((client = listener.accept()) != null) {
                          accepted.incrementAndGet();
                          client.configureBlocking(false);
                          client.register(selector, SelectionKey.OP_READ);
                        }
                      } else if (key.isReadable()) {
                        SocketChannel client = (SocketChannel) key.channel();
                        int read;
                        try {
                          buffer.clear();
                          read = client.read(buffer);
                        } catch (IOException reset) {
                          read = -1;
                        }
                        if (read < 0) {
                          key.cancel();
                          client.close();
                          closed.incrementAndGet();
                        }
                      }
                    }
                  }
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              },
              "silent-server");
      loop.setDaemon(true);
      loop.start();
      System.out.println("PORT " + listener.socket().getLocalPort());
      System.out.flush();
      BufferedReader commands =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = commands.readLine()) != null) {
        if (line.equals("COUNT")) {
          System.out.println(accepted.get() + " " + closed.get());
          System.out.flush();
        }
      }
      System.exit(0);
    }
  }
}
