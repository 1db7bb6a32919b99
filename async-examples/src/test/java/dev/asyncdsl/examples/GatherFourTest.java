package dev.asyncdsl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.Tuple4;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each function prints its started line, then sleeps {@link SeedFunctions#SLEEP_MILLIS}: none can
 * finish sooner than that after its started line. So when every started line comes less than that
 * after the first one, all four were running at once.
 */
class GatherFourTest {
  private static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(SeedFunctions.SLEEP_MILLIS);

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void theFourCallsOverlapAndTheirResultsComeTyped() throws Exception {
    try (Console console = Console.capture()) {
      Timed<Tuple4<Integer, Integer, Integer, Integer>> run = GatherFour.run();

      assertEquals(new Tuple4<>(2, 3, 4, 5), run.value());
      List<String> lines = console.lines();
      assertEquals(5, lines.size(), lines::toString);
      assertEquals(
          Set.of(
              "started func 1: 2", "started func 2: 3", "started func 3: 4", "started func 4: 5"),
          Set.copyOf(lines.subList(0, 4)));
      assertEquals("Completed after: " + run.seconds(), lines.get(4));

      long firstStart = console.timedLines().get(0).nanos();
      long lastStart = console.timedLines().get(3).nanos();
      assertTrue(
          lastStart - firstStart < SLEEP_NANOS,
          "every call started before the first one could finish");
      // Gathered, the four one-second calls take about one second; in turn they would take four.
      assertTrue(run.seconds() >= 0.99 && run.seconds() < 4, () -> "took " + run.seconds());
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(15)
  void theSyncVersionRunsThemOneAfterAnother() throws Exception {
    try (Console console = Console.capture()) {
      Timed<List<Integer>> run = SyncFour.run();

      assertEquals(List.of(2, 3, 4, 5), run.value());
      assertEquals(
          List.of(
              "started func 1: 2",
              "started func 2: 3",
              "started func 3: 4",
              "started func 4: 5",
              "Completed after: " + run.seconds()),
          console.lines());
      List<Console.Line> lines = console.timedLines();
      for (int i = 1; i < 4; i++) {
        long gap = lines.get(i).nanos() - lines.get(i - 1).nanos();
        // A call starts only after the one before it has slept its full second.
        assertTrue(
            gap >= SLEEP_NANOS * 95 / 100, "gap before call " + (i + 1) + ": " + gap + " ns");
      }
      assertTrue(run.seconds() >= 3.9, () -> "took " + run.seconds());
    }
  }
}
