package dev.asyncdsl.benchmarks;

import dev.asyncdsl.Async;
import dev.asyncdsl.Tasks;
import dev.asyncdsl.Timeout;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The method of {@link DownServerSoak}: one {@code GET} through {@code HttpURLConnection}, as the
 * README recommends where the deadline's interrupt cannot stop a classic socket read (JDK 17's
 * platform threads): the connection is registered with {@link Tasks#closeOnCancel}, which stops a
 * call waiting for the response's headers, and the connect and the reads get the call's remaining
 * time, rounded up: {@code disconnect()} has nothing to close before the connection exists, and
 * cannot stop a read of a body that stalls.
 */
public final class DownServerCalls {
  /** The timeout of {@link #fetch()}. */
  public static final long TIMEOUT_MILLIS = 3000;

  private final URL url;
  private final AtomicInteger entered = new AtomicInteger();
  private final AtomicInteger returned = new AtomicInteger();
  private final AtomicLong lastReturnNanos = new AtomicLong();

  public DownServerCalls(URL url) {
    this.url = url;
  }

  /** Method bodies started and not yet returned. */
  public int running() {
    return entered.get() - returned.get();
  }

  /** {@link System#nanoTime()} when the last body to return so far returned. */
  public long lastReturnNanos() {
    return lastReturnNanos.get();
  }

  @Async
  @Timeout(value = TIMEOUT_MILLIS, unit = TimeUnit.MILLISECONDS)
  public String fetch() throws IOException {
    entered.incrementAndGet();
    try {
      HttpURLConnection conn = (HttpURLConnection) url.openConnection();
      Tasks.closeOnCancel(conn::disconnect);
      conn.setConnectTimeout(millisLeft());
      conn.setReadTimeout(millisLeft());
      try (InputStream in = conn.getInputStream()) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    } finally {
      lastReturnNanos.accumulateAndGet(System.nanoTime(), Math::max);
      returned.incrementAndGet();
    }
  }

  /** The call's time left in milliseconds, rounded up; a call whose time is up fails here. */
  private static int millisLeft() throws SocketTimeoutException {
    Duration left = Tasks.remaining().orElseThrow(() -> new IllegalStateException("no deadline"));
    if (left.isZero()) {
      throw new SocketTimeoutException("no time left before the call's deadline");
    }
    return (int)
        Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left.toNanos() + 999_999));
  }
}
