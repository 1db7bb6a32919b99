package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The plain calls of {@link AsyncRuntime}: value, void and relay calls, which exception a failed
 * call reports, rejection, {@link AsyncRuntime#each} and the default executor.
 */
@org.junit.jupiter.api.Timeout(20)
class AsyncRuntimeTest extends ConcurrencyTestSupport {

  // ---- value, void and relay calls ------------------------------------------------------------

  @Test
  void callReturnsTheValueComputedOnTheGivenExecutor() throws Exception {
    ExecutorService pool = newPool(1);
    CompletableFuture<String> future =
        AsyncRuntime.call(pool, () -> Thread.currentThread().getName());
    // The name proves the body ran on our pool, not on the caller or the common pool.
    assertTrue(value(future).startsWith("test-pool-"), value(future));
  }

  @Test
  void callWithTimeoutReturnsTheValueWhenFastEnough() throws Exception {
    ExecutorService pool = newPool(1);
    CompletableFuture<Integer> future = AsyncRuntime.call(pool, 5, TimeUnit.SECONDS, () -> 42);
    assertEquals(42, value(future));
  }

  @Test
  void runCompletesWithNullAfterTheBodyRan() throws Exception {
    ExecutorService pool = newPool(1);
    AtomicBoolean ran = new AtomicBoolean();
    CompletableFuture<Void> future = AsyncRuntime.run(pool, () -> ran.set(true));
    assertNull(value(future));
    assertTrue(ran.get());

    CompletableFuture<Void> timed =
        AsyncRuntime.run(pool, 5, TimeUnit.SECONDS, () -> ran.set(false));
    assertNull(value(timed));
    assertFalse(ran.get());
  }

  @Test
  void callsOnAPoolRunConcurrently() throws Exception {
    // Every call must reach the barrier before any may return: only possible if all four overlap.
    ExecutorService pool = newPool(4);
    CyclicBarrier barrier = new CyclicBarrier(4);
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int n = i;
      calls.add(
          AsyncRuntime.call(
              pool,
              () -> {
                barrier.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
                return n;
              }));
    }
    for (int i = 0; i < 4; i++) {
      assertEquals(i, value(calls.get(i)));
    }
  }

  @Test
  void relayFlattensTheStageTheMethodReturns() throws Exception {
    ExecutorService pool = newPool(1);
    CompletableFuture<String> inner = new CompletableFuture<>();
    CompletableFuture<String> relayed = AsyncRuntime.relay(pool, () -> inner);
    // The method has returned its stage once this probe ran (the pool is FIFO on one thread), but
    // the relay waits for the stage's own outcome.
    CompletableFuture.runAsync(() -> {}, pool).get(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
    assertFalse(relayed.isDone());
    inner.complete("done");
    assertEquals("done", value(relayed));
  }

  @Test
  void relayOfAnotherCallGivesThatCallsValue() throws Exception {
    ExecutorService pool = newPool(2);
    CompletableFuture<Integer> relayed =
        AsyncRuntime.relay(
            pool,
            5,
            TimeUnit.SECONDS,
            () -> AsyncRuntime.call(pool, () -> 6).thenApply(x -> x * 7));
    assertEquals(42, value(relayed));
  }

  @Test
  void relayOfANullStageFailsWithNullPointerException() throws Exception {
    ExecutorService pool = newPool(1);
    CompletableFuture<Object> relayed = AsyncRuntime.relay(pool, () -> null);
    assertInstanceOf(NullPointerException.class, failure(relayed));
  }

  @Test
  void cancellingARelayCancelsTheInnerStage() throws Exception {
    ExecutorService pool = newPool(1);
    CompletableFuture<String> inner = new CompletableFuture<>();
    CountDownLatch returned = new CountDownLatch(1);
    CompletableFuture<String> relayed =
        AsyncRuntime.relay(
            pool,
            () -> {
              returned.countDown();
              return inner;
            });
    await(returned);
    // The cancel may land before or after the runner has registered on the inner stage; the runtime
    // handles both (stopWork sees it, or invoke() sees the relay already done), so no sleep here.
    assertTrue(relayed.cancel(true));
    assertEndsCancelled(inner);
  }

  @Test
  void aRelayThatTimesOutCancelsTheInnerStage() throws Exception {
    ExecutorService pool = newPool(1);
    CompletableFuture<String> inner = new CompletableFuture<>();
    CountDownLatch returned = new CountDownLatch(1);
    CompletableFuture<String> relayed =
        AsyncRuntime.relay(
            pool,
            1,
            TimeUnit.SECONDS,
            () -> {
              returned.countDown();
              return inner;
            });
    await(returned); // the stage was handed over well before the deadline (unless the pool is late)
    assertInstanceOf(TimeoutException.class, failure(relayed));
    assertEndsCancelled(inner);
  }

  @Test
  void aStageReturnedAfterTheRelayTimedOutIsCancelled() throws Exception {
    ExecutorService pool = newPool(1);
    CompletableFuture<String> inner = new CompletableFuture<>();
    CountDownLatch timedOut = new CountDownLatch(1);
    CompletableFuture<String> relayed =
        // The method must start before the deadline (it returns the stage that is to be cancelled).
        AsyncRuntime.relay(
            pool,
            STARTS_IN_TIME_MS,
            TimeUnit.MILLISECONDS,
            () -> {
              while (timedOut.getCount() > 0) { // deaf to the interrupt, as a slow method may be
                sleepUninterruptibly(5);
              }
              return inner;
            });
    assertInstanceOf(TimeoutException.class, failure(relayed));
    timedOut.countDown();
    assertEndsCancelled(inner);
  }

  // ---- which exception a failed call reports --------------------------------------------------

  @Test
  void joinAndGetReportTheSameRuntimeExceptionInstance() throws Exception {
    ExecutorService pool = newPool(1);
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<String> future =
        AsyncRuntime.call(
            pool,
            () -> {
              throw boom;
            });
    CompletionException joined = assertThrows(CompletionException.class, future::join);
    assertSame(boom, joined.getCause());
    ExecutionException got = assertThrows(ExecutionException.class, future::get);
    assertSame(boom, got.getCause());
  }

  @Test
  void aCheckedExceptionIsReportedAsItself() throws Exception {
    ExecutorService pool = newPool(1);
    IOException io = new IOException("disk");
    CompletableFuture<Void> future =
        AsyncRuntime.run(
            pool,
            () -> {
              throw io;
            });
    assertSame(io, assertThrows(CompletionException.class, future::join).getCause());
    assertSame(io, assertThrows(ExecutionException.class, future::get).getCause());
  }

  @Test
  void anErrorIsReportedAsItself() throws Exception {
    ExecutorService pool = newPool(1);
    TestError error = new TestError("fatal");
    CompletableFuture<Integer> future =
        AsyncRuntime.call(
            pool,
            () -> {
              throw error;
            });
    assertSame(error, assertThrows(CompletionException.class, future::join).getCause());
    assertSame(error, assertThrows(ExecutionException.class, future::get).getCause());
  }

  @Test
  void aTimedCallReportsTheSameExceptionInstanceToo() throws Exception {
    ExecutorService pool = newPool(1);
    IOException io = new IOException("disk");
    CompletableFuture<Integer> future =
        AsyncRuntime.call(
            pool,
            5,
            TimeUnit.SECONDS,
            () -> {
              throw io;
            });
    assertSame(io, failure(future));
  }

  @Test
  void relayOfAStageThatFailedInsideThenApplyReportsTheOriginalCause() throws Exception {
    // thenApply wraps a thrown exception in CompletionException; the relay must strip that.
    ExecutorService pool = newPool(1);
    IllegalArgumentException boom = new IllegalArgumentException("in thenApply");
    CompletableFuture<Integer> relayed =
        AsyncRuntime.relay(
            pool,
            () ->
                CompletableFuture.completedFuture(1)
                    .thenApply(
                        x -> {
                          throw boom;
                        }));
    assertSame(boom, assertThrows(CompletionException.class, relayed::join).getCause());
    assertSame(boom, assertThrows(ExecutionException.class, relayed::get).getCause());
  }

  @Test
  void relayOfAFailurePassedThroughAThenApplyReportsTheOriginalCause() throws Exception {
    // A failure that travels through a dependent stage arrives there as CompletionException(cause).
    ExecutorService pool = newPool(1);
    IOException io = new IOException("source failed");
    CompletableFuture<Integer> source = new CompletableFuture<>();
    CompletableFuture<Integer> relayed =
        AsyncRuntime.relay(pool, () -> source.thenApply(x -> x + 1).thenApply(x -> x * 2));
    source.completeExceptionally(io);
    assertSame(io, failure(relayed));
    assertSame(io, assertThrows(CompletionException.class, relayed::join).getCause());
  }

  @Test
  void relayOfAFailedCallReportsThatCallsException() throws Exception {
    ExecutorService pool = newPool(2);
    IOException io = new IOException("inner");
    CompletableFuture<String> relayed =
        AsyncRuntime.relay(
            pool,
            () ->
                AsyncRuntime.<String>call(
                    pool,
                    () -> {
                      throw io;
                    }));
    assertSame(io, failure(relayed));
  }

  // ---- rejection ------------------------------------------------------------------------------

  @Test
  void aRejectingExecutorFailsTheFutureAtOnce() throws Exception {
    RejectingExecutor rejecting = new RejectingExecutor();
    AtomicBoolean ran = new AtomicBoolean();
    CompletableFuture<Integer> future =
        AsyncRuntime.call(
            rejecting,
            () -> {
              ran.set(true);
              return 1;
            });
    // Never pending: the failure is there when call() returns.
    assertTrue(future.isCompletedExceptionally());
    assertSame(rejecting.rejection, failure(future));
    assertFalse(ran.get());

    assertSame(rejecting.rejection, failure(AsyncRuntime.run(rejecting, () -> ran.set(true))));
    assertSame(
        rejecting.rejection,
        failure(AsyncRuntime.relay(rejecting, () -> CompletableFuture.completedFuture(1))));
    assertFalse(ran.get());
  }

  @Test
  void aRejectedTimedCallKeepsItsRejectionAfterTheDeadline() throws Exception {
    RejectingExecutor rejecting = new RejectingExecutor();
    // A deadline the rejection comes well before, on a loaded machine too (with a short one, a
    // caller kept from a core inside call() can see its deadline pass before the executor is even
    // asked, and then the timeout is the right outcome).
    long start = System.nanoTime();
    CompletableFuture<Integer> future =
        AsyncRuntime.call(rejecting, STARTS_IN_TIME_MS, TimeUnit.MILLISECONDS, () -> 1);
    assertTrue(future.isDone());
    assertSame(rejecting.rejection, failure(future));
    // The deadline passing afterwards must not turn the rejection into a timeout.
    long pastTheDeadline = start + TimeUnit.MILLISECONDS.toNanos(STARTS_IN_TIME_MS + 100);
    sleepUninterruptibly(
        Math.max(0, TimeUnit.NANOSECONDS.toMillis(pastTheDeadline - System.nanoTime())));
    assertSame(rejecting.rejection, failure(future));
  }

  @Test
  void aShutDownPoolFailsTheFutureWithRejectedExecutionException() throws Exception {
    ExecutorService pool = newPool(1);
    pool.shutdown();
    CompletableFuture<Integer> future = AsyncRuntime.call(pool, () -> 1);
    assertTrue(future.isDone());
    assertInstanceOf(RejectedExecutionException.class, failure(future));
  }

  // ---- each ---------------------------------------------------------------------------------

  @Test
  void eachGathersResultsInInputOrderWhateverTheCompletionOrder() throws Exception {
    List<CompletableFuture<String>> pending = new ArrayList<>();
    CompletableFuture<List<String>> all =
        AsyncRuntime.each(
            List.of(1, 2, 3),
            n -> {
              CompletableFuture<String> f = new CompletableFuture<>();
              pending.add(f);
              return f.thenApply(s -> s + n);
            });
    assertEquals(3, pending.size(), "every call is started at once");
    pending.get(2).complete("c");
    pending.get(0).complete("a");
    assertFalse(all.isDone());
    pending.get(1).complete("b");
    assertEquals(List.of("a1", "b2", "c3"), value(all));
  }

  @Test
  void eachRunsTheCallsConcurrently() throws Exception {
    ExecutorService pool = newPool(3);
    CyclicBarrier barrier = new CyclicBarrier(3);
    CompletableFuture<List<Integer>> all =
        AsyncRuntime.each(
            List.of(1, 2, 3),
            n ->
                AsyncRuntime.call(
                    pool,
                    () -> {
                      barrier.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
                      return n * 10;
                    }));
    assertEquals(List.of(10, 20, 30), value(all));
  }

  @Test
  void eachFailsFastWithTheOriginalExceptionAndCancelsTheRest() throws Exception {
    ExecutorService pool = newPool(2);
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch slowInterrupted = new CountDownLatch(1);
    IOException io = new IOException("input 2");
    List<CompletableFuture<Integer>> started = new ArrayList<>();
    CompletableFuture<List<Integer>> all =
        AsyncRuntime.each(
            List.of(1, 2),
            n -> {
              CompletableFuture<Integer> call =
                  AsyncRuntime.call(
                      pool,
                      () -> {
                        if (n == 1) {
                          slowStarted.countDown();
                          try {
                            Thread.sleep(FOREVER_MS);
                          } catch (InterruptedException e) {
                            slowInterrupted.countDown();
                            throw e;
                          }
                          return n;
                        }
                        await(slowStarted);
                        throw io;
                      });
              started.add(call);
              return call;
            });
    assertSame(io, failure(all));
    assertEndsCancelled(started.get(0));
    await(slowInterrupted);
  }

  @Test
  void eachFailsAtOnceWhenTheMappingThrowsAndCancelsWhatItStarted() throws Exception {
    IllegalStateException boom = new IllegalStateException("mapping failed on 3");
    List<CompletableFuture<Integer>> started = new ArrayList<>();
    AtomicInteger applied = new AtomicInteger();
    CompletableFuture<List<Integer>> all =
        AsyncRuntime.each(
            List.of(1, 2, 3, 4),
            n -> {
              applied.incrementAndGet();
              if (n == 3) {
                throw boom;
              }
              CompletableFuture<Integer> f = new CompletableFuture<>();
              started.add(f);
              return f;
            });
    assertTrue(all.isDone(), "a synchronous throw fails the whole at once");
    assertSame(boom, failure(all));
    assertEquals(3, applied.get(), "no call is started after the one that threw");
    assertEquals(2, started.size());
    for (CompletableFuture<Integer> f : started) {
      assertTrue(f.isCancelled());
    }
  }

  @Test
  void eachFailsWhenTheMappingReturnsNull() throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    CompletableFuture<List<String>> all =
        AsyncRuntime.each(List.of(1, 2), n -> n == 1 ? first : null);
    assertInstanceOf(NullPointerException.class, failure(all));
    assertTrue(first.isCancelled());
  }

  @Test
  void eachOfNothingIsAnEmptyList() throws Exception {
    CompletableFuture<List<String>> all =
        AsyncRuntime.each(List.<Integer>of(), n -> CompletableFuture.completedFuture("x"));
    assertEquals(List.of(), value(all));
  }

  // ---- the default executor -------------------------------------------------------------------

  @Test
  void usesVirtualThreadsExactlyFromJava21On() {
    assertEquals(Runtime.version().feature() >= 21, AsyncRuntime.usesVirtualThreads());
  }

  @Test
  void theDefaultExecutorRunsFiftyCallsAtOnce() throws Exception {
    // All 50 must be inside their body at the same time to pass the barrier: real concurrency,
    // whatever the number of CPUs.
    int calls = 50;
    CyclicBarrier barrier = new CyclicBarrier(calls);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      int n = i;
      futures.add(
          AsyncRuntime.call(
              AsyncRuntime.defaultExecutor(),
              () -> {
                threads.add(Thread.currentThread());
                barrier.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
                return n;
              }));
    }
    for (int i = 0; i < calls; i++) {
      assertEquals(i, value(futures.get(i)));
    }
    assertEquals(calls, threads.size(), "one thread per running call");
  }

  @Test
  void theDefaultExecutorRunsOnTheDocumentedKindOfThread() throws Exception {
    Thread thread = value(AsyncRuntime.call(AsyncRuntime.defaultExecutor(), Thread::currentThread));
    assertTrue(thread.isDaemon(), "default threads must not keep the JVM alive");
    assertEquals(AsyncRuntime.usesVirtualThreads(), isVirtual(thread));
    if (!AsyncRuntime.usesVirtualThreads()) {
      assertTrue(thread.getName().startsWith("asyncdsl-"), thread.getName());
    }
  }

  @Test
  void theDefaultExecutorReportsTheSameExceptionInstance() throws Exception {
    IOException io = new IOException("default");
    CompletableFuture<Void> future =
        AsyncRuntime.run(
            AsyncRuntime.defaultExecutor(),
            () -> {
              throw io;
            });
    assertSame(io, failure(future));
  }

  @Test
  void cancellingACallOnTheDefaultExecutorInterruptsIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicReference<Thread> runner = new AtomicReference<>();
    CompletableFuture<Void> future =
        AsyncRuntime.run(
            AsyncRuntime.defaultExecutor(),
            () -> {
              runner.set(Thread.currentThread());
              started.countDown();
              try {
                Thread.sleep(FOREVER_MS);
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
            });
    await(started);
    assertTrue(future.cancel(true));
    await(interrupted);
    assertEndsCancelled(future);
  }

  @Test
  void aTimeoutOnTheDefaultExecutorInterruptsTheCall() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    long start = System.nanoTime();
    CompletableFuture<Void> future =
        AsyncRuntime.run(
            AsyncRuntime.defaultExecutor(),
            STARTS_IN_TIME_MS, // the method must start before it, to be interrupted
            TimeUnit.MILLISECONDS,
            () -> {
              try {
                Thread.sleep(FOREVER_MS);
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
            });
    CompletableFuture<Long> failedAt = completionTime(future);
    assertInstanceOf(TimeoutException.class, failure(future));
    long elapsed = millisUntil(failedAt, start);
    assertTrue(elapsed >= STARTS_IN_TIME_MS, "timed out early, after " + elapsed + " ms");
    assertTrue(elapsed < FOREVER_MS / 2, "timed out late, after " + elapsed + " ms");
    await(interrupted);
  }

  /** {@code Thread.isVirtual()}, which the Java 17 API these tests compile against lacks. */
  private static boolean isVirtual(Thread thread) throws Exception {
    if (Runtime.version().feature() < 21) {
      return false;
    }
    Method isVirtual = Thread.class.getMethod("isVirtual");
    return (Boolean) isVirtual.invoke(thread);
  }
}
