package dev.asyncdsl.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdsl.spring.boot.app.Witness;
import dev.asyncdsl.spring.boot.app.WitnessAsync;
import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With the libraries an application with Micrometer Tracing, OpenTelemetry and Logback has, the
 * caller's context reaches the body of a twin bean's call, with nothing but the starter.
 */
class ContextPropagationTest {
  private static final String TENANT_KEY = "asyncdsl.test.tenant";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(AsyncdslAutoConfiguration.class))
          .withBean("witness", Witness.class);

  @BeforeAll
  static void registerTenant() {
    ContextRegistry.getInstance().registerThreadLocalAccessor(TENANT_KEY, Witness.TENANT);
  }

  @AfterAll
  static void unregisterTenant() {
    ContextRegistry.getInstance().removeThreadLocalAccessor(TENANT_KEY);
  }

  @Test
  void theCallersMdcIsTheBodys() {
    runner.run(
        context -> {
          MDC.put("request", "r-17");
          try {
            assertThat(context.getBean(WitnessAsync.class).mdc("request").get(1, TimeUnit.MINUTES))
                .isEqualTo("r-17");
          } finally {
            MDC.remove("request");
          }
        });
  }

  @Test
  void aThreadLocalInMicrometersContextRegistryReachesTheBody() {
    runner.run(
        context -> {
          Witness.TENANT.set("acme");
          try {
            assertThat(context.getBean(WitnessAsync.class).tenant().get(1, TimeUnit.MINUTES))
                .isEqualTo("acme");
          } finally {
            Witness.TENANT.remove();
          }
        });
  }

  @Test
  @SuppressWarnings("try") // the scope is only opened, for the call made inside it
  void theCallersObservationIsCurrentInTheBody() {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(any -> true);
    runner.run(
        context -> {
          Observation caller = Observation.start("caller", registry);
          try (Observation.Scope scope = caller.openScope()) {
            assertThat(
                    context
                        .getBean(WitnessAsync.class)
                        .observation(registry)
                        .get(1, TimeUnit.MINUTES))
                .isSameAs(caller);
          } finally {
            caller.stop();
          }
        });
  }

  @Test
  @SuppressWarnings("try") // the scope is only opened, for the call made inside it
  void withTheApplicationsOpenTelemetryBeanACallHasItsSpanAChildOfTheCallers() {
    List<SpanData> ended = new CopyOnWriteArrayList<>();
    SdkTracerProvider tracing =
        SdkTracerProvider.builder().addSpanProcessor(new Collecting(ended)).build();
    Span caller = tracing.get("test").spanBuilder("caller").startSpan();
    runner
        .withBean(
            OpenTelemetry.class,
            () -> OpenTelemetrySdk.builder().setTracerProvider(tracing).build(),
            // Left open by the context: the check below needs a tracer that still records.
            definition -> definition.setDestroyMethodName(""))
        .run(
            context -> {
              String bodySpan;
              try (Scope scope = caller.makeCurrent()) {
                bodySpan = context.getBean(WitnessAsync.class).spanId().get(1, TimeUnit.MINUTES);
              } finally {
                caller.end();
              }
              SpanData call =
                  ended.stream()
                      .filter(span -> span.getName().equals("Witness.spanId"))
                      .findFirst()
                      .orElseThrow();
              assertThat(call.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
              assertThat(bodySpan).isEqualTo(call.getSpanId());
            });
    // Taken back with the context: calls record no span with it any more.
    try (Scope scope = caller.makeCurrent()) {
      int before = ended.size();
      Witness witness = new Witness();
      assertThat(new WitnessAsync(witness).spanId().join())
          .isEqualTo(caller.getSpanContext().getSpanId());
      assertThat(ended).hasSize(before);
    }
    tracing.close();
  }

  /** Keeps the spans that end. */
  private record Collecting(List<SpanData> ended) implements SpanProcessor {
    @Override
    public void onStart(io.opentelemetry.context.Context parent, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }

  @Test
  @SuppressWarnings("try") // the scope is only opened, for the call made inside it
  void theCallersSpanIsCurrentInTheBody() {
    try (SdkTracerProvider tracing = SdkTracerProvider.builder().build()) {
      Span caller = tracing.get("test").spanBuilder("caller").startSpan();
      runner.run(
          context -> {
            // What the runtime would report of a failing listener or propagator: nothing.
            List<Throwable> reported = new CopyOnWriteArrayList<>();
            Thread thread = Thread.currentThread();
            Thread.UncaughtExceptionHandler before = thread.getUncaughtExceptionHandler();
            thread.setUncaughtExceptionHandler((failed, failure) -> reported.add(failure));
            try (Scope scope = caller.makeCurrent()) {
              assertThat(context.getBean(WitnessAsync.class).spanId().get(1, TimeUnit.MINUTES))
                  .isEqualTo(caller.getSpanContext().getSpanId());
            } finally {
              thread.setUncaughtExceptionHandler(before);
              caller.end();
            }
            assertThat(reported).isEmpty();
          });
    }
  }
}
