package dev.asyncdsl.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.PolicyRegistry;
import dev.asyncdsl.micrometer.AsyncMetrics;
import dev.asyncdsl.spring.boot.app.Mirror;
import dev.asyncdsl.spring.boot.app.MirrorAsync;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/** Metrics, health and the endpoint, on whichever Boot the tests run (3.5 or 4.0). */
class ActuatorTest {
  private static final String BREAKER = "Mirror.breaker()";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  AsyncdslAutoConfiguration.class, AsyncdslActuatorAutoConfiguration.class))
          .withUserConfiguration(OneMirror.class)
          .withPropertyValues("management.endpoints.web.exposure.include=asyncdsl");

  @AfterEach
  void closeTheCircuit() {
    PolicyRegistry.policies(BREAKER).forEach(FaultTolerance::resetCircuit);
  }

  @Test
  void callsAreCountedInBootsMeterRegistry() {
    runner
        .withConfiguration(AutoConfigurations.of(bootMetricsAutoConfigurations()))
        .run(
            context -> {
              assertThat(context).hasSingleBean(AsyncMetrics.class);
              context.getBean(MirrorAsync.class).echo("x").get(10, TimeUnit.SECONDS);
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(
                      registry
                          .get("ft.invocations.total")
                          .tag("method", "dev.asyncdsl.spring.boot.app.Mirror.echo")
                          .tag("result", "valueReturned")
                          .counter()
                          .count())
                  .isEqualTo(1.0);
            });
  }

  @Test
  void noMetricsWithoutMicrometer() {
    runner
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AsyncMetrics.class));
  }

  @Test
  void anOpenCircuitShowsInTheHealthButLeavesItUp() {
    runner.run(
        context -> {
          openTheCircuit(context);
          Object health = health(context);
          assertThat(status(health)).isEqualTo("UP");
          assertThat(details(health))
              .containsEntry("open", 1)
              .extractingByKey("circuits")
              .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
              .containsEntry(BREAKER, "OPEN");
        });
  }

  @Test
  void anOpenCircuitMakesTheHealthDownWhenThePropertySaysSo() {
    runner
        .withPropertyValues("asyncdsl.health.down-when-circuit-open=true")
        .run(
            context -> {
              assertThat(status(health(context))).isEqualTo("UP");
              openTheCircuit(context);
              assertThat(status(health(context))).isEqualTo("DOWN");
            });
  }

  @Test
  void noHealthOrEndpointWithoutActuator() {
    runner
        .withClassLoader(
            new FilteredClassLoader(
                "org.springframework.boot.actuate", "org.springframework.boot.health"))
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean("asyncdslHealthIndicator")
                    .doesNotHaveBean(PolicyEndpoint.class));
  }

  @Test
  void theHealthIsOnTheApiOfTheBootItRunsOn() {
    boolean boot4 =
        ClassUtils.isPresent("org.springframework.boot.health.contributor.Health", null);
    runner.run(
        context ->
            assertThat(context.getBean("asyncdslHealthIndicator"))
                .isInstanceOf(
                    boot4 ? Boot4CircuitHealthIndicator.class : Boot3CircuitHealthIndicator.class));
  }

  @Test
  void noHealthWhenBootsIndicatorsAreOffByDefault() {
    runner
        .withPropertyValues("management.health.defaults.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("asyncdslHealthIndicator"));
  }

  @Test
  void theHealthWhenOnByItselfWhileBootsIndicatorsAreOff() {
    runner
        .withPropertyValues(
            "management.health.defaults.enabled=false", "management.health.asyncdsl.enabled=true")
        .run(context -> assertThat(context).hasBean("asyncdslHealthIndicator"));
  }

  @Test
  void noHealthWhenSwitchedOff() {
    runner
        .withPropertyValues("management.health.asyncdsl.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("asyncdslHealthIndicator"));
  }

  @Test
  void theEndpointListsTwinsPoliciesWithTheirOriginAndResetsACircuit() {
    runner
        .withPropertyValues(Mirror.class.getName() + "/breaker/CircuitBreaker/delay=2")
        .run(
            context -> {
              openTheCircuit(context);
              PolicyEndpoint endpoint = context.getBean(PolicyEndpoint.class);
              Map<String, Object> all = endpoint.policies();
              assertThat(all.get("twins").toString()).contains("bean=mirrorAsync, target=mirror");
              Map<String, Object> breaker = endpoint.method(BREAKER);
              assertThat(breaker).containsEntry("circuitState", "OPEN");
              assertThat(breaker.get("effectiveValues").toString())
                  .contains(
                      "member=delay, value=2, origin=APPLICATION, key="
                          + Mirror.class.getName()
                          + "/breaker/CircuitBreaker/delay")
                  .contains("member=requestVolumeThreshold, value=2, origin=ANNOTATION");
              assertThat(endpoint.method("Mirror.nothing()")).isNull();

              assertThat(endpoint.resetCircuit(BREAKER)).containsEntry("circuitsReset", 1);
              assertThat(endpoint.method(BREAKER)).containsEntry("circuitState", "CLOSED");
            });
  }

  @Test
  void noEndpointWhenNotExposed() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                AsyncdslAutoConfiguration.class, AsyncdslActuatorAutoConfiguration.class))
        .withUserConfiguration(OneMirror.class)
        .run(context -> assertThat(context).doesNotHaveBean(PolicyEndpoint.class));
  }

  private static void openTheCircuit(ApplicationContext context) {
    MirrorAsync twin = context.getBean(MirrorAsync.class);
    for (int call = 0; call < 2; call++) {
      assertThatThrownBy(() -> twin.breaker().get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    }
    assertThat(PolicyRegistry.policies(BREAKER).get(0).circuitState())
        .isEqualTo(FaultTolerance.CircuitState.OPEN);
  }

  /** The health, through Boot 3's or Boot 4's API alike. */
  private static Object health(ApplicationContext context) throws ReflectiveOperationException {
    Object indicator = context.getBean("asyncdslHealthIndicator");
    return indicator.getClass().getMethod("health").invoke(indicator);
  }

  private static String status(Object health) throws ReflectiveOperationException {
    return health.getClass().getMethod("getStatus").invoke(health).toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(Object health) throws ReflectiveOperationException {
    return (Map<String, Object>) health.getClass().getMethod("getDetails").invoke(health);
  }

  /** Boot's metrics auto-configurations, which moved between Boot 3 and Boot 4. */
  static Class<?>[] bootMetricsAutoConfigurations() {
    List<Class<?>> found = new ArrayList<>();
    for (String name :
        List.of(
            "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration")) {
      if (ClassUtils.isPresent(name, null)) {
        found.add(ClassUtils.resolveClassName(name, null));
      }
    }
    assertThat(found).hasSize(3);
    return found.toArray(Class<?>[]::new);
  }

  @Configuration(proxyBeanMethods = false)
  static class OneMirror {
    @Bean
    Mirror mirror() {
      return new Mirror();
    }
  }
}
