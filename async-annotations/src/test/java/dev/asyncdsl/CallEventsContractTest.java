package dev.asyncdsl;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.spi.CallListener;
import dev.asyncdsl.spi.CallObserver;
import dev.asyncdsl.spi.CallOutcome;
import dev.asyncdsl.spi.ContextPropagator;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link CallObserver} and {@link CallOutcome} promise, on the paths the happy tests do not
 * take: {@code callEnded} last and once for a call under retries that is cancelled, a losing cancel
 * that finds the future done, the observer let go once the call is over, the bulkhead's events one
 * at a time, a call whose context cannot be captured, a completion from outside by {@code
 * completeAsync}, and the outcome of a call whose attempts all timed out.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallEventsContractTest extends ConcurrencyTestSupport {
  private static final String CLASS = "contract.Events";

  private final Logs logs = new Logs();
  private ExecutorService pool;

  @BeforeEach
  void listen() {
    pool = Executors.newCachedThreadPool(named("contract"));
    CallListener.register(logs);
  }

  @AfterEach
  void stopListening() {
    CallListener.unregister(logs);
    pool.shutdownNow();
  }

  private static AsyncMethod method(String name) {
    return AsyncMethod.of(CLASS, name, "Events." + name + "()");
  }

  /**
   * A call under Retry that is cancelled while its attempt runs: the documented order puts {@code
   * attemptEnded} before {@code callEnded}, which is told last. The guarded call decides (and tells
   * {@code callEnded}) before it stops its attempt, whose claim then tells {@code attemptEnded}.
   */
  @Test
  void aCancelledCallUnderRetryIsToldItEndedAfterItsAttempt() throws Exception {
    FaultTolerance policies = FaultTolerance.of(method("retriedThenCancelled")).retry(1).build();
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<String> call =
        policies.call(
            pool,
            () -> {
              running.countDown();
              Thread.sleep(FOREVER_MS);
              return "never";
            });
    await(running);
    call.cancel(true);
    assertEndsCancelled(call);
    Log log = logs.only();
    await(log.ended);
    await(log.attemptEnded);

    assertEquals(
        List.of("attemptStarted 1", "attemptEnded 1 CANCELLED", "callEnded CANCELLED"),
        log.events());
  }

  /** The same when the call under Retry runs out of the deadline it inherited from its caller. */
  @Test
  void aCallUnderRetryOutOfItsInheritedDeadlineIsToldItEndedAfterItsAttempt() throws Exception {
    FaultTolerance policies = FaultTolerance.of(method("retriedThenExpired")).retry(1).build();
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<String> parent =
        AsyncRuntime.call(
            pool,
            STARTS_IN_TIME_MS,
            MILLISECONDS,
            () ->
                policies
                    .call(
                        pool,
                        () -> {
                          running.countDown();
                          Thread.sleep(FOREVER_MS);
                          return "never";
                        })
                    .join());
    await(running);
    assertInstanceOf(DeadlineExceededException.class, failure(parent));
    Log log = logs.only();
    await(log.ended);
    await(log.attemptEnded);

    assertEquals(
        List.of("attemptStarted 1", "attemptEnded 1 TIMED_OUT", "callEnded TIMED_OUT"),
        log.events());
  }

  /**
   * {@link java.util.concurrent.Future#cancel}: after it returns, {@code isDone()} is true. A
   * cancel that loses to a completion that has been decided but whose {@code callEnded} still runs
   * returns false at once, and the future is not done yet.
   */
  @Test
  void aCancelThatLosesToTheDecidedEndFindsTheFutureDone() throws Exception {
    CountDownLatch inCallEnded = new CountDownLatch(1);
    CountDownLatch letEnd = new CountDownLatch(1);
    logs.onCallEnded =
        () -> {
          inCallEnded.countDown();
          awaitQuietly(letEnd, LONG_DELAY_MS);
        };
    CompletableFuture<Integer> call = AsyncRuntime.call(pool, method("decided"), () -> 1);
    await(inCallEnded);

    AtomicBoolean doneAfterCancel = new AtomicBoolean();
    AtomicBoolean cancelled = new AtomicBoolean(true);
    Thread canceller =
        new Thread(
            () -> {
              cancelled.set(call.cancel(true));
              doneAfterCancel.set(call.isDone());
            },
            "contract-canceller");
    canceller.setDaemon(true);
    canceller.start();
    // A fixed runtime may make the cancel wait for the winner: give it time to get there.
    canceller.join(500);
    letEnd.countDown();
    canceller.join(LONG_DELAY_MS);
    assertFalse(canceller.isAlive());

    assertEquals(1, value(call));
    assertFalse(cancelled.get());
    assertTrue(doneAfterCancel.get(), "cancel(true) returned false on a future not done yet");
  }

  /**
   * A single attempt under a bulkhead that is cancelled while its method runs keeps its watch,
   * without the context, until the method gives the slot back. After that the observer must go: the
   * caller may keep the future for long, and an observer can hold a span or a request.
   */
  @Test
  void theObserverIsLetGoOnceTheCancelledAttemptGaveItsSlotBack() throws Exception {
    CountDownLatch released = new CountDownLatch(1);
    AtomicReference<WeakReference<CallObserver>> observed = new AtomicReference<>();
    CallListener weak =
        (method, policies, fallback) -> {
          if (!method.name().equals("Events.heldSlot()")) {
            return CallObserver.IGNORE;
          }
          CallObserver observer =
              new CallObserver() {
                @Override
                public void bulkheadReleased(int attempt, long heldNanos) {
                  released.countDown();
                }
              };
          observed.set(new WeakReference<>(observer));
          return observer;
        };
    CallListener.unregister(logs);
    CallListener.register(weak);
    try {
      FaultTolerance policies = FaultTolerance.of(method("heldSlot")).bulkhead(1, 1).build();
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch finish = new CountDownLatch(1);
      CompletableFuture<String> call =
          policies.call(
              pool,
              () -> {
                running.countDown();
                awaitQuietly(finish, LONG_DELAY_MS); // deaf to the interrupt: keeps its slot
                return "late";
              });
      await(running);
      call.cancel(true);
      assertEndsCancelled(call);
      finish.countDown();
      await(released);

      assertTrue(collected(observed.get()), "the finished call still holds its observer");
      assertTrue(call.isCancelled()); // the caller still holds the future
    } finally {
      CallListener.unregister(weak);
    }
  }

  /**
   * Events of one call come one at a time, each after the one before has returned. An attempt that
   * is queued tells {@code bulkheadQueued} after the bulkhead's lock; a slot freed meanwhile on
   * another thread grants it, finds the queued event claimed and tells {@code bulkheadAccepted} at
   * once, while {@code bulkheadQueued} still runs on the caller's thread.
   */
  @Test
  void bulkheadAcceptedIsNotToldWhileBulkheadQueuedIsStillBeingTold() throws Exception {
    FaultTolerance policies = FaultTolerance.of(method("narrow")).bulkhead(1, 1).build();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> holder = holdSlot(policies, pool, release, "held");
    AtomicBoolean queuedBeingTold = new AtomicBoolean();
    AtomicBoolean overlapped = new AtomicBoolean();
    logs.onQueued =
        () -> {
          queuedBeingTold.set(true);
          release.countDown(); // the holder returns and frees its slot, on its own thread
          try {
            // The slot's release grants the waiter before the holder completes.
            holder.get(1_000, MILLISECONDS);
          } catch (TimeoutException
              | InterruptedException
              | java.util.concurrent.ExecutionException e) {
            // A runtime that makes the grant wait for this event: it comes after we return.
          }
          queuedBeingTold.set(false);
        };
    logs.onAccepted =
        () -> {
          if (queuedBeingTold.get()) {
            overlapped.set(true);
          }
        };
    CompletableFuture<String> waiter = policies.call(pool, () -> "waited");

    assertEquals("held", value(holder));
    assertEquals("waited", value(waiter));
    assertFalse(overlapped.get(), "bulkheadAccepted was told while bulkheadQueued still ran");
  }

  /**
   * The same rule against a cancel: an attempt granted its slot tells {@code bulkheadAccepted} on
   * the thread that starts it; the call that made it is cancelled meanwhile on another thread,
   * which stops the attempt and tells {@code attemptEnded} and {@code callEnded} at once, while
   * {@code bulkheadAccepted} still runs. Nothing keeps the events of one call from overlapping.
   */
  @Test
  void aCancelDoesNotTellTheEndWhileAnotherEventOfTheCallStillRuns() throws Exception {
    FaultTolerance policies =
        FaultTolerance.of(method("acceptedThenCancelled")).bulkhead(1, 0).build();
    CountDownLatch accepting = new CountDownLatch(1);
    CountDownLatch endTold = new CountDownLatch(1);
    AtomicBoolean acceptedBeingTold = new AtomicBoolean();
    AtomicBoolean overlapped = new AtomicBoolean();
    logs.onAccepted =
        () -> {
          acceptedBeingTold.set(true);
          accepting.countDown();
          awaitQuietly(endTold, 1_000); // a runtime that tells one event at a time: not before
          acceptedBeingTold.set(false);
        };
    logs.onCallEnded =
        () -> {
          if (acceptedBeingTold.get()) {
            overlapped.set(true);
          }
          endTold.countDown();
        };
    // An unheard caller whose method makes the call: cancelling it stops the call from here.
    CompletableFuture<String> caller =
        AsyncRuntime.call(pool, () -> policies.call(pool, () -> "inner").join());
    await(accepting);
    caller.cancel(true);
    assertEndsCancelled(caller);
    await(logs.only().ended);

    assertFalse(overlapped.get(), "callEnded was told while bulkheadAccepted still ran");
  }

  /**
   * A call whose context cannot be captured throws at once, "no call was made"; but its listeners
   * were asked {@code callStarted} already and never hear it end: a span started there stays open.
   */
  @Test
  void aCallWhoseContextCannotBeCapturedIsNotLeftStartedForever() {
    IllegalStateException broken = new IllegalStateException("cannot capture");
    ContextPropagator<String, String> failing =
        new ContextPropagator<>() {
          @Override
          public String capture() {
            throw broken;
          }

          @Override
          public String restore(String captured) {
            return null;
          }

          @Override
          public void reset(String previous) {}
        };
    ContextPropagator.register(failing);
    try {
      assertSame(
          broken,
          assertThrows(
              IllegalStateException.class,
              () -> AsyncRuntime.call(pool, method("uncaptured"), () -> 1)));
      assertSame(
          broken,
          assertThrows(
              IllegalStateException.class,
              () ->
                  FaultTolerance.of(method("uncapturedGuarded"))
                      .retry(1)
                      .build()
                      .call(pool, () -> 1)));
    } finally {
      ContextPropagator.unregister(failing);
    }
    for (Log log : logs.calls) {
      assertEquals(1, log.endedCount(), log + ": started, never ended");
    }
  }

  /**
   * {@code completeAsync} is a completion from outside too: the listener hears the end before the
   * future completes. The JDK's {@code completeAsync} completes the future without passing through
   * {@code complete}, so nobody is told, and the method's own result, refused by the future, is
   * told later as the call's end.
   */
  @Test
  void aCallCompletedAsynchronouslyFromOutsideIsToldItEndedBeforeItCompletes() throws Exception {
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<Integer> call =
        AsyncRuntime.call(
            pool,
            method("completedAsync"),
            () -> {
              awaitQuietly(finish, LONG_DELAY_MS);
              return 1;
            });
    Log log = logs.only();
    CompletableFuture<List<String>> seenByDependent = call.thenApply(value -> log.events());
    call.completeAsync(() -> 2, Runnable::run);
    try {
      assertEquals(2, value(call));
      assertEquals(List.of("callEnded SUCCEEDED"), value(seenByDependent));
    } finally {
      finish.countDown();
    }
  }

  /**
   * A method whose attempt timed out ends {@code TIMED_OUT}, its failure the method's own {@code
   * DeadlineExceededException}, whether or not it has a Retry: with one, whose retries all timed
   * out too, the guarded call fails with the same exception but settles it as the method's own
   * failure ({@code FAILED}).
   */
  @Test
  void aCallWhoseAttemptsAllTimedOutEndsTimedOutWithOrWithoutRetry() throws Exception {
    FaultTolerance single =
        FaultTolerance.of(method("slowSingle")).timeout(20, MILLISECONDS).build();
    FaultTolerance retried =
        FaultTolerance.of(method("slowRetried")).timeout(20, MILLISECONDS).retry(1).build();
    AsyncRuntime.ValueBody<String> slow =
        () -> {
          Thread.sleep(FOREVER_MS);
          return "never";
        };
    Throwable alone = failure(single.call(pool, slow));
    Throwable afterRetry = failure(retried.call(pool, slow));
    assertInstanceOf(DeadlineExceededException.class, alone);
    assertInstanceOf(DeadlineExceededException.class, afterRetry);

    assertEquals(CallOutcome.TIMED_OUT, logs.calls.get(0).outcome);
    assertEquals(CallOutcome.TIMED_OUT, logs.calls.get(1).outcome, logs.calls.get(1).toString());
  }

  /** Runs the GC until {@code ref} is cleared, bounded; true if it was. */
  private static boolean collected(WeakReference<?> ref) throws InterruptedException {
    long deadline = System.nanoTime() + MILLISECONDS.toNanos(LONG_DELAY_MS / 2);
    while (ref.get() != null && System.nanoTime() - deadline < 0) {
      System.gc();
      Thread.sleep(10);
    }
    return ref.get() == null;
  }

  /** Waits for the latch, deaf to interrupts (kept for whoever comes next), bounded. */
  private static void awaitQuietly(CountDownLatch latch, long millis) {
    long deadline = System.nanoTime() + MILLISECONDS.toNanos(millis);
    boolean interrupted = false;
    while (latch.getCount() != 0 && System.nanoTime() - deadline < 0) {
      try {
        latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Hands out a {@link Log} per call of {@link #CLASS}. */
  private static final class Logs implements CallListener {
    final List<Log> calls = new CopyOnWriteArrayList<>();
    volatile Runnable onCallEnded = () -> {};
    volatile Runnable onQueued = () -> {};
    volatile Runnable onAccepted = () -> {};

    @Override
    public CallObserver callStarted(AsyncMethod method, FaultTolerance policies, boolean fallback) {
      if (!method.className().equals(CLASS)) {
        return CallObserver.IGNORE;
      }
      Log log = new Log(this, method);
      calls.add(log);
      return log;
    }

    Log only() {
      assertEquals(1, calls.size(), calls.toString());
      return calls.get(0);
    }
  }

  /** One call's events, in words. */
  private static final class Log implements CallObserver {
    private final Logs logs;
    private final AsyncMethod method;
    private final List<String> events = new CopyOnWriteArrayList<>();
    final CountDownLatch ended = new CountDownLatch(1);
    final CountDownLatch attemptEnded = new CountDownLatch(1);
    volatile CallOutcome outcome;

    Log(Logs logs, AsyncMethod method) {
      this.logs = logs;
      this.method = method;
    }

    List<String> events() {
      return List.copyOf(events);
    }

    long endedCount() {
      return events.stream().filter(e -> e.startsWith("callEnded")).count();
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
      logs.onQueued.run();
    }

    @Override
    public void bulkheadAccepted(int attempt, long waitedNanos) {
      logs.onAccepted.run();
      events.add("bulkheadAccepted " + attempt);
    }

    @Override
    public void bulkheadRejected(int attempt, long waitedNanos) {
      events.add("bulkheadRejected " + attempt);
    }

    @Override
    public void bulkheadReleased(int attempt, long heldNanos) {
      events.add("bulkheadReleased " + attempt);
    }

    @Override
    public void circuitCounted(int attempt, boolean failure) {
      events.add("circuitCounted " + attempt + " " + failure);
    }

    @Override
    public void attemptEnded(
        int attempt, CallOutcome outcome, Throwable failure, long durationNanos) {
      events.add("attemptEnded " + attempt + " " + outcome);
      attemptEnded.countDown();
    }

    @Override
    public void retryScheduled(int attempt, long delayNanos, Throwable failure) {
      events.add("retryScheduled " + attempt);
    }

    @Override
    public void retriesEnded(int retries, RetryEnd why) {
      events.add("retriesEnded " + retries + " " + why);
    }

    @Override
    public void fallbackApplied(Throwable failure) {
      events.add("fallbackApplied");
    }

    @Override
    public void callEnded(CallOutcome outcome, Throwable failure, long durationNanos) {
      this.outcome = outcome;
      events.add("callEnded " + outcome);
      logs.onCallEnded.run();
      ended.countDown();
    }

    @Override
    public String toString() {
      return method + " " + events;
    }
  }
}
