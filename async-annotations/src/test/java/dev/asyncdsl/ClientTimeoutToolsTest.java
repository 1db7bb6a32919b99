package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link Tasks#remaining()} and {@link Tasks#closeOnCancel}: for methods an interrupt cannot stop.
 */
@org.junit.jupiter.api.Timeout(20)
class ClientTimeoutToolsTest extends ConcurrencyTestSupport {

  /** Counts its closes and the threads they ran on; blocks its user until closed. */
  static final class Connection implements AutoCloseable {
    final AtomicInteger closes = new AtomicInteger();
    final AtomicReference<String> closedOn = new AtomicReference<>();
    final CountDownLatch closed = new CountDownLatch(1);
    IOException failOnClose;

    /** Blocks, deaf to interrupts, until closed: a classic socket read on a platform thread. */
    int read() throws IOException {
      while (true) {
        try {
          if (closed.await(FOREVER_MS, TimeUnit.MILLISECONDS)) {
            throw new IOException("connection closed");
          }
        } catch (InterruptedException ignored) {
          // a socket read does not see interrupts
        }
      }
    }

    @Override
    public void close() throws IOException {
      closes.incrementAndGet();
      closedOn.set(Thread.currentThread().getName());
      closed.countDown();
      if (failOnClose != null) {
        throw failOnClose;
      }
    }
  }

  @Test
  void remainingIsTheTimeLeftInsideATimedCallAndEmptyOutside() throws Exception {
    ExecutorService pool = newPool(2);
    assertEquals(Optional.empty(), Tasks.remaining());
    Duration left =
        value(AsyncRuntime.call(pool, 2, TimeUnit.SECONDS, () -> Tasks.remaining().orElseThrow()));
    assertTrue(
        left.compareTo(Duration.ofSeconds(2)) <= 0 && left.compareTo(Duration.ZERO) > 0,
        left.toString());
    assertEquals(Optional.empty(), value(AsyncRuntime.call(pool, Tasks::remaining)));
    // Inherited by a call without a timeout of its own.
    Duration inherited =
        value(
            AsyncRuntime.call(
                pool,
                2,
                TimeUnit.SECONDS,
                () -> Tasks.await(AsyncRuntime.call(pool, () -> Tasks.remaining().orElseThrow()))));
    assertTrue(inherited.compareTo(Duration.ofSeconds(2)) <= 0, inherited.toString());
  }

  @Test
  void aTimeoutClosesTheRegisteredResourceOnceAndOffTheTimer() throws Exception {
    ExecutorService pool = newPool(1);
    Connection connection = new Connection();
    // The method must start before the deadline: it registers the resource the timeout closes.
    CompletableFuture<Integer> call =
        AsyncRuntime.call(
            pool,
            STARTS_IN_TIME_MS,
            TimeUnit.MILLISECONDS,
            () -> Tasks.closeOnCancel(connection).read());
    assertInstanceOf(DeadlineExceededException.class, failure(call));
    await(connection.closed);
    sleepUninterruptibly(50);
    assertEquals(1, connection.closes.get());
    assertFalse(
        connection.closedOn.get().startsWith("asyncdsl-deadlines"), connection.closedOn.get());
  }

  @Test
  void aCancelClosesTheRegisteredResourceAndAFailureToCloseIsSuppressed() throws Exception {
    ExecutorService pool = newPool(1);
    Connection connection = new Connection();
    connection.failOnClose = new IOException("close failed");
    CountDownLatch registered = new CountDownLatch(1);
    CompletableFuture<Integer> call =
        AsyncRuntime.call(
            pool,
            () -> {
              Tasks.closeOnCancel(connection);
              registered.countDown();
              return connection.read();
            });
    await(registered);
    assertTrue(call.cancel(true)); // does not throw the close failure at the canceller
    assertEquals(1, connection.closes.get());
    Throwable cancellation = call.handle((value, failure) -> failure).join(); // the future's own
    assertInstanceOf(java.util.concurrent.CancellationException.class, cancellation);
    assertSame(connection.failOnClose, cancellation.getSuppressed()[0]);
  }

  @Test
  void aCallThatEndsNormallyClosesNothingAndHoldsNothing() throws Exception {
    ExecutorService pool = newPool(1);
    Connection connection = new Connection();
    CompletableFuture<Integer> call =
        AsyncRuntime.call(
            pool,
            5,
            TimeUnit.SECONDS,
            () -> {
              Tasks.closeOnCancel(connection);
              return 1;
            });
    assertEquals(1, value(call));
    assertFalse(call.cancel(true));
    assertEquals(0, connection.closes.get());
  }

  @Test
  void outsideACallCloseOnCancelDoesNothing() throws Exception {
    Connection connection = new Connection();
    assertSame(connection, Tasks.closeOnCancel(connection));
    assertEquals(0, connection.closes.get());
  }
}
