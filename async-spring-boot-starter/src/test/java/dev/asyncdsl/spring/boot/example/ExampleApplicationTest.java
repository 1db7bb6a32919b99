package dev.asyncdsl.spring.boot.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.PolicyRegistry;
import dev.asyncdsl.spring.boot.app.MirrorAsync;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** The example application over real HTTP, on whichever Boot the tests run (3.5 or 4.0). */
@SpringBootTest(
    classes = ExampleApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.main.banner-mode=off",
      "management.endpoints.web.exposure.include=health,asyncdsl",
      "management.endpoint.health.show-details=always"
    })
class ExampleApplicationTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  private int port;

  @Autowired private MirrorAsync mirror;

  @AfterEach
  void closeTheCircuit() {
    PolicyRegistry.policies("Mirror.breaker()").forEach(FaultTolerance::resetCircuit);
  }

  @Test
  void theTwinAnswersARequest() throws Exception {
    HttpResponse<String> response = get("/echo/hello");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("example: hello");
  }

  @Test
  void theHealthShowsTheCircuitsAndStaysUpWhenOneIsOpen() throws Exception {
    for (int call = 0; call < 2; call++) {
      try {
        mirror.breaker().get();
      } catch (ExecutionException expected) {
        // Two failures open the circuit.
      }
    }
    HttpResponse<String> response = get("/actuator/health");
    assertThat(response.statusCode()).isEqualTo(200);
    // Boot 3 and Boot 4 order the members differently: the asyncdsl component is read alone.
    String body = response.body();
    int component = body.indexOf("\"asyncdsl\":{");
    assertThat(component).isNotNegative();
    String asyncdsl = body.substring(component, body.indexOf("\"diskSpace\"", component));
    assertThat(asyncdsl)
        .contains("\"status\":\"UP\"")
        .contains("\"Mirror.breaker()\":\"OPEN\"")
        .contains("\"open\":1");
    assertThat(body).contains("\"status\":\"UP\"");
  }

  @Test
  void theEndpointListsTheTwinAndResetsACircuit() throws Exception {
    HttpResponse<String> all = get("/actuator/asyncdsl");
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.body())
        .contains("\"bean\":\"mirrorAsync\"")
        .contains("\"twin\":\"dev.asyncdsl.spring.boot.app.MirrorAsync\"")
        .contains("\"Mirror.breaker()\":{\"circuitState\":\"CLOSED\"");

    HttpResponse<String> reset =
        http.send(
            HttpRequest.newBuilder(uri("/actuator/asyncdsl/Mirror.breaker()"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(reset.body()).contains("\"circuitsReset\":1");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path.replace("(", "%28").replace(")", "%29"));
  }
}
