package dev.asyncdsl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThirdPartyApiTest {
  @Test
  @org.junit.jupiter.api.Timeout(90)
  void noServiceThatIsDownHangsTheCallerAndEveryThreadAndConnectionIsReleased() throws Exception {
    // The mirrors that answer at once must do so within the demo's 500 ms deadline: a loaded
    // machine can starve a call past it, which proves nothing, so such a run is made again (a
    // runtime that times out every call still fails all three).
    for (int run = 1; ; run++) {
      try (Console console = Console.capture()) {
        ThirdPartyApi.Result result = ThirdPartyApi.run();
        boolean starved =
            result.lines().stream()
                .anyMatch(
                    line ->
                        (line.startsWith("settled fast") || line.startsWith("settled broken"))
                            && line.contains("DeadlineExceededException"));
        if (starved && run < 3) {
          continue;
        }
        assertDemoLines(result, console);
        return;
      }
    }
  }

  private static void assertDemoLines(ThirdPartyApi.Result result, Console console) {
    assertEquals(
        List.of(
            "down: no answer within 500 ms, gave up",
            "settled fast: 21.5 °C",
            "settled broken: IOException: mirror broken answered 503",
            "settled down: DeadlineExceededException: ForecastMirrors.forecast(String) did not complete within 500 ms",
            "first answer: 21.5 °C",
            "the others were cancelled: true",
            "abandoned call cancelled: true",
            // The counts are taken once they reach 0 or after 5 s, whichever comes first.
            "HttpClient released: method bodies still running 0,"
                + " connections open at the down and slow mirrors 0",
            "HttpURLConnection with closeOnCancel(conn::disconnect): 50 of 50 calls"
                + " to the down mirror gave up at 300 ms",
            "HttpURLConnection released: method bodies still running 0,"
                + " connections open at the down mirror 0"),
        result.lines());
    assertEquals(result.lines(), console.lines());
  }
}
