package dev.asyncdsl.benchmarks.spring;

import dev.asyncdsl.micrometer.AsyncMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableAsync;

/** The service; {@code --downstream.url=http://127.0.0.1:<port>/reading} names the downstream. */
@SpringBootApplication
@EnableAsync
public class LoadServiceApplication {
  /** Starts the service. */
  public static void main(String[] args) {
    SpringApplication.run(LoadServiceApplication.class, args);
  }

  @Bean
  AsyncdslReadingsAsync asyncdslReadingsAsync(AsyncdslReadings readings) {
    return new AsyncdslReadingsAsync(readings);
  }

  @Bean(destroyMethod = "close")
  AsyncMetrics asyncMetrics(MeterRegistry registry) {
    AsyncMetrics metrics = new AsyncMetrics();
    metrics.bindTo(registry);
    return metrics;
  }
}
