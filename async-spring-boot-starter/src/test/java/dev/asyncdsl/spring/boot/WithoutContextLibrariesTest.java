package dev.asyncdsl.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdsl.spi.CallListener;
import dev.asyncdsl.spi.ContextPropagator;
import dev.asyncdsl.spring.boot.app.Mirror;
import dev.asyncdsl.spring.boot.app.MirrorAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * An application without SLF4J, Micrometer's context-propagation or OpenTelemetry: the starter's
 * context integrations are left out quietly, and twin calls work.
 *
 * <p>Run alone, in a JVM of its own without those libraries (the surefire execution {@code
 * without-context-libraries}): the runtime reads its providers once per JVM.
 */
class WithoutContextLibrariesTest {
  /** The loggers the runtime reports its providers on; kept, as java.util.logging holds weakly. */
  private static final List<Logger> LOGGERS =
      List.of(
          Logger.getLogger(ContextPropagator.class.getName()),
          Logger.getLogger(CallListener.class.getName()));

  private static final List<LogRecord> RECORDS = new CopyOnWriteArrayList<>();

  private static final Handler RECORDER =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          RECORDS.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  static void listen() {
    for (Logger logger : LOGGERS) {
      logger.setLevel(Level.ALL);
      logger.setUseParentHandlers(false);
      logger.addHandler(RECORDER);
    }
  }

  @AfterAll
  static void stopListening() {
    for (Logger logger : LOGGERS) {
      logger.removeHandler(RECORDER);
      logger.setUseParentHandlers(true);
      logger.setLevel(null);
    }
  }

  @Test
  void twinCallsWorkAndTheAbsentLibrariesIntegrationsAreLeftOutQuietly() {
    // This JVM is one without them.
    for (String absent :
        List.of(
            "org.slf4j.MDC",
            "io.micrometer.context.ContextRegistry",
            "io.opentelemetry.context.Context")) {
      assertThatThrownBy(() -> Class.forName(absent)).isInstanceOf(ClassNotFoundException.class);
    }
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncdslAutoConfiguration.class))
        .withBean("mirror", Mirror.class)
        .run(
            context ->
                assertThat(context.getBean(MirrorAsync.class).echo("x").get(1, TimeUnit.MINUTES))
                    .isEqualTo("mirror: x"));

    assertThat(ContextPropagator.registered()).isEmpty();
    assertThat(RECORDS).noneMatch(record -> record.getLevel().intValue() >= Level.INFO.intValue());
    // One line each at DEBUG (java.util.logging's FINE), naming the class that is not there.
    assertThat(RECORDS.stream().map(LogRecord::getMessage))
        .hasSize(4)
        .anyMatch(message -> message.contains("it needs org.slf4j."))
        .anyMatch(message -> message.contains("it needs io.micrometer.context."))
        .anyMatch(
            message -> message.startsWith("a CallListener") && message.contains("io.opentelemetry"))
        .anyMatch(
            message ->
                message.startsWith("a ContextPropagator") && message.contains("io.opentelemetry"));
  }
}
