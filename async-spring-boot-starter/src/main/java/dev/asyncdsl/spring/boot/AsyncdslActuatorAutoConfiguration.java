package dev.asyncdsl.spring.boot;

import dev.asyncdsl.micrometer.AsyncMetrics;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * What asyncdsl adds when Micrometer or Actuator is there: its metrics binder on Boot's meter
 * registries, a health contributor {@code asyncdsl} with every circuit breaker's state (on Boot 3's
 * health API or Boot 4's), and the Actuator endpoint {@code asyncdsl}. Each part is conditioned on
 * its library's classes by name, so the starter runs without them and on both Boots.
 */
@AutoConfiguration(after = AsyncdslAutoConfiguration.class)
@ConditionalOnBean(AsyncdslAutoConfiguration.class)
public class AsyncdslActuatorAutoConfiguration {
  AsyncdslActuatorAutoConfiguration() {}

  /** Micrometer's meters for every twin's calls, bound by Boot to each of its registries. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  @ConditionalOnProperty(
      prefix = "asyncdsl.metrics",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    AsyncMetrics asyncdslMetrics() {
      return new AsyncMetrics();
    }
  }

  /** Boot 3's health API. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnMissingClass("org.springframework.boot.health.contributor.HealthIndicator")
  static class Boot3Health {
    // On the method, as Boot's own indicators: management.health.asyncdsl.enabled, else
    // management.health.defaults.enabled. Its condition's class is only read once the class
    // conditions hold.
    @Bean
    @org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator(
        "asyncdsl")
    @ConditionalOnMissingBean(name = "asyncdslHealthIndicator")
    Boot3CircuitHealthIndicator asyncdslHealthIndicator(Environment environment) {
      return new Boot3CircuitHealthIndicator(downWhenOpen(environment));
    }
  }

  /** Boot 4's health API. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Boot4Health {
    // On the method, as Boot's own indicators: management.health.asyncdsl.enabled, else
    // management.health.defaults.enabled. Its condition's class is only read once the class
    // conditions hold.
    @Bean
    @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator(
        "asyncdsl")
    @ConditionalOnMissingBean(name = "asyncdslHealthIndicator")
    Boot4CircuitHealthIndicator asyncdslHealthIndicator(Environment environment) {
      return new Boot4CircuitHealthIndicator(downWhenOpen(environment));
    }
  }

  /** The endpoint, when Actuator exposes it. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
        "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"
      })
  static class Endpoint {
    // On the method: its condition's class is only read once the class conditions hold.
    @Bean
    @ConditionalOnAvailableEndpoint(endpoint = PolicyEndpoint.class)
    @ConditionalOnMissingBean
    PolicyEndpoint asyncdslPolicyEndpoint(TwinRegistrar.TwinCatalog catalog) {
      return new PolicyEndpoint(catalog);
    }
  }

  private static boolean downWhenOpen(Environment environment) {
    return environment.getProperty("asyncdsl.health.down-when-circuit-open", Boolean.class, false);
  }
}
