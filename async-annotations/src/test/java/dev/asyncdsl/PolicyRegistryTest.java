package dev.asyncdsl;

import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link PolicyRegistry} lists every policy in use by its method's name, its twins' own copies
 * apart, and lets an operator read, observe and reset a circuit.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class PolicyRegistryTest extends ConcurrencyTestSupport {

  @Test
  void aPolicyIsFoundByItsMethodsNameAndItsOwnCopiesAreListedApart() {
    FaultTolerance shared =
        FaultTolerance.of("Registry.find(String)").circuitBreaker(4, 0.5, 1, HOURS, 1).build();
    FaultTolerance own = shared.in(FaultTolerance.StateScope.TWIN);

    assertEquals(List.of(shared), PolicyRegistry.policies("Registry.find(String)"));
    assertEquals(List.of(own), PolicyRegistry.ownStateCopies("Registry.find(String)"));
    assertTrue(PolicyRegistry.policies().contains(shared));
    assertFalse(PolicyRegistry.policies().contains(own));
    assertTrue(own.hasOwnState());
    assertFalse(shared.hasOwnState());
    assertTrue(PolicyRegistry.policies("Registry.nothing()").isEmpty());
  }

  @Test
  void theListIsSortedByMethodName() {
    FaultTolerance b = FaultTolerance.of("Registry.sortB()").retry(1).build();
    FaultTolerance a = FaultTolerance.of("Registry.sortA()").retry(1).build();
    List<FaultTolerance> all = PolicyRegistry.policies();
    assertTrue(all.indexOf(a) < all.indexOf(b), all.toString());
    List<String> names = new ArrayList<>();
    for (FaultTolerance policy : all) {
      names.add(policy.method());
    }
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(null);
    assertEquals(sorted, names);
  }

  @Test
  void aCopyNobodyUsesAnyMoreLeavesTheList() throws Exception {
    FaultTolerance shared = FaultTolerance.of("Registry.gone()").bulkhead(1, 1).build();
    shared.withOwnState();
    assertEquals(1, PolicyRegistry.ownStateCopies("Registry.gone()").size());
    long deadline = System.nanoTime() + MILLISECONDS.toNanos(LONG_DELAY_MS);
    while (!PolicyRegistry.ownStateCopies("Registry.gone()").isEmpty()
        && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
    }
    assertTrue(PolicyRegistry.ownStateCopies("Registry.gone()").isEmpty());
    assertEquals(List.of(shared), PolicyRegistry.policies("Registry.gone()"));
  }

  @Test
  void aResetClosesAnOpenCircuitAndEmptiesItsWindowButKeepsItsCountOfOpenings() throws Exception {
    ExecutorService pool = newPool(1);
    FaultTolerance ft =
        FaultTolerance.of("Registry.reset()").circuitBreaker(2, 0.5, 1, HOURS, 1).build();
    for (int i = 0; i < 2; i++) {
      failure(ft.call(pool, () -> fail("down")));
    }
    assertEquals(FaultTolerance.CircuitState.OPEN, ft.circuitState());
    assertInstanceOf(CircuitBreakerOpenException.class, failure(ft.call(pool, () -> "rejected")));

    ft.resetCircuit();

    assertEquals(FaultTolerance.CircuitState.CLOSED, ft.circuitState());
    assertEquals(0, ft.circuitWindowCalls());
    assertEquals(1, ft.circuitOpenedCount());
    assertEquals("runs again", value(ft.call(pool, () -> "runs again")));
    assertEquals(1, ft.circuitWindowCalls());
    assertEquals(0, ft.circuitWindowFailures());
  }

  @Test
  void theWindowCountsWhatTheCircuitCounted() throws Exception {
    ExecutorService pool = newPool(1);
    FaultTolerance ft =
        FaultTolerance.of("Registry.window()").circuitBreaker(10, 0.5, 1, HOURS, 1).build();
    value(ft.call(pool, () -> "ok"));
    failure(ft.call(pool, () -> fail("down")));
    failure(ft.call(pool, () -> fail("down")));
    assertEquals(3, ft.circuitWindowCalls());
    assertEquals(2, ft.circuitWindowFailures());
    assertEquals(FaultTolerance.CircuitState.CLOSED, ft.circuitState());
  }

  @Test
  void anObserverHearsEveryTransitionInOrderUntilItsObservationIsClosed() throws Exception {
    ExecutorService pool = newPool(1);
    FaultTolerance ft =
        FaultTolerance.of("Registry.observe()").circuitBreaker(1, 1.0, 20, MILLISECONDS, 1).build();
    List<String> heard = new CopyOnWriteArrayList<>();
    FaultTolerance.Observation observation =
        ft.observeCircuit((from, to) -> heard.add(from + ">" + to));

    failure(ft.call(pool, () -> fail("down"))); // CLOSED > OPEN
    awaitState(ft, FaultTolerance.CircuitState.HALF_OPEN);
    value(ft.call(pool, () -> "trial")); // OPEN > HALF_OPEN > CLOSED
    ft.resetCircuit(); // already closed: no transition
    failure(ft.call(pool, () -> fail("down"))); // CLOSED > OPEN
    ft.resetCircuit(); // OPEN > CLOSED

    assertEquals(
        List.of("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED", "CLOSED>OPEN", "OPEN>CLOSED"),
        heard);

    observation.close();
    observation.close();
    failure(ft.call(pool, () -> fail("down")));
    assertEquals(FaultTolerance.CircuitState.OPEN, ft.circuitState());
    assertEquals(5, heard.size(), "heard after its observation was closed: " + heard);
  }

  @Test
  void anObserverThatThrowsNeverBreaksTheCallThatMovedTheCircuit() throws Exception {
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    ExecutorService pool =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "registry-observer-test");
              thread.setDaemon(true);
              thread.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
              return thread;
            });
    try {
      FaultTolerance ft =
          FaultTolerance.of("Registry.throws()").circuitBreaker(1, 1.0, 1, HOURS, 1).build();
      IllegalStateException broken = new IllegalStateException("observer broke");
      List<String> second = new CopyOnWriteArrayList<>();
      ft.observeCircuit(
          (from, to) -> {
            throw broken;
          });
      ft.observeCircuit((from, to) -> second.add(from + ">" + to));

      IOException down = new IOException("down");
      assertSame(down, failure(ft.call(pool, () -> fail(down))));

      assertEquals(List.of("CLOSED>OPEN"), second);
      assertEquals(List.of(broken), uncaught);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(LONG_DELAY_MS, MILLISECONDS);
    }
  }

  @Test
  void aHandlerThatThrowsTooKeepsTheObserversFailureFromTheCallAndTheCircuitWorking()
      throws Exception {
    ExecutorService pool =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "registry-handler-test");
              thread.setDaemon(true);
              thread.setUncaughtExceptionHandler(
                  (t, e) -> {
                    throw new IllegalStateException("the handler broke too");
                  });
              return thread;
            });
    try {
      FaultTolerance ft =
          FaultTolerance.of("Registry.handler()")
              .circuitBreaker(1, 1.0, 20, MILLISECONDS, 1)
              .build();
      ft.observeCircuit(
          (from, to) -> {
            throw new IllegalStateException("observer broke");
          });
      IOException down = new IOException("down");
      assertSame(down, failure(ft.call(pool, () -> fail(down))));
      assertEquals(FaultTolerance.CircuitState.OPEN, ft.circuitState());
      awaitState(ft, FaultTolerance.CircuitState.HALF_OPEN);
      // The trial is let through on the test's thread (it moves the circuit to half-open, and the
      // observer fails there: caught by this thread's handler) and runs on the pool; it must close
      // the circuit, its place not lost to the observer's failure.
      List<Throwable> onTestThread = new CopyOnWriteArrayList<>();
      Thread self = Thread.currentThread();
      Thread.UncaughtExceptionHandler before = self.getUncaughtExceptionHandler();
      self.setUncaughtExceptionHandler((t, e) -> onTestThread.add(e));
      CompletableFuture<String> trial;
      try {
        trial = ft.call(pool, () -> "trial");
      } finally {
        self.setUncaughtExceptionHandler(before == self.getThreadGroup() ? null : before);
      }
      assertEquals("trial", value(trial));
      assertEquals(FaultTolerance.CircuitState.CLOSED, ft.circuitState());
      assertEquals(1, onTestThread.size(), onTestThread.toString());
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(LONG_DELAY_MS, MILLISECONDS);
    }
  }

  @Test
  void observingAMethodWithoutACircuitBreakerIsAMistakeSaidAtOnce() {
    FaultTolerance ft = FaultTolerance.of("Registry.none()").retry(1).build();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ft.observeCircuit((from, to) -> {}));
    assertTrue(e.getMessage().contains("Registry.none()"), e.getMessage());
    ft.resetCircuit(); // nothing to reset: does nothing
    assertEquals(0, ft.circuitWindowCalls());
  }

  @Test
  void resetAllCircuitsResetsSharedAndOwnCircuits() throws Exception {
    ExecutorService pool = newPool(1);
    FaultTolerance shared =
        FaultTolerance.of("Registry.all()").circuitBreaker(1, 1.0, 1, HOURS, 1).build();
    FaultTolerance own = shared.withOwnState();
    failure(shared.call(pool, () -> fail("down")));
    failure(own.call(pool, () -> fail("down")));
    assertEquals(FaultTolerance.CircuitState.OPEN, shared.circuitState());
    assertEquals(FaultTolerance.CircuitState.OPEN, own.circuitState());

    assertTrue(PolicyRegistry.resetAllCircuits() >= 2);

    assertEquals(FaultTolerance.CircuitState.CLOSED, shared.circuitState());
    assertEquals(FaultTolerance.CircuitState.CLOSED, own.circuitState());
  }

  private static String fail(String message) throws IOException {
    throw new IOException(message);
  }

  private static String fail(IOException failure) throws IOException {
    throw failure;
  }

  private static void awaitState(FaultTolerance ft, FaultTolerance.CircuitState state)
      throws InterruptedException {
    long deadline = System.nanoTime() + MILLISECONDS.toNanos(LONG_DELAY_MS);
    while (ft.circuitState() != state && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(state, ft.circuitState());
  }
}
