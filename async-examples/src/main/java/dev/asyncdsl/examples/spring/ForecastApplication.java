package dev.asyncdsl.examples.spring;

import dev.asyncdsl.examples.LocalThirdParty;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The forecast service. {@link #main} starts a {@link LocalThirdParty} to ask and points the
 * service at its {@code /fast} path, unless {@code --forecast.third-party=<uri>} names another.
 */
@SpringBootApplication
public class ForecastApplication {
  /** Runs the service on port 8080 (or {@code --server.port}). */
  public static void main(String[] args) throws Exception {
    LocalThirdParty thirdParty = LocalThirdParty.start(Duration.ofSeconds(1));
    SpringApplication application = new SpringApplication(ForecastApplication.class);
    application.setDefaultProperties(
        Map.of("forecast.third-party", thirdParty.uri("fast").toString()));
    application.run(args);
  }
}
