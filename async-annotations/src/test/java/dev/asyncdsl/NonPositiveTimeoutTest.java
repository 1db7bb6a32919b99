package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A timeout of zero or less has passed already, for the runtime and for waitFor alike. */
@org.junit.jupiter.api.Timeout(value = 10, unit = TimeUnit.SECONDS)
class NonPositiveTimeoutTest {

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void callWithAnExpiredTimeoutNeverRuns(long timeout) {
    AtomicBoolean ran = new AtomicBoolean();
    CompletableFuture<Boolean> call =
        AsyncRuntime.call(Runnable::run, timeout, TimeUnit.SECONDS, () -> ran.getAndSet(true));
    ExecutionException failure = assertThrows(ExecutionException.class, call::get);
    assertInstanceOf(TimeoutException.class, failure.getCause());
    assertFalse(ran.get(), "a call whose deadline had passed still ran");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  void waitForWithAnExpiredTimeoutFailsAtOnce(long timeout) {
    CompletableFuture<String> never = new CompletableFuture<>();
    CompletableFuture<String> bounded = Tasks.waitFor(never, timeout, TimeUnit.SECONDS);
    ExecutionException failure = assertThrows(ExecutionException.class, bounded::get);
    assertInstanceOf(TimeoutException.class, failure.getCause());
  }
}
