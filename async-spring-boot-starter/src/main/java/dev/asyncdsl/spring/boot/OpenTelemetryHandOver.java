package dev.asyncdsl.spring.boot;

import dev.asyncdsl.opentelemetry.OpenTelemetrySpans;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Hands the application's {@link OpenTelemetry} bean, when it has exactly one, to the spans of twin
 * calls: Spring Boot keeps its instance out of {@code GlobalOpenTelemetry}, where asyncdsl would
 * look otherwise. Taken back when the context closes, so that no call records on a closed SDK.
 */
final class OpenTelemetryHandOver implements SmartInitializingSingleton, DisposableBean {
  private final BeanFactory beanFactory;
  private boolean handed;

  OpenTelemetryHandOver(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public void afterSingletonsInstantiated() {
    OpenTelemetry openTelemetry = beanFactory.getBeanProvider(OpenTelemetry.class).getIfUnique();
    if (openTelemetry != null) {
      OpenTelemetrySpans.useOpenTelemetry(openTelemetry);
      handed = true;
    }
  }

  @Override
  public void destroy() {
    if (handed) {
      OpenTelemetrySpans.useOpenTelemetry(null);
    }
  }
}
