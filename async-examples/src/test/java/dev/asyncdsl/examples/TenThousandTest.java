package dev.asyncdsl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.AsyncRuntime;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TenThousandTest {
  @Test
  @org.junit.jupiter.api.Timeout(30)
  void tenThousandCallsRunTogetherAndGatherInInputOrder() throws Exception {
    int calls = TenThousand.DEFAULT_CALLS;
    try (Console console = Console.capture()) {
      TenThousand.Result result = TenThousand.run(calls, Duration.ofSeconds(1));

      assertEquals(IntStream.rangeClosed(1, calls).boxed().toList(), result.results());
      assertEquals(AsyncRuntime.usesVirtualThreads(), result.virtualThreads());
      if (result.virtualThreads()) {
        assertTrue(result.peakConcurrency() >= calls / 2, () -> "peak " + result.peakConcurrency());
      } else {
        assertTrue(result.peakConcurrency() > 1, () -> "peak " + result.peakConcurrency());
      }
      List<String> lines = console.lines();
      assertEquals(3, lines.size(), lines::toString);
      assertTrue(lines.get(0).startsWith("Executor: "), lines.get(0));
      assertEquals("Completed " + calls + " calls after: " + result.seconds(), lines.get(1));
      assertEquals(
          "Calls running at the same time, at most: " + result.peakConcurrency(), lines.get(2));
    }
  }
}
