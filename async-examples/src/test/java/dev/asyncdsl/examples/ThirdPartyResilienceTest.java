package dev.asyncdsl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThirdPartyResilienceTest {
  @Test
  @org.junit.jupiter.api.Timeout(60)
  void aServiceThatIsDownIsRetriedThenFailsFastFromTheCacheUntilItIsBack() throws Exception {
    try (Console console = Console.capture()) {
      ThirdPartyResilience.Result result = ThirdPartyResilience.run();
      assertEquals(
          List.of(
              "city is up: 21.5 °C, 1 request, circuit CLOSED",
              "city answers 503: 21.5 °C from the cache after 3 requests (2 retries, 50 and 100 ms"
                  + " apart), circuit OPEN",
              "city still down: 21.5 °C from the cache, 0 requests: the open circuit failed every"
                  + " attempt fast",
              "silent never answers, nothing cached: 3 requests, each stopped at 1 s; no forecast"
                  + " from silent and none cached (last failure: DeadlineExceededException)",
              "city is back, after the circuit's 1 s delay: 21.5 °C fresh, circuit CLOSED, opened 1"
                  + " time"),
          result.lines());
      assertEquals(result.lines(), console.lines());
    }
  }
}
