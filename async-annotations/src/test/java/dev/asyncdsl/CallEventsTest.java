package dev.asyncdsl;

import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.spi.CallListener;
import dev.asyncdsl.spi.CallObserver;
import dev.asyncdsl.spi.CallOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link CallListener} hears every call that names its method: when it starts, each attempt, the
 * bulkhead, the circuit, the retries, the fallback and how it ended, in order, once, and before the
 * caller can see the future complete; a listener that throws never breaks a call.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallEventsTest extends ConcurrencyTestSupport {
  private static final String CLASS = "events.Weather";

  private final Recorder recorder = new Recorder();
  private ExecutorService pool;

  @BeforeEach
  void listen() {
    pool = Executors.newCachedThreadPool(named("events"));
    CallListener.register(recorder);
  }

  @AfterEach
  void stopListening() {
    CallListener.unregister(recorder);
    drain(pool, 0);
  }

  private static AsyncMethod method(String name) {
    return AsyncMethod.of(CLASS, name, "Weather." + name + "()");
  }

  @Test
  void aNamedCallIsHeardFromStartToEndOnceAndBeforeItsFutureCompletes() throws Exception {
    AsyncMethod celsius = method("celsius");
    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<Integer> call =
        AsyncRuntime.call(
            pool,
            celsius,
            () -> {
              await(go);
              return 21;
            });
    CompletableFuture<List<String>> seenByDependent =
        call.thenApply(value -> recorder.only().events());
    go.countDown();

    assertEquals(21, value(call));
    assertEquals(List.of("callEnded SUCCEEDED"), value(seenByDependent));
    // Nothing to wait for: the listener heard the end before the future completed.
    Heard heard = recorder.only();
    assertSame(celsius, heard.method);
    assertNull(heard.policies);
    assertFalse(heard.fallback);
    assertEquals(List.of("callEnded SUCCEEDED"), heard.events());
    assertTrue(heard.callNanos >= 0);
    assertEquals("events.Weather.celsius", celsius.qualifiedName());
  }

  @Test
  void aTimedMethodsListenersAreToldItsTimeoutAsItsPolicies() throws Exception {
    AsyncRuntime.TimedMethod timed = AsyncRuntime.timed(method("timedAlone"), 1, HOURS);
    value(AsyncRuntime.call(pool, timed, () -> 1));
    value(AsyncRuntime.call(pool, timed, () -> 2));

    FaultTolerance policies = recorder.calls.get(0).policies;
    assertTrue(policies.hasTimeout());
    assertFalse(policies.hasRetry() || policies.hasCircuitBreaker() || policies.hasBulkhead());
    assertEquals("Weather.timedAlone()", policies.method());
    assertSame(policies, recorder.calls.get(1).policies);
    assertSame(policies, timed.policies());
  }

  @Test
  void aCallWithoutANameIsNotHeard() throws Exception {
    assertEquals(1, value(AsyncRuntime.call(pool, () -> 1)));
    assertEquals(0, recorder.calls.size());
  }

  @Test
  void theMethodsFailureATimeoutAndACancelAreToldApart() throws Exception {
    IOException down = new IOException("down");
    CompletableFuture<Object> failed =
        AsyncRuntime.call(
            pool,
            method("failing"),
            () -> {
              throw down;
            });
    assertSame(down, failure(failed));

    CompletableFuture<Void> late =
        AsyncRuntime.run(
            pool,
            AsyncRuntime.timed(method("late"), 20, MILLISECONDS),
            () -> Thread.sleep(FOREVER_MS));
    assertInstanceOf(DeadlineExceededException.class, failure(late));

    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<Void> cancelled =
        AsyncRuntime.run(
            pool,
            method("cancelled"),
            () -> {
              running.countDown();
              Thread.sleep(FOREVER_MS);
            });
    await(running);
    cancelled.cancel(true);

    List<Heard> calls = recorder.calls;
    assertEquals(3, calls.size());
    assertEquals(List.of("callEnded FAILED"), calls.get(0).events());
    assertSame(down, calls.get(0).failure);
    assertEquals(List.of("callEnded TIMED_OUT"), calls.get(1).events());
    assertEquals("Weather.late()", calls.get(1).method.name());
    assertEquals(List.of("callEnded CANCELLED"), calls.get(2).events());
  }

  @Test
  void retriesAreHeardAttemptByAttemptWithTheirDelays() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    FaultTolerance policies =
        FaultTolerance.of(method("retried")).retry(3).retryDelay(1, MILLISECONDS).build();
    CompletableFuture<Integer> call =
        policies.call(
            pool,
            () -> {
              if (runs.incrementAndGet() < 3) {
                throw new IOException("not yet");
              }
              return runs.get();
            });

    assertEquals(3, value(call));
    Heard heard = recorder.only();
    assertSame(policies, heard.policies);
    assertEquals(
        List.of(
            "attemptStarted 1",
            "attemptEnded 1 FAILED",
            "retryScheduled 1 1000000",
            "attemptStarted 2",
            "attemptEnded 2 FAILED",
            "retryScheduled 2 1000000",
            "attemptStarted 3",
            "attemptEnded 3 SUCCEEDED",
            "retriesEnded 2 VALUE_RETURNED",
            "callEnded SUCCEEDED"),
        heard.events());
  }

  @Test
  void whyRetryingStoppedIsToldAndTheFallbackAnswers() throws Exception {
    FaultTolerance spent = FaultTolerance.of(method("spent")).retry(1).build();
    CompletableFuture<String> answered =
        spent.call(
            pool,
            () -> {
              throw new IOException("down");
            },
            failure -> "fallback");
    assertEquals("fallback", value(answered));

    FaultTolerance notRetried =
        FaultTolerance.of(method("notRetried"))
            .retry(5)
            .retryOn(failure -> !(failure instanceof IllegalStateException))
            .build();
    failure(
        notRetried.call(
            pool,
            () -> {
              throw new IllegalStateException("bug");
            }));

    Heard first = recorder.calls.get(0);
    assertTrue(first.fallback);
    assertEquals(
        List.of(
            "attemptStarted 1",
            "attemptEnded 1 FAILED",
            "retryScheduled 1 0",
            "attemptStarted 2",
            "attemptEnded 2 FAILED",
            "retriesEnded 1 MAX_RETRIES_REACHED",
            "fallbackApplied IOException",
            "callEnded SUCCEEDED"),
        first.events());
    assertEquals(
        List.of(
            "attemptStarted 1",
            "attemptEnded 1 FAILED",
            "retriesEnded 0 NOT_RETRYABLE",
            "callEnded FAILED"),
        recorder.calls.get(1).events());
  }

  @Test
  void anAttemptsTimeoutIsItsOwnAndTheNextAttemptFollows() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    FaultTolerance policies =
        FaultTolerance.of(method("slowOnce"))
            .timeout(STARTS_IN_TIME_MS, MILLISECONDS)
            .retry(1)
            .build();
    CompletableFuture<String> call =
        policies.call(
            pool,
            () -> {
              if (runs.incrementAndGet() == 1) {
                Thread.sleep(FOREVER_MS);
              }
              return "second";
            });

    assertEquals("second", value(call));
    assertEquals(
        List.of(
            "attemptStarted 1",
            "attemptEnded 1 TIMED_OUT",
            "retryScheduled 1 0",
            "attemptStarted 2",
            "attemptEnded 2 SUCCEEDED",
            "retriesEnded 1 VALUE_RETURNED",
            "callEnded SUCCEEDED"),
        recorder.only().events());
  }

  @Test
  void theCircuitCountsRejectsAndItsTransitionsAreHeard() throws Exception {
    FaultTolerance policies =
        FaultTolerance.of(method("fragile")).circuitBreaker(2, 0.5, 1, HOURS, 1).build();
    for (int i = 0; i < 2; i++) {
      failure(
          policies.call(
              pool,
              () -> {
                throw new IOException("down");
              }));
    }
    Throwable rejected = failure(policies.call(pool, () -> "never"));
    assertInstanceOf(CircuitBreakerOpenException.class, rejected);

    assertEquals(
        List.of(
            "attemptStarted 1",
            "circuitCounted 1 true",
            "attemptEnded 1 FAILED",
            "callEnded FAILED"),
        recorder.calls.get(0).events());
    assertEquals(List.of("circuitRejected 1", "callEnded FAILED"), recorder.calls.get(2).events());
    assertSame(rejected, recorder.calls.get(2).failure);
    assertEquals(List.of("fragile CLOSED->OPEN"), recorder.transitions);
  }

  @Test
  void theBulkheadsQueueSlotsAndRejectionsAreHeard() throws Exception {
    FaultTolerance policies = FaultTolerance.of(method("narrow")).bulkhead(1, 1).build();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch holding = new CountDownLatch(1);
    CompletableFuture<String> holder =
        policies.call(
            pool,
            () -> {
              holding.countDown();
              await(release);
              return "held";
            });
    await(holding);
    CompletableFuture<String> waiter = policies.call(pool, () -> "waited");
    Throwable full = failure(policies.call(pool, () -> "never"));
    assertInstanceOf(BulkheadFullException.class, full);
    release.countDown();
    assertEquals("held", value(holder));
    assertEquals("waited", value(waiter));
    recorder.calls.get(1).released.await();

    assertEquals(
        List.of(
            "attemptStarted 1", "bulkheadRejected 1", "attemptEnded 1 FAILED", "callEnded FAILED"),
        recorder.calls.get(2).events());
    List<String> waited = recorder.calls.get(1).events();
    assertEquals(
        List.of(
            "attemptStarted 1",
            "bulkheadQueued 1",
            "bulkheadAccepted 1 waited",
            "attemptEnded 1 SUCCEEDED",
            "callEnded SUCCEEDED",
            "bulkheadReleased 1"),
        reorderRelease(waited));
  }

  /** The slot goes back just before the attempt completes, or after it: either is right. */
  private static List<String> reorderRelease(List<String> events) {
    List<String> ordered = new ArrayList<>(events);
    assertTrue(ordered.remove("bulkheadReleased 1"), events.toString());
    ordered.add("bulkheadReleased 1");
    return ordered;
  }

  @Test
  void aListenerThatThrowsBreaksNoCallAndTheOthersStillHear() throws Exception {
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler before = Thread.currentThread().getUncaughtExceptionHandler();
    Thread.currentThread().setUncaughtExceptionHandler((thread, failure) -> reported.add(failure));
    IllegalStateException broken = new IllegalStateException("broken listener");
    CallListener throwing =
        (method, policies, fallback) -> {
          throw broken;
        };
    CallListener.unregister(recorder);
    CallListener.register(throwing);
    CallListener.register(recorder);
    try {
      assertEquals(7, value(AsyncRuntime.call(Runnable::run, method("sturdy"), () -> 7)));
      assertEquals(List.of(broken), reported);
      assertEquals(List.of("callEnded SUCCEEDED"), recorder.only().events());
    } finally {
      CallListener.unregister(throwing);
      Thread.currentThread().setUncaughtExceptionHandler(before);
    }
  }

  @Test
  void anObserverThatThrowsBreaksNoCall() throws Exception {
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler before = Thread.currentThread().getUncaughtExceptionHandler();
    Thread.currentThread().setUncaughtExceptionHandler((thread, failure) -> reported.add(failure));
    IllegalStateException broken = new IllegalStateException("broken observer");
    CallObserver throwing =
        new CallObserver() {
          @Override
          public void attemptStarted(int attempt) {
            throw broken;
          }

          @Override
          public void callEnded(CallOutcome outcome, Throwable failure, long durationNanos) {
            throw broken;
          }
        };
    CallListener listener = (method, policies, fallback) -> throwing;
    CallListener.register(listener);
    try {
      FaultTolerance policies = FaultTolerance.of(method("sturdier")).retry(1).build();
      assertEquals(8, value(policies.call(Runnable::run, () -> 8)));
      assertEquals(List.of(broken, broken), reported);
      assertEquals(
          List.of(
              "attemptStarted 1",
              "attemptEnded 1 SUCCEEDED",
              "retriesEnded 0 VALUE_RETURNED",
              "callEnded SUCCEEDED"),
          recorder.only().events());
    } finally {
      CallListener.unregister(listener);
      Thread.currentThread().setUncaughtExceptionHandler(before);
    }
  }

  @Test
  void registeringTwiceListsOnceAndUnregisteringStopsHearing() throws Exception {
    CallListener.register(recorder);
    assertEquals(1, CallListener.registered().stream().filter(l -> l == recorder).count());
    assertTrue(CallListener.unregister(recorder));
    assertFalse(CallListener.unregister(recorder));
    value(AsyncRuntime.call(pool, method("unheard"), () -> 0));
    assertEquals(0, recorder.calls.size());
  }

  /** Records the calls of {@link #CLASS}, each with its events in words. */
  private static final class Recorder implements CallListener {
    final List<Heard> calls = new CopyOnWriteArrayList<>();
    final List<String> transitions = new CopyOnWriteArrayList<>();

    @Override
    public CallObserver callStarted(AsyncMethod method, FaultTolerance policies, boolean fallback) {
      if (!method.className().equals(CLASS)) {
        return CallObserver.IGNORE; // another test's call
      }
      Heard heard = new Heard(method, policies, fallback);
      calls.add(heard);
      return heard;
    }

    @Override
    public void circuitChanged(
        FaultTolerance policies, FaultTolerance.CircuitState from, FaultTolerance.CircuitState to) {
      if (policies.asyncMethod().className().equals(CLASS)) {
        transitions.add(policies.asyncMethod().methodName() + " " + from + "->" + to);
      }
    }

    Heard only() {
      assertEquals(1, calls.size(), calls.toString());
      return calls.get(0);
    }
  }

  /** One call's events. */
  private static final class Heard implements CallObserver {
    final AsyncMethod method;
    final FaultTolerance policies;
    final boolean fallback;
    final CountDownLatch released = new CountDownLatch(1);
    private final List<String> events = new CopyOnWriteArrayList<>();
    volatile Throwable failure;
    volatile long callNanos = -1;

    Heard(AsyncMethod method, FaultTolerance policies, boolean fallback) {
      this.method = method;
      this.policies = policies;
      this.fallback = fallback;
    }

    List<String> events() {
      return List.copyOf(events);
    }

    @Override
    public void attemptStarted(int attempt) {
      events.add("attemptStarted " + attempt);
    }

    @Override
    public void circuitRejected(int attempt) {
      events.add("circuitRejected " + attempt);
    }

    @Override
    public void bulkheadQueued(int attempt) {
      events.add("bulkheadQueued " + attempt);
    }

    @Override
    public void bulkheadAccepted(int attempt, long waitedNanos) {
      events.add("bulkheadAccepted " + attempt + (waitedNanos > 0 ? " waited" : ""));
    }

    @Override
    public void bulkheadRejected(int attempt, long waitedNanos) {
      events.add("bulkheadRejected " + attempt);
    }

    @Override
    public void bulkheadReleased(int attempt, long heldNanos) {
      assertTrue(heldNanos >= 0);
      events.add("bulkheadReleased " + attempt);
      released.countDown();
    }

    @Override
    public void circuitCounted(int attempt, boolean failure) {
      events.add("circuitCounted " + attempt + " " + failure);
    }

    @Override
    public void attemptEnded(
        int attempt, CallOutcome outcome, Throwable failure, long durationNanos) {
      assertTrue(durationNanos >= 0);
      events.add("attemptEnded " + attempt + " " + outcome);
    }

    @Override
    public void retryScheduled(int attempt, long delayNanos, Throwable failure) {
      events.add("retryScheduled " + attempt + " " + delayNanos);
    }

    @Override
    public void retriesEnded(int retries, RetryEnd why) {
      events.add("retriesEnded " + retries + " " + why);
    }

    @Override
    public void fallbackApplied(Throwable failure) {
      events.add("fallbackApplied " + failure.getClass().getSimpleName());
    }

    @Override
    public void callEnded(CallOutcome outcome, Throwable failure, long durationNanos) {
      this.failure = failure;
      this.callNanos = durationNanos;
      events.add("callEnded " + outcome);
    }

    @Override
    public String toString() {
      return method + " " + events;
    }
  }
}
