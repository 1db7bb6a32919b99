package dev.asyncdsl.examples.spring;

import dev.asyncdsl.micrometer.AsyncMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The twin of {@link RegionalForecasts} as a bean, and the policies' meters in Boot's registry. */
@Configuration(proxyBeanMethods = false)
class TwinBeans {
  @Bean
  RegionalForecastsAsync regionalForecastsAsync(RegionalForecasts forecasts) {
    return new RegionalForecastsAsync(forecasts);
  }

  @Bean(destroyMethod = "close")
  AsyncMetrics asyncMetrics(MeterRegistry registry) {
    AsyncMetrics metrics = new AsyncMetrics();
    metrics.bindTo(registry);
    return metrics;
  }
}
