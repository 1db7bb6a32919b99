package dev.asyncdsl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.Tasks;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TimeoutDemoTest {
  @Test
  @org.junit.jupiter.api.Timeout(10)
  void theCallTimesOutAndIsStoppedBeforeItCanPrint() throws Exception {
    try (Console console = Console.capture()) {
      long start = System.nanoTime();
      TimeoutDemo.Result result = TimeoutDemo.run();

      assertTrue(result.timedOut());
      assertEquals(List.of("Timeout error"), console.lines());
      // The caller gave up at the one-second deadline, not after the method's two seconds.
      assertTrue(
          result.seconds() >= 0.99 && result.seconds() < 2, () -> "waited " + result.seconds());

      // Had the method not been interrupted, it would print at two seconds. Wait past that.
      long pastItsEnd =
          start
              + TimeUnit.MILLISECONDS.toNanos(TimeoutFunctions.SLEEP_MILLIS + 500)
              - System.nanoTime();
      TimeUnit.NANOSECONDS.sleep(Math.max(0, pastItsEnd));
      assertEquals(List.of("Timeout error"), console.lines());
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void awaitingTheTwinThrowsTheTimeoutException() {
    try (Console console = Console.capture()) {
      assertThrows(TimeoutException.class, () -> Tasks.await(TimeoutFunctionsAsync.asyncSleep()));
      assertEquals(List.of(), console.lines());
    }
  }
}
