package dev.asyncdsl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThirdPartyApiTest {
  @Test
  @org.junit.jupiter.api.Timeout(10)
  void noServiceThatIsDownHangsTheCallerAndTheDownCallIsStopped() throws Exception {
    try (Console console = Console.capture()) {
      ThirdPartyApi.Result result = ThirdPartyApi.run();
      assertEquals(
          List.of(
              "down: no answer within 500 ms, gave up",
              "settled fast: 21.5 °C",
              "settled broken: IOException: mirror broken answered 503 Service Unavailable",
              "settled down: DeadlineExceededException: call did not complete within its deadline",
              "first answer: 21.5 °C",
              "the others were cancelled: true",
              "abandoned call cancelled: true"),
          result.lines());
      assertEquals(result.lines(), console.lines());
      // The call to the service that is down was interrupted, not left sleeping forever.
      assertTrue(result.downWasStopped());
    }
  }
}
