package dev.asyncdsl.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.weather.Mirror;
import com.example.weather.MirrorAsync;
import dev.asyncdsl.FaultTolerance;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The README's fault-tolerant class, as its twin runs it. */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class MirrorTwinTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final AtomicInteger readings = new AtomicInteger();
  private volatile int failuresToCome;
  private final IOException stationDown = new IOException("station down");

  private final MirrorAsync twin =
      new MirrorAsync(
          new Mirror(
              city -> {
                readings.incrementAndGet();
                if (failuresToCome > 0) {
                  failuresToCome--;
                  throw stationDown;
                }
                return 21.5;
              }),
          pool,
          FaultTolerance.StateScope.TWIN);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void twoFailuresAreRetriedAway() throws Exception {
    failuresToCome = 2;
    assertEquals(21.5, twin.celsius("Oslo").get(20, TimeUnit.SECONDS));
    assertEquals(3, readings.get());
  }

  @Test
  void withoutAReadingToFallBackOnTheCallerSeesTheStationsOwnFailure() {
    failuresToCome = 100;
    ExecutionException failed =
        assertThrows(
            ExecutionException.class, () -> twin.celsius("Oslo").get(20, TimeUnit.SECONDS));
    assertSame(stationDown, failed.getCause(), "the same exception, not a wrapper");
    assertEquals(4, readings.get(), "the first attempt and 3 retries");
  }

  @Test
  void withAnEarlierReadingTheFallbackAnswers() throws Exception {
    assertEquals(21.5, twin.celsius("Oslo").get(20, TimeUnit.SECONDS));
    failuresToCome = 100;
    assertEquals(21.5, twin.celsius("Oslo").get(20, TimeUnit.SECONDS));
    assertEquals(5, readings.get());
  }
}
