package dev.asyncdsl.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.asyncdsl.PolicyConfigException;
import dev.asyncdsl.spring.boot.app.Mirror;
import dev.asyncdsl.spring.boot.app.MirrorAsync;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ConfigurationTest {
  private static final String MIRROR = Mirror.class.getName();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(AsyncdslAutoConfiguration.class))
          .withUserConfiguration(OneMirror.class);

  /** Each file sets flaky's maxRetries to 2 in one YAML spelling. */
  @ParameterizedTest
  @ValueSource(strings = {"retries-flat", "retries-nested", "retries-smallrye"})
  void applicationYmlChangesARetryObservedThroughARealCall(String file) {
    runner
        .withInitializer(new ConfigDataApplicationContextInitializer())
        .withPropertyValues("spring.config.location=classpath:/config/" + file + ".yml")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Mirror mirror = context.getBean(Mirror.class);
              assertThatThrownBy(() -> context.getBean(MirrorAsync.class).flaky().get())
                  .isInstanceOf(ExecutionException.class);
              assertThat(mirror.attempts.get()).isEqualTo(3);
            });
  }

  /** Spring keeps a bracketed YAML key's brackets in its name: asyncdsl never sees the key. */
  @Test
  void aBracketedYamlKeyIsNotAKey() {
    runner
        .withInitializer(new ConfigDataApplicationContextInitializer())
        .withPropertyValues("spring.config.location=classpath:/config/retries-bracketed.yml")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(
                      context
                          .getEnvironment()
                          .getProperty("[" + MIRROR + "/flaky/Retry/maxRetries]"))
                  .isEqualTo("2");
              Mirror mirror = context.getBean(Mirror.class);
              assertThatThrownBy(() -> context.getBean(MirrorAsync.class).flaky().get())
                  .isInstanceOf(ExecutionException.class);
              assertThat(mirror.attempts.get()).isEqualTo(1);
            });
  }

  @Test
  void aProfilesTimeoutEndsACallThatTheAnnotationWouldLetRun() {
    runner
        .withInitializer(new ConfigDataApplicationContextInitializer())
        .withPropertyValues(
            "spring.config.location=classpath:/config/", "spring.profiles.active=short")
        .run(
            context -> {
              CountDownLatch started = new CountDownLatch(1);
              CountDownLatch never = new CountDownLatch(1);
              assertThatThrownBy(
                      () ->
                          context
                              .getBean(MirrorAsync.class)
                              .hold(started, never)
                              .get(1, TimeUnit.MINUTES))
                  .isInstanceOf(ExecutionException.class)
                  .cause()
                  .isInstanceOf(dev.asyncdsl.DeadlineExceededException.class);
              assertThat(started.getCount()).isZero();
            });
  }

  @Test
  void aBadKeyFailsTheStartWithTheListOfBadKeys() {
    runner
        .withPropertyValues(
            MIRROR + "/flaky/Retry/maxRetries=-5",
            MIRROR + "/nosuch/Retry/maxRetries=1",
            MIRROR + "/echo/Retry/maxRetries=1")
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable failure = context.getStartupFailure();
              assertThat(failure).isInstanceOf(PolicyConfigException.class);
              assertThat(((PolicyConfigException) failure).problems())
                  .extracting(PolicyConfigException.Problem::tag)
                  .containsExactlyInAnyOrder(
                      "RETRY_MAX_RETRIES_BELOW_MINUS_ONE",
                      "CONFIG_UNKNOWN_METHOD",
                      "CONFIG_POLICY_NOT_CARRIED");
              FailureAnalysis analysis = new PolicyConfigFailureAnalyzer().analyze(failure);
              assertThat(analysis.getDescription())
                  .contains("has 3 bad key(s)")
                  .contains(MIRROR + "/nosuch/Retry/maxRetries")
                  .contains("[RETRY_MAX_RETRIES_BELOW_MINUS_ONE] " + MIRROR + "/flaky");
              assertThat(analysis.getAction()).contains("Correct or remove these keys");
            });
    // The next context, without the bad keys, starts: nothing of the failed one is left.
    runner.run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void springApplicationReportsTheBadKeysAsTheFailureAnalyzerWritesThem() {
    // Boot's logging system left alone, so that the reporter's lines reach this appender only.
    ListAppender<ILoggingEvent> report = new ListAppender<>();
    report.start();
    Logger reporter = (Logger) LoggerFactory.getLogger(LoggingFailureAnalysisReporter.class);
    reporter.setLevel(Level.ERROR);
    reporter.setAdditive(false);
    reporter.addAppender(report);
    System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    try {
      assertThatThrownBy(() -> start(MIRROR + "/celsuis/Retry/maxRetries=5"))
          .isInstanceOf(PolicyConfigException.class);
    } finally {
      System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
      reporter.detachAppender(report);
      reporter.setAdditive(true);
      reporter.setLevel(null);
    }
    assertThat(report.list).hasSize(1);
    assertThat(report.list.get(0).getFormattedMessage())
        .contains("APPLICATION FAILED TO START")
        .contains("The fault-tolerance configuration has 1 bad key(s):")
        .contains("[CONFIG_UNKNOWN_METHOD] " + MIRROR + "/celsuis/Retry/maxRetries = 5")
        .contains("did you mean")
        .contains("Action:")
        .contains("Correct or remove these keys");
  }

  @Test
  void anInnerContextsValuesGiveWayToTheOutersWhenItCloses() {
    runner
        .withPropertyValues(MIRROR + "/flaky/Retry/maxRetries=1")
        .run(
            outer -> {
              assertThat(attempts(outer)).isEqualTo(2);
              runner
                  .withPropertyValues(MIRROR + "/flaky/Retry/maxRetries=3")
                  .run(inner -> assertThat(attempts(inner)).isEqualTo(4));
              assertThat(attempts(outer)).isEqualTo(2);
            });
    runner.run(context -> assertThat(attempts(context)).isEqualTo(1));
  }

  @Test
  void contextsClosedInAnotherOrderThanTheyStartedLeaveTheOpenOneTheSource() {
    ConfigurableApplicationContext first = start(MIRROR + "/flaky/Retry/maxRetries=1");
    try (ConfigurableApplicationContext second = start(MIRROR + "/flaky/Retry/maxRetries=3")) {
      assertThat(attempts(second)).isEqualTo(4);
      first.close();
      assertThat(attempts(second)).isEqualTo(4);
    } finally {
      first.close();
    }
    // Both closed: the annotation's value.
    assertThat(attemptsOutsideSpring()).isEqualTo(1);
  }

  @Test
  void aContextThatFailsToStartLeavesNothingOfItsConfiguration() {
    runner
        .withPropertyValues(
            MIRROR + "/flaky/Retry/maxRetries=4", MIRROR + "/nosuch/Retry/maxRetries=1")
        .run(context -> assertThat(context).hasFailed());
    assertThat(attemptsOutsideSpring()).isEqualTo(1);
  }

  /** A context started by SpringApplication, as an application's is, with {@code property}. */
  private static ConfigurableApplicationContext start(String property) {
    return new SpringApplicationBuilder(OneMirror.class, AsyncdslAutoConfiguration.class)
        .web(WebApplicationType.NONE)
        .properties("spring.main.banner-mode=off", "spring.main.log-startup-info=false", property)
        .run();
  }

  /** How many times one call of flaky ran, on a twin made by hand, outside any context. */
  private static int attemptsOutsideSpring() {
    Mirror mirror = new Mirror();
    assertThatThrownBy(() -> new MirrorAsync(mirror).flaky().get())
        .isInstanceOf(ExecutionException.class);
    return mirror.attempts.get();
  }

  /** How many times one call of flaky ran. */
  private static int attempts(ConfigurableApplicationContext context) {
    Mirror mirror = context.getBean(Mirror.class);
    int before = mirror.attempts.get();
    assertThatThrownBy(() -> context.getBean(MirrorAsync.class).flaky().get())
        .isInstanceOf(ExecutionException.class);
    return mirror.attempts.get() - before;
  }

  @Configuration(proxyBeanMethods = false)
  static class OneMirror {
    @Bean
    Mirror mirror() {
      return new Mirror();
    }
  }
}
