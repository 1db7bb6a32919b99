package dev.asyncdsl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompletionOrderTest {
  /**
   * func1(a) sleeps SLEEPS.get(a) ms: they complete in the order a = 3, 1, 4, 2, 0. The calls end
   * 400 ms apart, so that a thread kept waiting for a core on a loaded machine (100 ms and more)
   * does not swap two of them.
   */
  private static final List<Long> SLEEPS = List.of(1600L, 400L, 1200L, 0L, 800L);

  @Test
  @org.junit.jupiter.api.Timeout(20)
  void callsCompleteInSleepOrderWhileTheGatheredResultsKeepInputOrder() throws Exception {
    try (Console console = Console.capture()) {
      CompletionOrder.Result result = CompletionOrder.run(SLEEPS);

      List<String> lines = console.lines();
      assertEquals(
          List.of(
              "completed func 3: 4",
              "completed func 1: 2",
              "completed func 4: 5",
              "completed func 2: 3",
              "completed func 0: 1",
              "Completed after: " + result.seconds(),
              "Gathered results, in input order: [1, 2, 3, 4, 5]"),
          lines.subList(0, 7));
      assertEquals(List.of(1, 2, 3, 4, 5), result.gathered());
      // The whole takes about as long as the longest call (1.6 s), not the sum of all (4 s).
      assertTrue(
          result.seconds() >= 1.59 && result.seconds() < 4, () -> "took " + result.seconds());
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(20)
  void asCompletedYieldsTheResultsInCompletionOrder() throws Exception {
    try (Console console = Console.capture()) {
      CompletionOrder.Result result = CompletionOrder.run(SLEEPS);

      assertEquals(List.of(4, 2, 5, 3, 1), result.asCompleted());
      List<String> lines = console.lines();
      int from =
          lines.indexOf(
              "The same calls again, results taken with Gather.asCompleted as they arrive:");
      assertTrue(from > 0, lines::toString);
      List<String> arrivals =
          lines.subList(from + 1, lines.size()).stream()
              .filter(line -> line.startsWith("arrived: "))
              .toList();
      assertEquals(
          List.of(
              "arrived: func1(3) = 4",
              "arrived: func1(1) = 2",
              "arrived: func1(4) = 5",
              "arrived: func1(2) = 3",
              "arrived: func1(0) = 1"),
          arrivals);
      // Each call prints its own line before its future completes, so before it is handed over.
      for (String arrival : arrivals) {
        String a = arrival.substring("arrived: func1(".length(), arrival.indexOf(')'));
        int completed = lines.lastIndexOf("completed func " + a + ": " + (Integer.parseInt(a) + 1));
        assertTrue(completed > from && completed < lines.indexOf(arrival), lines::toString);
      }
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(5)
  void aSeedReproducesTheRandomSleepTimes() {
    List<Long> first =
        RandomSleepFunctions.randomSleepTimes(new Random(2020), CompletionOrder.CALLS);
    List<Long> second =
        RandomSleepFunctions.randomSleepTimes(new Random(2020), CompletionOrder.CALLS);

    assertEquals(first, second);
    for (long sleep : first) {
      // random.randint(0, 10) * 0.1 s
      assertTrue(sleep >= 0 && sleep <= 1000 && sleep % 100 == 0, "sleep " + sleep);
    }
  }
}
