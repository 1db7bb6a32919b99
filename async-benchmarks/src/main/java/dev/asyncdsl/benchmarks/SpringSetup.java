package dev.asyncdsl.benchmarks;

import java.util.concurrent.Executor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableAsync;

/** A Spring context whose {@code @Async} methods run on a given executor. */
final class SpringSetup {
  private SpringSetup() {}

  /**
   * Plain {@code @EnableAsync} with one bean; the proxy is Spring's default (CGLIB, no interface).
   */
  @Configuration(proxyBeanMethods = false)
  @EnableAsync
  static class Config {
    @Bean
    SpringTarget springTarget() {
      return new SpringTarget();
    }
  }

  static AnnotationConfigApplicationContext context(Executor executor) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean(
        AsyncConfigurer.class,
        () ->
            new AsyncConfigurer() {
              @Override
              public Executor getAsyncExecutor() {
                return executor;
              }
            });
    context.register(Config.class);
    context.refresh();
    return context;
  }
}
