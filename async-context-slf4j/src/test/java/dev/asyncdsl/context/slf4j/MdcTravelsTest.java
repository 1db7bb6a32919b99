package dev.asyncdsl.context.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.asyncdsl.DeadlineExceededException;
import dev.asyncdsl.Gather;
import dev.asyncdsl.Tasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The MDC a caller holds reaches every piece of a twin call's work, through the propagator that
 * {@link java.util.ServiceLoader} finds in this module's jar, with Logback as the real MDC.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class MdcTravelsTest {
  private static final String ID = Handler.REQUEST_ID;

  private final List<ExecutorService> pools = new ArrayList<>();
  private final ExecutorService pool = track(Executors.newCachedThreadPool(daemons("mdc-test")));
  private final Handler handler = new Handler();
  private final HandlerAsync twin = new HandlerAsync(handler, pool);

  @BeforeEach
  void callerHoldsARequestId() {
    handler.inner = new HandlerAsync(new Handler(), pool);
    MDC.clear();
    MDC.put(ID, "req-1");
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    MDC.clear();
    for (ExecutorService each : pools) {
      each.shutdownNow();
    }
    for (ExecutorService each : pools) {
      assertTrue(each.awaitTermination(10, TimeUnit.SECONDS), "a call was left running");
    }
  }

  private ExecutorService track(ExecutorService executor) {
    pools.add(executor);
    return executor;
  }

  private static ThreadFactory daemons(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(20, TimeUnit.SECONDS);
  }

  @Test
  void theBodySeesTheCallersMdc() throws Exception {
    assertEquals("req-1", await(twin.requestId()));
    assertEquals(Map.of(ID, "req-1"), MDC.getCopyOfContextMap(), "the caller's MDC is untouched");
  }

  @Test
  void theBodySeesTheCallersMdcOnTheDefaultExecutor() throws Exception {
    // Virtual threads on JDK 21 and later, the runtime's own pool before.
    HandlerAsync onDefault = new HandlerAsync(handler);
    assertEquals("req-1", await(onDefault.requestId()));
    MDC.clear();
    assertNull(await(onDefault.requestId()));
  }

  @Test
  void theMdcIsTheOneHeldWhenTheCallStarted() throws Exception {
    // The pool's one thread is busy until the caller has changed its MDC twice: the bodies run
    // after that, each with the MDC its call was made with.
    ExecutorService single = track(Executors.newSingleThreadExecutor(daemons("mdc-queued")));
    HandlerAsync queued = new HandlerAsync(handler, single);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> blocker =
        CompletableFuture.runAsync(() -> awaitQuietly(release), single);
    try {
      CompletableFuture<String> started = queued.requestId();
      MDC.put(ID, "req-2");
      CompletableFuture<String> later = queued.requestId();
      MDC.remove(ID);
      CompletableFuture<String> without = queued.requestId();
      assertTrue(!started.isDone() && !later.isDone() && !without.isDone());
      release.countDown();
      assertEquals("req-1", await(started));
      assertEquals("req-2", await(later));
      assertNull(await(without), "a caller without the key gives none");
    } finally {
      release.countDown();
      await(blocker);
    }
  }

  @Test
  void everyRetryAttemptAndTheFallbackSeeTheCallersMdc() throws Exception {
    assertEquals("recovered", await(twin.alwaysFailing()));
    assertEquals(
        List.of("attempt req-1", "attempt req-1", "attempt req-1", "fallback req-1"), handler.seen);
  }

  @Test
  void aCallMadeInsideABodyCarriesTheBodysMdc() throws Exception {
    assertEquals(Map.of(ID, "req-1", "step", "outer"), await(twin.nested()));
    assertNull(MDC.get("step"), "what the body added stays in the body");
  }

  @Test
  void aDetachedCallStillCarriesTheMdc() throws Exception {
    assertEquals(Map.of(ID, "req-1", "step", "outer"), await(twin.detached()));
  }

  @Test
  void aDetachedCallFromTheCallerCarriesItsMdc() throws Exception {
    assertEquals("req-1", await(Tasks.detached(twin::requestId)));
  }

  @Test
  void eachMemberOfAGatherSeesTheMdcItWasCalledWithWhileAllRunAtOnce() throws Exception {
    CountDownLatch all = new CountDownLatch(3);
    List<CompletableFuture<String>> members = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      MDC.put(ID, "member-" + i);
      members.add(twin.together(all));
    }
    assertEquals(
        List.of("member-1/member-1", "member-2/member-2", "member-3/member-3"),
        await(Gather.all(members)));
  }

  @Test
  void aDependentOfATimedOutCallRunsWithTheCallersMdcOnTheRuntimesThread() throws Exception {
    Thread test = Thread.currentThread();
    // The dependent runs on the runtime's thread only if it is added before the deadline (200 ms)
    // passes; on a loaded machine it may not be, and then the run proves nothing and is made
    // again, within a bound.
    for (int run = 0; run < 20; run++) {
      AtomicReference<Thread> ranOn = new AtomicReference<>();
      AtomicReference<String> saw = new AtomicReference<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      twin.blockUntilStopped(new CountDownLatch(1))
          .whenComplete(
              (value, thrown) -> {
                ranOn.set(Thread.currentThread());
                saw.set(MDC.get(ID));
                failure.set(thrown);
                done.countDown();
              });
      assertTrue(done.await(20, TimeUnit.SECONDS));
      assertInstanceOf(DeadlineExceededException.class, failure.get());
      if (ranOn.get() != test) {
        assertEquals("req-1", saw.get(), "on " + ranOn.get());
        return;
      }
    }
    throw new AssertionError("the deadline always passed before the dependent was added");
  }

  /** Where a dependent ran, and with which request id. */
  private static final class Dependent {
    final CountDownLatch ran = new CountDownLatch(1);
    volatile Thread thread;
    volatile String requestId;
    volatile Throwable failure;

    <T> CompletableFuture<T> on(CompletableFuture<T> future) {
      future.whenComplete(
          (value, thrown) -> {
            thread = Thread.currentThread();
            requestId = MDC.get(ID);
            failure = thrown;
            ran.countDown();
          });
      return future;
    }

    void await() throws InterruptedException {
      assertTrue(ran.await(20, TimeUnit.SECONDS), "the dependent never ran");
    }
  }

  @Test
  void aDependentRunByTheBodysThreadWhenTheMethodEndsSeesTheCallersMdc() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Dependent dependent = new Dependent();
    CompletableFuture<String> call = dependent.on(twin.gated(gate));
    gate.countDown(); // the dependent is registered: the body's thread runs it when it completes
    // Waited for on a latch, not through the future: a thread waiting in get() may run the
    // future's dependents itself.
    dependent.await();
    assertEquals("req-1", await(call));
    assertNotEquals(Thread.currentThread(), dependent.thread);
    assertEquals("req-1", dependent.requestId, "on " + dependent.thread);
  }

  @Test
  void aDependentRunByTheCancellingThreadSeesTheCallersMdcAndThatThreadKeepsItsOwn()
      throws Exception {
    Dependent dependent = new Dependent();
    CompletableFuture<String> call = dependent.on(twin.gated(new CountDownLatch(1)));
    AtomicReference<String> cancellerAfter = new AtomicReference<>();
    Thread canceller =
        new Thread(
            () -> {
              MDC.put(ID, "canceller");
              call.cancel(true);
              cancellerAfter.set(MDC.get(ID));
              MDC.clear();
            },
            "mdc-canceller");
    canceller.start();
    canceller.join(TimeUnit.SECONDS.toMillis(20));
    dependent.await();
    assertInstanceOf(java.util.concurrent.CancellationException.class, dependent.failure);
    assertEquals(canceller, dependent.thread);
    assertEquals("req-1", dependent.requestId);
    assertEquals("canceller", cancellerAfter.get(), "the cancelling thread has its own MDC back");
  }

  @Test
  void aDependentOfWaitForAtItsTimeoutSeesTheMdcOfItsCaller() throws Exception {
    Thread test = Thread.currentThread();
    // As for @Timeout: a run whose dependent was added after the 200 ms passed proves nothing.
    for (int run = 0; run < 20; run++) {
      Dependent dependent = new Dependent();
      dependent.on(Tasks.waitFor(twin.gated(new CountDownLatch(1)), 200, TimeUnit.MILLISECONDS));
      dependent.await();
      assertInstanceOf(java.util.concurrent.TimeoutException.class, dependent.failure);
      if (dependent.thread != test) {
        assertEquals("req-1", dependent.requestId, "on " + dependent.thread);
        return;
      }
    }
    throw new AssertionError("the deadline always passed before the dependent was added");
  }

  @Test
  void aLoggedEventCarriesTheCallersRequestId() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(Handler.class);
    Captured captured = new Captured();
    captured.setContext(logger.getLoggerContext());
    captured.start();
    logger.addAppender(captured);
    try {
      await(twin.log("handled"));
    } finally {
      logger.detachAppender(captured);
      captured.stop();
    }
    assertEquals(1, captured.events.size());
    ILoggingEvent event = captured.events.get(0);
    assertEquals("handled", event.getFormattedMessage());
    assertNotEquals(Thread.currentThread().getName(), event.getThreadName());
    assertEquals(Map.of(ID, "req-1"), event.getMDCPropertyMap());
  }

  @Test
  void onePooledThreadServesTwoCallersEachWithItsOwnMdcAndIsLeftClean() throws Exception {
    ExecutorService single = track(Executors.newSingleThreadExecutor(daemons("mdc-single")));
    HandlerAsync shared = new HandlerAsync(handler, single);
    ExecutorService callers = track(Executors.newFixedThreadPool(2, daemons("mdc-caller")));
    int rounds = 20;
    // The callers take turns: A calls and waits for the result, then B, then A again... so the
    // pool's one thread runs A's body, B's, A's, B's, each right after the other's.
    Semaphore turnOfA = new Semaphore(1);
    Semaphore turnOfB = new Semaphore(0);
    Future<List<String>> a = callers.submit(() -> takeTurns(shared, "A", turnOfA, turnOfB, rounds));
    Future<List<String>> b = callers.submit(() -> takeTurns(shared, "B", turnOfB, turnOfA, rounds));
    List<String> seenByA = a.get(30, TimeUnit.SECONDS);
    List<String> seenByB = b.get(30, TimeUnit.SECONDS);
    assertEquals(rounds, seenByA.size());
    for (String each : seenByA) {
      assertEquals("A left=null", each, "a body of A's saw " + each);
    }
    for (String each : seenByB) {
      assertEquals("B left=null", each, "a body of B's saw " + each);
    }
    Map<String, String> idle = single.submit(MDC::getCopyOfContextMap).get(20, TimeUnit.SECONDS);
    assertTrue(idle == null || idle.isEmpty(), "the idle thread holds " + idle);
  }

  private static List<String> takeTurns(
      HandlerAsync twin, String id, Semaphore mine, Semaphore theirs, int rounds) throws Exception {
    MDC.put(ID, id);
    try {
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        assertTrue(mine.tryAcquire(20, TimeUnit.SECONDS), "the other caller is stuck");
        try {
          seen.add(await(twin.leaveKey()));
        } finally {
          theirs.release();
        }
      }
      return seen;
    } finally {
      MDC.clear();
    }
  }

  @Test
  void aThreadWhoseBodyTimedOutIsLeftClean() throws Exception {
    ExecutorService single = track(Executors.newSingleThreadExecutor(daemons("mdc-timeout")));
    HandlerAsync onIt = new HandlerAsync(handler, single);
    Throwable failure =
        onIt.blockUntilStopped(new CountDownLatch(1))
            .handle((value, thrown) -> thrown)
            .get(20, TimeUnit.SECONDS);
    assertInstanceOf(DeadlineExceededException.class, failure);
    // Queued behind the stopped body: it runs once that body has returned and been reset.
    Map<String, String> after = single.submit(MDC::getCopyOfContextMap).get(20, TimeUnit.SECONDS);
    assertTrue(after == null || after.isEmpty(), "the thread holds " + after);
  }

  @Test
  void aPooledThreadsOwnMdcIsHiddenFromTheWorkAndBackAfterwards() throws Exception {
    ExecutorService single = track(Executors.newSingleThreadExecutor(daemons("mdc-own")));
    single.submit(() -> MDC.put("worker", "own")).get(20, TimeUnit.SECONDS);
    HandlerAsync onIt = new HandlerAsync(handler, single);
    assertEquals(Map.of(ID, "req-1"), await(onIt.mdc()));
    MDC.clear();
    assertNull(await(onIt.mdc()), "a caller with no MDC gives the work none");
    assertEquals(
        Map.of("worker", "own"),
        single.submit(MDC::getCopyOfContextMap).get(20, TimeUnit.SECONDS),
        "the thread has its own MDC back");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      assertTrue(latch.await(20, TimeUnit.SECONDS));
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
  }

  /** Keeps the events; each is prepared on the thread that logged it, so its MDC is that one. */
  private static final class Captured extends AppenderBase<ILoggingEvent> {
    final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      events.add(event);
    }
  }
}
