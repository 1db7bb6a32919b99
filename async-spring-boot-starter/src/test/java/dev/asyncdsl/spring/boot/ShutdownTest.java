package dev.asyncdsl.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.asyncdsl.spring.boot.app.Mirror;
import dev.asyncdsl.spring.boot.app.MirrorAsync;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ShutdownTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(AsyncdslAutoConfiguration.class))
          .withUserConfiguration(OneMirror.class);

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void listen() {
    log.start();
    ((Logger) LoggerFactory.getLogger(CallGate.class)).addAppender(log);
  }

  @AfterEach
  void stopListening() {
    ((Logger) LoggerFactory.getLogger(CallGate.class)).detachAppender(log);
  }

  @Test
  void aCallStillRunningAfterTheGracePeriodIsInterruptedAndANewCallIsRefused() {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicReference<MirrorAsync> twin = new AtomicReference<>();
    AtomicReference<CompletableFuture<String>> inFlight = new AtomicReference<>();
    AtomicInteger completions = new AtomicInteger();
    runner
        .withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=100ms")
        .run(
            context -> {
              twin.set(context.getBean(MirrorAsync.class));
              inFlight.set(twin.get().hold(started, never));
              inFlight.get().whenComplete((value, failure) -> completions.incrementAndGet());
              assertThat(started.await(1, TimeUnit.MINUTES)).isTrue();
            });
    // The context is closed: the call was interrupted, its future failed once.
    assertThatThrownBy(() -> inFlight.get().get(1, TimeUnit.MINUTES))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(InterruptedException.class);
    assertThat(completions.get()).isEqualTo(1);
    assertThat(messages())
        .containsExactly(
            "asyncdsl: 1 call(s) under way at shutdown: 0 finished within the grace period of"
                + " PT0.1S, 1 cancelled (interrupted)");

    AtomicInteger refusedCompletions = new AtomicInteger();
    CompletableFuture<String> refused = twin.get().echo("late");
    refused.whenComplete((value, failure) -> refusedCompletions.incrementAndGet());
    assertThatThrownBy(refused::get)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("the application context is closing");
    assertThat(refusedCompletions.get()).isEqualTo(1);
  }

  @Test
  void everyCallUnderWayAtShutdownIsCountedAndEndsOnce() {
    int calls = 3;
    CountDownLatch started = new CountDownLatch(calls);
    CountDownLatch never = new CountDownLatch(1);
    List<CompletableFuture<String>> inFlight = new ArrayList<>();
    AtomicInteger completions = new AtomicInteger();
    runner
        .withPropertyValues("asyncdsl.shutdown.grace-period=50ms")
        .run(
            context -> {
              MirrorAsync twin = context.getBean(MirrorAsync.class);
              for (int i = 0; i < calls; i++) {
                CompletableFuture<String> call = twin.hold(started, never);
                call.whenComplete((value, failure) -> completions.incrementAndGet());
                inFlight.add(call);
              }
              assertThat(started.await(1, TimeUnit.MINUTES)).isTrue();
            });
    for (CompletableFuture<String> call : inFlight) {
      assertThatThrownBy(() -> call.get(1, TimeUnit.MINUTES))
          .cause()
          .isInstanceOf(InterruptedException.class);
    }
    assertThat(completions.get()).isEqualTo(calls);
    assertThat(messages())
        .containsExactly(
            "asyncdsl: 3 call(s) under way at shutdown: 0 finished within the grace period of"
                + " PT0.05S, 3 cancelled (interrupted)");
  }

  @Test
  void aCallThatEndsWithinTheGracePeriodFinishes() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<CompletableFuture<String>> inFlight = new AtomicReference<>();
    runner
        .withPropertyValues("asyncdsl.shutdown.grace-period=10m")
        .run(
            context -> {
              inFlight.set(context.getBean(MirrorAsync.class).hold(started, release));
              assertThat(started.await(1, TimeUnit.MINUTES)).isTrue();
              // Released once the context is closing: by a thread that waits for the refusal.
              Thread releaser =
                  new Thread(
                      () -> {
                        CallGate gate = context.getBean(CallGate.class);
                        while (gate.isRunning()) {
                          Thread.onSpinWait();
                        }
                        release.countDown();
                      });
              releaser.start();
            });
    assertThat(inFlight.get().get(1, TimeUnit.MINUTES)).isEqualTo("released");
    assertThat(messages())
        .containsExactly(
            "asyncdsl: 1 call(s) under way at shutdown: 1 finished within the grace period of"
                + " PT10M, 0 cancelled (interrupted)");
  }

  @Test
  void nothingIsLoggedWhenNoCallIsUnderWay() {
    runner.run(
        context -> {
          context.getBean(MirrorAsync.class).echo("x").get();
          // The future completes inside the work; the work ends a moment later, on its thread.
          CallGate gate = context.getBean(CallGate.class);
          while (gate.underWay() > 0) {
            Thread.onSpinWait();
          }
        });
    assertThat(messages()).isEmpty();
  }

  private List<String> messages() {
    return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Configuration(proxyBeanMethods = false)
  static class OneMirror {
    @Bean
    Mirror mirror() {
      return new Mirror();
    }
  }
}
