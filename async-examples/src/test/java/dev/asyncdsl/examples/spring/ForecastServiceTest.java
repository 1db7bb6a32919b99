package dev.asyncdsl.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncdsl.FaultTolerance.CircuitState;
import dev.asyncdsl.examples.LocalThirdParty;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service end to end: real HTTP in (a {@link HttpClient} to the embedded Tomcat) and out (the
 * twin's calls to a {@link LocalThirdParty}), one Spring context for every test. Each test starts
 * with the third party answering at once and the circuit closed.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.main.banner-mode=off")
@org.junit.jupiter.api.Timeout(60)
class ForecastServiceTest {
  /** Far longer than an attempt's 300 ms timeout. */
  private static final Duration SLOW = Duration.ofSeconds(5);

  private static final Duration WITHIN = Duration.ofSeconds(10);

  private static LocalThirdParty thirdParty;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @LocalServerPort private int port;
  @Autowired private RegionalForecasts forecasts;
  @Autowired private RegionalForecastsAsync twin;

  @DynamicPropertySource
  static void thirdParty(DynamicPropertyRegistry registry) throws IOException {
    thirdParty = LocalThirdParty.start(SLOW);
    registry.add("forecast.third-party", () -> thirdParty.uri("fast").toString());
  }

  @AfterAll
  static void stopThirdParty() throws IOException {
    thirdParty.close();
  }

  @BeforeEach
  void thirdPartyAnswersAndTheCircuitIsClosed() throws Exception {
    forecasts.pointAt(thirdParty.uri("fast"));
    // An open circuit half-opens after its 1 s delay; the next request's calls close it.
    waitUntil(() -> twin.readingPolicy().circuitState() != CircuitState.OPEN);
    if (twin.readingPolicy().circuitState() != CircuitState.CLOSED) {
      get("/forecast", null);
    }
    assertEquals(CircuitState.CLOSED, twin.readingPolicy().circuitState());
  }

  @Test
  void gathersTheFourRegionsFromTheThirdParty() throws Exception {
    int before = forecasts.requestsSent();

    HttpResponse<String> response = get("/forecast", "gather-1");

    assertEquals(200, response.statusCode());
    assertEquals("gather-1", response.headers().firstValue(RequestIdFilter.HEADER).orElse(null));
    JsonNode forecast = json.readTree(response.body());
    assertEquals("gather-1", forecast.get("requestId").asText());
    List<String> regions = new ArrayList<>();
    for (JsonNode reading : forecast.get("readings")) {
      regions.add(reading.get("region").asText());
      assertEquals(21.5, reading.get("celsius").asDouble());
      assertEquals("LIVE", reading.get("source").asText());
    }
    assertEquals(RegionalForecasts.REGIONS, regions);
    assertEquals(4, forecasts.requestsSent() - before);
  }

  @Test
  void aSlowThirdPartyIsGivenUpOnRetriedOnceAndAnsweredFromTheCache() throws Exception {
    get("/forecast", null); // fills the cache
    forecasts.pointAt(thirdParty.uri("slow"));
    int before = forecasts.requestsSent();

    JsonNode forecast = json.readTree(get("/forecast", null).body());

    for (JsonNode reading : forecast.get("readings")) {
      assertEquals("FALLBACK", reading.get("source").asText());
      assertEquals(21.5, reading.get("celsius").asDouble()); // the last known temperature
    }
    assertEquals(8, forecasts.requestsSent() - before, "two attempts per region");
    // Every timed-out attempt was interrupted, and its HTTP exchange closed.
    assertTrue(thirdParty.awaitNoOpenConnections(WITHIN), "connections left open");
  }

  @Test
  void aThirdPartyThatIsDownIsAnsweredByTheFallback() throws Exception {
    forecasts.pointAt(thirdParty.uri("down"));
    String region = RegionalForecasts.REGIONS.get(0);

    JsonNode forecast = json.readTree(get("/forecast", null).body());

    JsonNode first = forecast.get("readings").get(0);
    assertEquals(region, first.get("region").asText());
    assertEquals("FALLBACK", first.get("source").asText());
    assertTrue(thirdParty.awaitNoOpenConnections(WITHIN), "connections left open");
  }

  @Test
  void theCircuitOpensOnAFailingThirdPartyAndItsCallsStopReachingIt() throws Exception {
    forecasts.pointAt(thirdParty.uri("broken"));

    // Four regions, two attempts each: six failures of the last eight open the circuit.
    for (int request = 0;
        request < 3 && twin.readingPolicy().circuitState() != CircuitState.OPEN;
        request++) {
      JsonNode failing = json.readTree(get("/forecast", null).body());
      assertEquals("FALLBACK", failing.get("readings").get(0).get("source").asText());
    }
    assertEquals(CircuitState.OPEN, twin.readingPolicy().circuitState());

    int before = forecasts.requestsSent();
    JsonNode open = json.readTree(get("/forecast", null).body());
    for (JsonNode reading : open.get("readings")) {
      assertEquals("FALLBACK", reading.get("source").asText());
    }
    assertEquals(before, forecasts.requestsSent(), "the open circuit let a call through");

    // Actuator's health shows the open circuit, and stays UP: restarting would not mend it.
    JsonNode health = json.readTree(get("/actuator/health", null).body()).get("components");
    JsonNode circuits = health.get("asyncdsl");
    assertEquals("UP", circuits.get("status").asText(), circuits.toString());
    assertEquals(1, circuits.get("details").get("open").asInt(), circuits.toString());
    assertTrue(
        circuits.get("details").get("circuits").toString().contains("OPEN"), circuits.toString());

    HttpResponse<String> opened =
        get("/actuator/metrics/ft.circuitbreaker.opened.total?tag=method:" + readingMethod(), null);
    assertEquals(200, opened.statusCode(), opened.body());
    double count = json.readTree(opened.body()).get("measurements").get(0).get("value").asDouble();
    assertTrue(count >= 1, "ft.circuitbreaker.opened.total " + count);
  }

  @Test
  void theCallsLogLinesCarryTheRequestsId() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(RegionalForecasts.class);
    ListAppender<ILoggingEvent> appender =
        new ListAppender<>() {
          @Override
          protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // reads the MDC now, on the logging thread
            super.append(event);
          }
        };
    appender.start();
    logger.addAppender(appender);
    try {
      get("/forecast", "logged-1");
      forecasts.pointAt(thirdParty.uri("slow"));
      get("/forecast", "logged-2"); // timed out, retried, then the fallback: lines of their own
    } finally {
      logger.detachAppender(appender);
    }

    List<ILoggingEvent> first = linesOf(appender.list, "logged-1");
    List<ILoggingEvent> second = linesOf(appender.list, "logged-2");
    assertEquals(appender.list.size(), first.size() + second.size(), "a line without the id");
    assertEquals(4, first.size(), "four calls, one line each");
    // Two attempts and one fallback per region, each attempt on its own thread.
    assertEquals(12, second.size());
    assertEquals(4, second.stream().filter(e -> e.getMessage().startsWith("no answer")).count());
    Set<String> threads = new HashSet<>();
    for (ILoggingEvent event : first) {
      threads.add(event.getThreadName());
    }
    assertEquals(4, threads.size(), "the four calls ran on four threads: " + threads);
    assertFalse(threads.stream().anyMatch(name -> name.startsWith("http-nio")), threads.toString());
  }

  @Test
  void thePoliciesMetersAreInPrometheusFormat() throws Exception {
    get("/forecast", null);

    HttpResponse<String> scrape = get("/actuator/prometheus", null);

    assertEquals(200, scrape.statusCode());
    String method = "method=\"" + readingMethod() + "\"";
    assertTrue(
        scrape
            .body()
            .lines()
            .anyMatch(l -> l.startsWith("ft_invocations_total{") && l.contains(method)),
        scrape.body());
    assertTrue(
        scrape
            .body()
            .lines()
            .anyMatch(l -> l.startsWith("ft_timeout_calls_total{") && l.contains(method)),
        scrape.body());
  }

  private static String readingMethod() {
    return RegionalForecasts.class.getName() + ".reading";
  }

  private static List<ILoggingEvent> linesOf(List<ILoggingEvent> events, String requestId) {
    List<ILoggingEvent> lines = new ArrayList<>();
    for (ILoggingEvent event : events) {
      if (requestId.equals(event.getMDCPropertyMap().get(RequestIdFilter.MDC_KEY))) {
        lines.add(event);
      }
    }
    return lines;
  }

  private HttpResponse<String> get(String path, String requestId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (requestId != null) {
      request.header(RequestIdFilter.HEADER, requestId);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void waitUntil(BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + WITHIN.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() - end < 0) {
      Thread.sleep(10);
    }
  }
}
