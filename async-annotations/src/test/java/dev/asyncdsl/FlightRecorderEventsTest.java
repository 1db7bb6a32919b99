package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.asyncdsl.internal.jfr.JfrCallListener;
import dev.asyncdsl.spi.CallListener;
import dev.asyncdsl.spi.CallObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flight Recorder events: an in-process recording of real calls, dumped and read back; the
 * listener is in the runtime's list only while a recording enables them. A call's events are
 * committed before its future completes (its end is told first), so a test reads them once it has
 * joined its calls.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class FlightRecorderEventsTest extends ConcurrencyTestSupport {
  private static final String CALL = "dev.asyncdsl.Call";
  private static final String ATTEMPT = "dev.asyncdsl.Attempt";
  private static final String TIMEOUT = "dev.asyncdsl.Timeout";
  private static final String RETRY = "dev.asyncdsl.RetryScheduled";
  private static final String CIRCUIT_CHANGE = "dev.asyncdsl.CircuitStateChange";
  private static final String BULKHEAD_REJECTION = "dev.asyncdsl.BulkheadRejection";
  private static final String CIRCUIT_REJECTION = "dev.asyncdsl.CircuitRejection";
  private static final List<String> ALL =
      List.of(CALL, ATTEMPT, TIMEOUT, RETRY, CIRCUIT_CHANGE, BULKHEAD_REJECTION, CIRCUIT_REJECTION);

  /**
   * The class the methods of this test are declared in, as events name it: one per test, and the
   * methods' names too. JDK 17's Flight Recorder loses a string of 17 to 127 characters from the
   * third and later recordings of a JVM when events that repeat it are committed by threads new to
   * it, as a pool's are; JDK 25's does not.
   */
  private String className;

  @TempDir Path dir;

  private final List<Recording> recordings = new ArrayList<>();

  @BeforeEach
  void noOtherRecording(TestInfo test) {
    className = "test.jfr." + test.getTestMethod().orElseThrow().getName();
    // A JVM started with its own recording (-XX:StartFlightRecording) keeps the listener in.
    assumeTrue(
        !FlightRecorder.isInitialized()
            || FlightRecorder.getFlightRecorder().getRecordings().stream()
                .noneMatch(r -> r.getState() == RecordingState.RUNNING),
        "a recording runs already");
  }

  @AfterEach
  void closeRecordings() {
    recordings.forEach(Recording::close);
  }

  @Test
  void withoutARecordingTheListenerIsNotInTheList() {
    ExecutorService pool = newPool(1);
    assertEquals(21, AsyncRuntime.call(pool, method("idle"), () -> 21).join());
    assertFalse(jfrListening(), "listeners: " + CallListener.registered());
  }

  @Test
  void aRecordingAddsTheListenerAndStoppingItRemovesIt() {
    Recording recording = start(ALL);
    awaitListening();
    recording.stop();
    assertFalse(jfrListening(), "still listening after the stop: " + CallListener.registered());
    Recording again = start(ALL);
    assertTrue(jfrListening(), "not listening for a second recording");
    again.close();
    assertFalse(jfrListening(), "still listening after the close: " + CallListener.registered());
  }

  @Test
  void aRecordingWithTheEventsDisabledAddsNoListener() {
    Recording enabling = start(ALL);
    awaitListening(); // the watch is in: what follows is told to it at once
    enabling.stop();
    Recording disabling = new Recording();
    recordings.add(disabling);
    ALL.forEach(disabling::disable);
    disabling.start();
    assertFalse(jfrListening(), "listening with every event disabled");
    disabling.stop();
  }

  @Test
  void anEventTypeDisabledCostsACallNothing() {
    Recording recording = start(List.of(CIRCUIT_CHANGE)); // a circuit's event alone
    awaitListening();
    CallListener jfr =
        CallListener.registered().stream()
            .filter(JfrCallListener.class::isInstance)
            .findFirst()
            .orElseThrow();
    assertSame(
        CallObserver.IGNORE,
        jfr.callStarted(method("ignored"), null, false),
        "a call whose every event is disabled is followed");
    recording.stop();
  }

  @Test
  void aCallWithATimeoutAndRetriesIsRecorded() throws Exception {
    ExecutorService pool = newPool(2);
    Recording recording = start(ALL);
    awaitListening();
    AtomicInteger runs = new AtomicInteger();
    FaultTolerance ft =
        FaultTolerance.of(method("fetch"))
            .timeout(STARTS_IN_TIME_MS, TimeUnit.MILLISECONDS)
            .retry(3)
            .retryDelay(10, TimeUnit.MILLISECONDS)
            .retryJitter(0, TimeUnit.MILLISECONDS)
            .build();
    String result =
        ft.<String>call(
                pool,
                () -> {
                  int run = runs.incrementAndGet();
                  if (run == 1) {
                    Thread.sleep(FOREVER_MS); // times out, interrupted
                  } else if (run == 2) {
                    throw new IllegalStateException("flaky downstream");
                  }
                  return "ok after " + run;
                })
            .get(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
    assertEquals("ok after 3", result);
    List<RecordedEvent> events = stopAndRead(recording);

    RecordedEvent call = only(events, CALL);
    assertMethod(call, "fetch");
    assertEquals("SUCCEEDED", call.getString("outcome"));
    assertNull(call.getClass("failureClass"));
    assertEquals(3, call.getInt("attempts"));
    assertEquals("VALUE_RETURNED", call.getString("retryResult"));
    assertFalse(call.getBoolean("fallbackApplied"));
    assertEquals(Thread.currentThread().getName(), call.getThread("callerThread").getJavaName());
    assertTrue(
        call.getDuration().compareTo(Duration.ofMillis(STARTS_IN_TIME_MS / 2)) > 0,
        "call " + call.getDuration());

    List<RecordedEvent> attempts = all(events, ATTEMPT);
    attempts.sort(Comparator.comparingInt(e -> e.getInt("attempt")));
    assertEquals(List.of(1, 2, 3), ints(attempts, "attempt"));
    assertEquals(
        List.of("TIMED_OUT", "FAILED", "SUCCEEDED"),
        attempts.stream().map(e -> e.getString("outcome")).collect(Collectors.toList()));
    attempts.forEach(a -> assertMethod(a, "fetch"));
    assertEquals(
        DeadlineExceededException.class.getName(),
        attempts.get(0).getClass("failureClass").getName());
    assertEquals(
        IllegalStateException.class.getName(), attempts.get(1).getClass("failureClass").getName());
    assertEquals("flaky downstream", attempts.get(1).getString("failureMessage"));
    assertNull(attempts.get(2).getClass("failureClass"));
    assertTrue(
        attempts.get(0).getDuration().compareTo(Duration.ofMillis(STARTS_IN_TIME_MS / 2)) > 0,
        "attempt 1 " + attempts.get(0).getDuration());
    attempts.forEach(a -> assertFalse(a.getDuration().isNegative(), a.toString()));

    RecordedEvent timeout = only(events, TIMEOUT);
    assertMethod(timeout, "fetch");
    assertEquals(1, timeout.getInt("attempt"));
    assertTrue(
        timeout.getDuration("elapsed").compareTo(Duration.ofMillis(STARTS_IN_TIME_MS / 2)) > 0,
        "elapsed " + timeout.getDuration("elapsed"));

    List<RecordedEvent> retries = all(events, RETRY);
    retries.sort(Comparator.comparingInt(e -> e.getInt("attempt")));
    assertEquals(List.of(1, 2), ints(retries, "attempt"));
    for (RecordedEvent retry : retries) {
      assertMethod(retry, "fetch");
      assertEquals(Duration.ofMillis(10), retry.getDuration("delay"));
    }
    assertEquals(
        DeadlineExceededException.class.getName(),
        retries.get(0).getClass("failureClass").getName());
    assertEquals(
        IllegalStateException.class.getName(), retries.get(1).getClass("failureClass").getName());

    assertEquals(
        Set.of(CALL, ATTEMPT, TIMEOUT, RETRY),
        events.stream().map(e -> e.getEventType().getName()).collect(Collectors.toSet()));
  }

  @Test
  void plainNamedCallsAreRecorded() throws Exception {
    ExecutorService pool = newPool(1);
    Recording recording = start(ALL);
    awaitListening();
    assertEquals(21, AsyncRuntime.call(pool, method("celsius"), () -> 21).join());
    CompletableFuture<Integer> failed =
        AsyncRuntime.call(
            pool,
            method("kelvin"),
            () -> {
              throw new java.io.UncheckedIOException(new IOException("no route to host"));
            });
    assertThrows(CompletionException.class, failed::join);
    List<RecordedEvent> events = stopAndRead(recording);

    List<RecordedEvent> calls = all(events, CALL);
    assertEquals(2, calls.size(), events.toString());
    RecordedEvent succeeded = only(calls, e -> e.getString("methodName").equals("celsius"));
    assertMethod(succeeded, "celsius");
    assertEquals("SUCCEEDED", succeeded.getString("outcome"));
    assertEquals(0, succeeded.getInt("attempts"));
    assertNull(succeeded.getString("retryResult"));
    assertTrue(succeeded.getDuration().compareTo(Duration.ZERO) > 0, succeeded.toString());
    RecordedEvent failure = only(calls, e -> e.getString("methodName").equals("kelvin"));
    assertMethod(failure, "kelvin");
    assertEquals("FAILED", failure.getString("outcome"));
    assertEquals(
        java.io.UncheckedIOException.class.getName(), failure.getClass("failureClass").getName());
    assertTrue(
        failure.getString("failureMessage").contains("no route to host"),
        failure.getString("failureMessage"));
    assertEquals(0, all(events, ATTEMPT).size(), "a method without policies has no attempts");
  }

  @Test
  void aTimedPlainCallThatRunsOutOfTimeIsRecorded() throws Exception {
    ExecutorService pool = newPool(1);
    Recording recording = start(ALL);
    awaitListening();
    AsyncRuntime.TimedMethod timed = AsyncRuntime.timed(method("slow"), 50, TimeUnit.MILLISECONDS);
    CompletableFuture<String> slow =
        AsyncRuntime.call(
            pool,
            timed,
            () -> {
              Thread.sleep(FOREVER_MS); // interrupted when the timeout fires
              return "never";
            });
    CompletionException late = assertThrows(CompletionException.class, slow::join);
    assertTrue(late.getCause() instanceof DeadlineExceededException, late.toString());
    List<RecordedEvent> events = stopAndRead(recording);

    RecordedEvent call = only(events, CALL);
    assertMethod(call, "slow");
    assertEquals("TIMED_OUT", call.getString("outcome"));
    assertEquals(0, call.getInt("attempts"));
    RecordedEvent timeout = only(events, TIMEOUT);
    assertMethod(timeout, "slow");
    assertEquals(0, timeout.getInt("attempt"), "the call's own timeout, not an attempt's");
    assertTrue(
        timeout.getDuration("elapsed").compareTo(Duration.ofMillis(25)) > 0,
        "elapsed " + timeout.getDuration("elapsed"));
    assertEquals(Set.of(CALL, TIMEOUT), names(events));
  }

  @Test
  void anOpeningCircuitAndAFullBulkheadAreRecorded() throws Exception {
    ExecutorService pool = newPool(2);
    Recording recording = start(ALL);
    awaitListening();
    FaultTolerance circuit =
        FaultTolerance.of(method("circuit")).circuitBreaker(2, 1.0, 1, TimeUnit.HOURS, 1).build();
    for (int i = 0; i < 2; i++) {
      CompletableFuture<String> down =
          circuit.call(
              pool,
              () -> {
                throw new IllegalStateException("down");
              });
      assertThrows(CompletionException.class, down::join);
    }
    CompletableFuture<String> rejected = circuit.call(pool, () -> "never");
    CompletionException open = assertThrows(CompletionException.class, rejected::join);
    assertTrue(open.getCause() instanceof CircuitBreakerOpenException, open.toString());

    FaultTolerance bulkhead = FaultTolerance.of(method("bulkhead")).bulkhead(1, 0).build();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> holder = holdSlot(bulkhead, pool, release, "held");
    CompletableFuture<String> full = bulkhead.call(pool, () -> "never");
    CompletionException rejection = assertThrows(CompletionException.class, full::join);
    assertTrue(rejection.getCause() instanceof BulkheadFullException, rejection.toString());
    release.countDown();
    assertEquals("held", holder.get(LONG_DELAY_MS, TimeUnit.MILLISECONDS));
    List<RecordedEvent> events = stopAndRead(recording);

    RecordedEvent change = only(events, CIRCUIT_CHANGE);
    assertMethod(change, "circuit");
    assertEquals("CLOSED", change.getString("from"));
    assertEquals("OPEN", change.getString("to"));
    assertFalse(change.getBoolean("ownState"));
    RecordedEvent circuitRejection = only(events, CIRCUIT_REJECTION);
    assertMethod(circuitRejection, "circuit");
    assertEquals(1, circuitRejection.getInt("attempt"));
    RecordedEvent openCall =
        only(
            events,
            e ->
                e.getEventType().getName().equals(CALL)
                    && e.getString("methodName").equals("circuit")
                    && e.getClass("failureClass")
                        .getName()
                        .equals(CircuitBreakerOpenException.class.getName()));
    assertEquals("FAILED", openCall.getString("outcome"));
    assertEquals(1, openCall.getInt("attempts"));

    RecordedEvent bulkheadRejection = only(events, BULKHEAD_REJECTION);
    assertMethod(bulkheadRejection, "bulkhead");
    assertEquals(1, bulkheadRejection.getInt("attempt"));
    assertEquals(Duration.ZERO, bulkheadRejection.getDuration("waited"));
    assertEquals(5, all(events, CALL).size(), events.toString());
  }

  @Test
  void onlyTheEnabledEventsAreRecorded() throws Exception {
    ExecutorService pool = newPool(1);
    Recording recording = start(List.of(CALL)); // the attempts' and retries' events are off
    awaitListening();
    AtomicInteger runs = new AtomicInteger();
    FaultTolerance ft =
        FaultTolerance.of(method("retried"))
            .retry(2)
            .retryDelay(0, TimeUnit.MILLISECONDS)
            .retryJitter(0, TimeUnit.MILLISECONDS)
            .build();
    CompletableFuture<String> call =
        ft.call(
            pool,
            () -> {
              if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("once");
              }
              return "twice";
            });
    assertEquals("twice", call.get(LONG_DELAY_MS, TimeUnit.MILLISECONDS));
    List<RecordedEvent> events = stopAndRead(recording);
    assertEquals(Set.of(CALL), names(events));
    assertEquals(2, only(events, CALL).getInt("attempts"));
  }

  // ---------------------------------------------------------------------------------------------

  private AsyncMethod method(String name) {
    return AsyncMethod.of(className, name, "Forecasts." + name + "(String)");
  }

  private void assertMethod(RecordedEvent event, String name) {
    assertEquals("Forecasts." + name + "(String)", event.getString("method"), event.toString());
    assertEquals(className, event.getString("className"), event.toString());
    assertEquals(name, event.getString("methodName"), event.toString());
  }

  private Recording start(List<String> enabled) {
    Recording recording = new Recording();
    recordings.add(recording);
    recording.setName("asyncdsl test");
    for (String name : ALL) {
      if (enabled.contains(name)) {
        recording.enable(name).withoutStackTrace().withoutThreshold();
      } else {
        recording.disable(name);
      }
    }
    recording.start();
    return recording;
  }

  /** Stops the recording, dumps it and reads back this class's events. */
  private List<RecordedEvent> stopAndRead(Recording recording) throws IOException {
    recording.stop();
    Path file = Files.createTempFile(dir, "calls", ".jfr");
    recording.dump(file);
    recording.close();
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().startsWith("dev.asyncdsl."))
        .filter(e -> className.equals(e.getString("className")))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  private static boolean jfrListening() {
    return CallListener.registered().stream().anyMatch(JfrCallListener.class::isInstance);
  }

  /**
   * Waits for the listener: a recording's start is told to it at once, but the runtime adds its
   * watch of the recordings a moment after its first use when Flight Recorder was not running then.
   */
  private static void awaitListening() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LONG_DELAY_MS);
    while (!jfrListening()) {
      if (System.nanoTime() - deadline > 0) {
        fail("the listener was not added: " + CallListener.registered());
      }
      sleepBriefly();
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static Set<String> names(List<RecordedEvent> events) {
    return events.stream().map(e -> e.getEventType().getName()).collect(Collectors.toSet());
  }

  private static List<RecordedEvent> all(List<RecordedEvent> events, String name) {
    return events.stream()
        .filter(e -> e.getEventType().getName().equals(name))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  private static RecordedEvent only(List<RecordedEvent> events, String name) {
    return only(events, e -> e.getEventType().getName().equals(name));
  }

  private static RecordedEvent only(List<RecordedEvent> events, Predicate<RecordedEvent> which) {
    List<RecordedEvent> found = events.stream().filter(which).collect(Collectors.toList());
    assertEquals(1, found.size(), "events: " + events);
    return found.get(0);
  }

  private static List<Integer> ints(List<RecordedEvent> events, String field) {
    return events.stream().map(e -> e.getInt(field)).collect(Collectors.toList());
  }
}
