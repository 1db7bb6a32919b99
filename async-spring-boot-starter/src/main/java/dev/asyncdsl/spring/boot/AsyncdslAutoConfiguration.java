package dev.asyncdsl.spring.boot;

import dev.asyncdsl.AsyncRuntime;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * asyncdsl in a Spring Boot application: every bean whose class has a generated twin gets its twin
 * as a bean ({@code mirrorAsync} for the bean {@code mirror}, qualified {@code "mirror"}), running
 * on asyncdsl's default executor or the one {@code asyncdsl.executor} names; Spring's {@code
 * Environment} overrides the policy annotations, checked as the context starts; the twins' calls
 * end with the context. Switched off by {@code asyncdsl.enabled=false}.
 *
 * <p>The rest of the starter comes with the libraries it needs: the caller's MDC, Micrometer
 * context and OpenTelemetry context in the calls (the runtime finds those integrations by itself),
 * the application's {@code OpenTelemetry} bean recording the calls' spans, and metrics, health and
 * the endpoint; see the guide's Spring Boot page.
 */
@AutoConfiguration
@ConditionalOnProperty(
    prefix = "asyncdsl",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class AsyncdslAutoConfiguration {
  /** The bean name of the executor twin beans run on. */
  static final String CALL_GATE = "asyncdslCallGate";

  /** The bean name of the list of twin beans. */
  static final String TWIN_CATALOG = "asyncdslTwinCatalog";

  /** Boot's default for {@code spring.lifecycle.timeout-per-shutdown-phase}. */
  private static final Duration BOOT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

  AsyncdslAutoConfiguration() {}

  @Bean
  static TwinRegistrar asyncdslTwinRegistrar() {
    return new TwinRegistrar();
  }

  @Bean(CALL_GATE)
  CallGate asyncdslCallGate(Environment environment, BeanFactory beanFactory) {
    String executorName = environment.getProperty("asyncdsl.executor", "").trim();
    Executor executor =
        executorName.isEmpty()
            ? AsyncRuntime.defaultExecutor()
            : executor(beanFactory, executorName);
    Binder binder = Binder.get(environment);
    Duration grace =
        binder
            .bind("asyncdsl.shutdown.grace-period", Bindable.of(Duration.class))
            .orElseGet(
                () ->
                    binder
                        .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                        .orElse(BOOT_SHUTDOWN_PHASE_TIMEOUT));
    return new CallGate(executor, grace);
  }

  /**
   * The executor bean {@code asyncdsl.executor} names, or a start failure that says what is wrong.
   */
  private static Executor executor(BeanFactory beanFactory, String name) {
    if (!beanFactory.containsBean(name)) {
      throw new IllegalStateException(
          "asyncdsl.executor names '" + name + "', and the context has no bean of that name");
    }
    Object bean = beanFactory.getBean(name);
    if (!(bean instanceof Executor executor)) {
      throw new IllegalStateException(
          "asyncdsl.executor names '"
              + name
              + "', a "
              + bean.getClass().getName()
              + ", which is no "
              + Executor.class.getName());
    }
    return executor;
  }

  /**
   * Twin calls' spans recorded with the application's OpenTelemetry bean, when it has one. Looked
   * up once the singletons are made, so that Boot's own bean counts whatever the order of the
   * auto-configurations.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "io.opentelemetry.api.OpenTelemetry",
        "dev.asyncdsl.opentelemetry.OpenTelemetrySpans"
      })
  static class OpenTelemetrySpansConfiguration {
    @Bean
    static OpenTelemetryHandOver asyncdslOpenTelemetryHandOver(BeanFactory beanFactory) {
      return new OpenTelemetryHandOver(beanFactory);
    }
  }

  @Bean
  PolicyStartupCheck asyncdslPolicyStartupCheck(TwinRegistrar.TwinCatalog catalog) {
    return new PolicyStartupCheck(catalog);
  }
}
