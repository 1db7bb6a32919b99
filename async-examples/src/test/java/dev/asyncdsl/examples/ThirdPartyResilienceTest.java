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
                  + " time",
              "the counters Micrometer holds for ResilientMirror.forecast():",
              // The open circuit failed city's fourth call (CircuitBreakerOpenException is not
              // retried); silent's three attempts timed out and counted against its own circuit.
              "  ft.circuitbreaker.calls.total{circuitBreakerResult=circuitBreakerOpen} 1",
              "  ft.circuitbreaker.calls.total{circuitBreakerResult=failure} 6",
              "  ft.circuitbreaker.calls.total{circuitBreakerResult=success} 2",
              "  ft.circuitbreaker.opened.total 1",
              "  ft.invocations.total{fallback=applied, result=exceptionThrown} 1",
              "  ft.invocations.total{fallback=applied, result=valueReturned} 2",
              "  ft.invocations.total{fallback=notApplied, result=valueReturned} 2",
              "  ft.retry.calls.total{retried=false, retryResult=exceptionNotRetryable} 1",
              "  ft.retry.calls.total{retried=false, retryResult=valueReturned} 2",
              "  ft.retry.calls.total{retried=true, retryResult=maxRetriesReached} 2",
              "  ft.retry.retries.total 4",
              "  ft.timeout.calls.total{timedOut=false} 5",
              "  ft.timeout.calls.total{timedOut=true} 3"),
          result.lines());
      assertEquals(result.lines(), console.lines());
    }
  }
}
