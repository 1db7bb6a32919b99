package dev.asyncdsl.benchmarks.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * The service; {@code --downstream.url=http://127.0.0.1:<port>/reading} names the downstream.
 * {@code async-spring-boot-starter} makes the twin {@code AsyncdslReadingsAsync} a bean and binds
 * asyncdsl's meters; Resilience4j's starter weaves its annotations and binds its meters.
 */
@SpringBootApplication
@EnableAsync
public class LoadServiceApplication {
  /** Starts the service. */
  public static void main(String[] args) {
    SpringApplication.run(LoadServiceApplication.class, args);
  }
}
