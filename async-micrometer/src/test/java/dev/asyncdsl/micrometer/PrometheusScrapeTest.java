package dev.asyncdsl.micrometer;

import static dev.asyncdsl.micrometer.MeterReading.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.FaultTolerance;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Prometheus scrapes: the metric families and samples, with the names Micrometer gives the
 * meters there (those of SmallRye Fault Tolerance on Quarkus or any Micrometer application).
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = TimeUnit.SECONDS)
class PrometheusScrapeTest {
  private static final String METHOD = "com.example.Forecasts.celsius";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AsyncMetrics metrics = new AsyncMetrics();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void close() throws InterruptedException {
    metrics.close();
    registry.close();
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(MeterReading.PATIENCE_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void theScrapeHasMicroProfilesFamiliesAndCounts() throws Exception {
    metrics.bindTo(registry);
    FaultTolerance policies =
        FaultTolerance.of(
                AsyncMethod.of("com.example.Forecasts", "celsius", "Forecasts.celsius(String)"))
            .timeout(1, TimeUnit.HOURS)
            .retry(2)
            .circuitBreaker(20, 0.5, 1, TimeUnit.HOURS, 1)
            .bulkhead(10, 10)
            .build();
    AtomicInteger attempts = new AtomicInteger();
    outcome(policies.call(pool, () -> "21 C", failure -> "n/a"));
    outcome(
        policies.call(
            pool,
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw new IOException("flaky");
              }
              return "20 C";
            },
            failure -> "n/a"));
    outcome(
        policies.call(
            pool,
            () -> {
              throw new IOException("down");
            },
            failure -> "n/a"));
    outcome(
        AsyncRuntime.call(
            pool,
            AsyncMethod.of("com.example.Forecasts", "summary", "Forecasts.summary()"),
            () -> 1));

    String scrape = registry.scrape();
    Set<String> families = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (line.startsWith("# TYPE ft_")) {
        families.add(line.substring("# TYPE ".length()));
      }
    }
    assertEquals(
        new TreeSet<>(
            Set.of(
                "ft_bulkhead_calls_total counter",
                "ft_bulkhead_executionsRunning gauge",
                "ft_bulkhead_executionsWaiting gauge",
                "ft_bulkhead_runningDuration_seconds summary",
                "ft_bulkhead_runningDuration_seconds_max gauge",
                "ft_bulkhead_waitingDuration_seconds summary",
                "ft_bulkhead_waitingDuration_seconds_max gauge",
                "ft_circuitbreaker_calls_total counter",
                "ft_circuitbreaker_opened_total counter",
                "ft_circuitbreaker_state_current gauge",
                "ft_circuitbreaker_state_total_seconds gauge",
                "ft_invocations_total counter",
                "ft_retry_calls_total counter",
                "ft_retry_retries_total counter",
                "ft_timeout_calls_total counter",
                "ft_timeout_executionDuration_seconds summary",
                "ft_timeout_executionDuration_seconds_max gauge")),
        families);
    assertSample(
        scrape,
        "ft_invocations_total{fallback=\"notApplied\",method=\""
            + METHOD
            + "\",result=\"valueReturned\"} 2.0");
    assertSample(
        scrape,
        "ft_invocations_total{fallback=\"applied\",method=\""
            + METHOD
            + "\",result=\"valueReturned\"} 1.0");
    assertSample(
        scrape,
        "ft_invocations_total{fallback=\"notDefined\",method=\"com.example.Forecasts.summary\","
            + "result=\"valueReturned\"} 1.0");
    assertSample(
        scrape,
        "ft_retry_calls_total{method=\""
            + METHOD
            + "\",retried=\"true\",retryResult=\"maxRetriesReached\"} 1.0");
    assertSample(scrape, "ft_retry_retries_total{method=\"" + METHOD + "\"} 3.0");
    assertSample(
        scrape, "ft_timeout_calls_total{method=\"" + METHOD + "\",timedOut=\"false\"} 6.0");
    assertSample(scrape, "ft_timeout_executionDuration_seconds_count{method=\"" + METHOD + "\"} 6");
    assertSample(
        scrape,
        "ft_circuitbreaker_calls_total{circuitBreakerResult=\"failure\",method=\""
            + METHOD
            + "\"} 4.0");
    assertSample(
        scrape, "ft_circuitbreaker_state_current{method=\"" + METHOD + "\",state=\"closed\"} 1.0");
    assertSample(
        scrape,
        "ft_bulkhead_calls_total{bulkheadResult=\"accepted\",method=\"" + METHOD + "\"} 6.0");
    assertSample(scrape, "ft_bulkhead_runningDuration_seconds_count{method=\"" + METHOD + "\"} 6");
  }

  private static void assertSample(String scrape, String sample) {
    assertTrue(scrape.lines().anyMatch(sample::equals), () -> sample + " not in\n" + scrape);
  }
}
