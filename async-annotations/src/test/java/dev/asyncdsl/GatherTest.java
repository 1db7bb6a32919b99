package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Gather}: all, settled, asCompleted, any and the typed all. Most tests complete plain
 * {@link CompletableFuture}s by hand, in a chosen order, so ordering is deterministic; the ones
 * about interrupting use real calls on a pool.
 */
@org.junit.jupiter.api.Timeout(20)
class GatherTest extends ConcurrencyTestSupport {

  /** A call that blocks until interrupted and reports that it was, via the latches. */
  private static CompletableFuture<String> blockUntilInterrupted(
      ExecutorService pool, CountDownLatch started, CountDownLatch interrupted) {
    return AsyncRuntime.call(
        pool,
        () -> {
          started.countDown();
          try {
            Thread.sleep(FOREVER_MS);
            return "slept";
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
        });
  }

  private static <T> List<CompletableFuture<T>> pending(int count) {
    List<CompletableFuture<T>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(new CompletableFuture<>());
    }
    return futures;
  }

  // ---- all ------------------------------------------------------------------------------------

  @Test
  void allGivesResultsInInputOrderRegardlessOfCompletionOrder() throws Exception {
    List<CompletableFuture<String>> inputs = pending(3);
    CompletableFuture<List<String>> all = Gather.all(inputs);
    inputs.get(2).complete("c");
    inputs.get(0).complete("a");
    assertFalse(all.isDone(), "not done while an input is pending");
    inputs.get(1).complete("b");
    assertEquals(List.of("a", "b", "c"), value(all));
  }

  @Test
  void allKeepsNullResults() throws Exception {
    List<CompletableFuture<String>> inputs = pending(2);
    CompletableFuture<List<String>> all = Gather.all(inputs);
    inputs.get(1).complete(null);
    inputs.get(0).complete("a");
    assertEquals(Arrays.asList("a", null), value(all));
  }

  @Test
  void allOfRealCallsRunsThemConcurrently() throws Exception {
    ExecutorService pool = newPool(3);
    CyclicBarrier barrier = new CyclicBarrier(3);
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      calls.add(
          AsyncRuntime.call(
              pool,
              () -> {
                barrier.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
                return n;
              }));
    }
    assertEquals(List.of(0, 1, 2), value(Gather.all(calls)));
  }

  @Test
  void allOfNothingIsAnEmptyList() throws Exception {
    assertEquals(List.of(), value(Gather.all(List.<CompletableFuture<String>>of())));
  }

  @Test
  void allFailsFastWithTheOriginalExceptionAndCancelsTheRest() throws Exception {
    List<CompletableFuture<String>> inputs = pending(3);
    CompletableFuture<List<String>> all = Gather.all(inputs);
    IOException io = new IOException("input 1");
    inputs.get(1).completeExceptionally(io);
    // Fails at once, without waiting for inputs 0 and 2, which are cancelled.
    assertTrue(all.isDone());
    assertSame(io, failure(all));
    assertTrue(inputs.get(0).isCancelled());
    assertTrue(inputs.get(2).isCancelled());
  }

  @Test
  void allUnwrapsAFailureThatCameThroughAThenApply() throws Exception {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    CompletableFuture<Integer> other = new CompletableFuture<>();
    CompletableFuture<List<Integer>> all = Gather.all(List.of(source.thenApply(x -> x + 1), other));
    IllegalStateException boom = new IllegalStateException("source");
    source.completeExceptionally(boom);
    assertSame(boom, failure(all));
    assertSame(
        boom, assertThrows(java.util.concurrent.CompletionException.class, all::join).getCause());
    assertTrue(other.isCancelled());
  }

  @Test
  void allInterruptsTheOtherRunningCallsWhenOneFails() throws Exception {
    ExecutorService pool = newPool(3);
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch interrupted = new CountDownLatch(2);
    CompletableFuture<String> slow1 = blockUntilInterrupted(pool, started, interrupted);
    CompletableFuture<String> slow2 = blockUntilInterrupted(pool, started, interrupted);
    IOException io = new IOException("fails once the others run");
    CompletableFuture<String> failing =
        AsyncRuntime.call(
            pool,
            () -> {
              await(started);
              throw io;
            });
    CompletableFuture<List<String>> all = Gather.all(List.of(slow1, failing, slow2));
    assertSame(io, failure(all));
    await(interrupted); // both running calls saw InterruptedException
    assertEndsCancelled(slow1);
    assertEndsCancelled(slow2);
  }

  @Test
  void allOfAnAlreadyFailedInputFailsAtOnceAndCancelsTheRest() throws Exception {
    IOException io = new IOException("already failed");
    CompletableFuture<String> pendingInput = new CompletableFuture<>();
    CompletableFuture<List<String>> all =
        Gather.all(List.of(pendingInput, CompletableFuture.<String>failedFuture(io)));
    assertTrue(all.isDone());
    assertSame(io, failure(all));
    assertTrue(pendingInput.isCancelled());
  }

  @Test
  void cancellingAllCancelsAndInterruptsItsInputs() throws Exception {
    ExecutorService pool = newPool(2);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CompletableFuture<String> running = blockUntilInterrupted(pool, started, interrupted);
    CompletableFuture<String> plain = new CompletableFuture<>();
    CompletableFuture<List<String>> all = Gather.all(List.of(running, plain));
    await(started);
    assertTrue(all.cancel(true));
    await(interrupted);
    assertEndsCancelled(running);
    assertTrue(plain.isCancelled());
  }

  // ---- settled --------------------------------------------------------------------------------

  @Test
  void settledGivesAnOutcomePerInputInInputOrderAndNeverFails() throws Exception {
    List<CompletableFuture<String>> inputs = pending(4);
    CompletableFuture<List<Outcome<String>>> settled = Gather.settled(inputs);
    IOException io = new IOException("input 1");
    inputs.get(3).complete("d");
    inputs.get(1).completeExceptionally(io);
    assertFalse(settled.isDone(), "a failure does not settle the whole early");
    inputs.get(2).cancel(true);
    inputs.get(0).complete("a");

    List<Outcome<String>> outcomes = value(settled);
    assertEquals(4, outcomes.size());
    assertTrue(outcomes.get(0).isSuccess());
    assertEquals("a", outcomes.get(0).value());
    assertFalse(outcomes.get(1).isSuccess());
    assertSame(io, outcomes.get(1).error());
    assertInstanceOf(CancellationException.class, outcomes.get(2).error());
    assertEquals("d", outcomes.get(3).value());
    // The accessors of the wrong kind refuse, and a failure's refusal carries the error.
    assertSame(io, assertThrows(IllegalStateException.class, outcomes.get(1)::value).getCause());
    assertThrows(IllegalStateException.class, outcomes.get(0)::error);
  }

  @Test
  void settledUnwrapsFailuresThatCameThroughAThenApply() throws Exception {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    CompletableFuture<List<Outcome<Integer>>> settled =
        Gather.settled(List.of(source.thenApply(x -> x * 2)));
    IOException io = new IOException("source");
    source.completeExceptionally(io);
    assertSame(io, value(settled).get(0).error());
  }

  @Test
  void settledOfNothingIsAnEmptyList() throws Exception {
    assertEquals(List.of(), value(Gather.settled(List.<CompletableFuture<String>>of())));
  }

  @Test
  void cancellingSettledCancelsItsInputs() throws Exception {
    List<CompletableFuture<String>> inputs = pending(2);
    inputs.get(0).complete("done already");
    CompletableFuture<List<Outcome<String>>> settled = Gather.settled(inputs);
    assertTrue(settled.cancel(true));
    assertTrue(inputs.get(1).isCancelled());
    assertEquals("done already", value(inputs.get(0)));
  }

  // ---- asCompleted ----------------------------------------------------------------------------

  @Test
  void asCompletedYieldsTheInputsInCompletionOrder() throws Exception {
    List<CompletableFuture<String>> inputs = pending(3);
    Iterable<CompletableFuture<String>> order = Gather.asCompleted(inputs);
    IOException io = new IOException("second to complete");
    inputs.get(2).complete("c");
    inputs.get(0).completeExceptionally(io);
    inputs.get(1).complete("b");

    List<CompletableFuture<String>> yielded = new ArrayList<>();
    for (CompletableFuture<String> next : order) {
      assertTrue(next.isDone(), "every yielded future is already done");
      yielded.add(next);
    }
    assertEquals(3, yielded.size());
    assertSame(inputs.get(2), yielded.get(0));
    assertSame(inputs.get(0), yielded.get(1));
    assertSame(inputs.get(1), yielded.get(2));
    // A failed input is yielded like any other, with its own exception.
    assertSame(io, failure(yielded.get(1)));
  }

  @Test
  void asCompletedBlocksForTheNextCompletion() throws Exception {
    ExecutorService pool = newPool(1);
    List<CompletableFuture<String>> inputs = pending(3);
    Iterable<CompletableFuture<String>> order = Gather.asCompleted(inputs);
    // A consumer on another thread iterates while the inputs are still pending.
    CompletableFuture<List<String>> consumed =
        CompletableFuture.supplyAsync(
            () -> {
              List<String> values = new ArrayList<>();
              for (CompletableFuture<String> next : order) {
                values.add(next.join());
              }
              return values;
            },
            pool);
    Thread.sleep(50);
    assertFalse(consumed.isDone(), "the consumer must wait for completions");
    inputs.get(1).complete("b");
    inputs.get(2).complete("c");
    inputs.get(0).complete("a");
    assertEquals(List.of("b", "c", "a"), value(consumed));
  }

  @Test
  void asCompletedIsReIterableWithTheSameOrder() throws Exception {
    List<CompletableFuture<Integer>> inputs = pending(3);
    Iterable<CompletableFuture<Integer>> order = Gather.asCompleted(inputs);
    inputs.get(1).complete(1);
    inputs.get(2).complete(2);
    inputs.get(0).complete(0);
    List<Integer> first = new ArrayList<>();
    order.forEach(f -> first.add(f.join()));
    List<Integer> second = new ArrayList<>();
    order.forEach(f -> second.add(f.join()));
    assertEquals(List.of(1, 2, 0), first);
    assertEquals(first, second);
  }

  @Test
  void asCompletedIteratorEndsAfterTheLastInput() {
    CompletableFuture<String> only = CompletableFuture.completedFuture("x");
    Iterator<CompletableFuture<String>> it = Gather.asCompleted(List.of(only)).iterator();
    assertTrue(it.hasNext());
    assertSame(only, it.next());
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
    assertFalse(Gather.asCompleted(List.<CompletableFuture<String>>of()).iterator().hasNext());
  }

  // ---- any ------------------------------------------------------------------------------------

  @Test
  void anyGivesTheFirstSuccessAndCancelsAndInterruptsTheRest() throws Exception {
    ExecutorService pool = newPool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CompletableFuture<String> running = blockUntilInterrupted(pool, started, interrupted);
    CompletableFuture<String> winner = new CompletableFuture<>();
    CompletableFuture<String> other = new CompletableFuture<>();
    CompletableFuture<String> any = Gather.any(List.of(running, winner, other));
    await(started);
    winner.complete("won");
    assertEquals("won", value(any));
    await(interrupted);
    assertEndsCancelled(running);
    assertTrue(other.isCancelled());
  }

  @Test
  void anyIgnoresFailuresWhileSomeInputMayStillSucceed() throws Exception {
    List<CompletableFuture<String>> inputs = pending(3);
    CompletableFuture<String> any = Gather.any(inputs);
    inputs.get(0).completeExceptionally(new IOException("first fails"));
    inputs.get(2).completeExceptionally(new IOException("third fails"));
    assertFalse(any.isDone());
    inputs.get(1).complete("second succeeds");
    assertEquals("second succeeds", value(any));
  }

  @Test
  void anyWhenAllFailGivesAllFailedExceptionWithFailuresInInputOrder() throws Exception {
    List<CompletableFuture<String>> inputs = pending(3);
    CompletableFuture<Integer> source = new CompletableFuture<>();
    List<CompletableFuture<String>> withWrapped = new ArrayList<>(inputs);
    // A fourth input whose failure comes through a thenApply: reported unwrapped.
    withWrapped.add(source.thenApply(String::valueOf));
    CompletableFuture<String> any = Gather.any(withWrapped);
    IOException a = new IOException("a");
    IllegalStateException b = new IllegalStateException("b");
    TestError c = new TestError("c");
    IOException d = new IOException("d");
    // Completed in an order different from input order.
    inputs.get(2).completeExceptionally(c);
    source.completeExceptionally(d);
    inputs.get(0).completeExceptionally(a);
    assertFalse(any.isDone());
    inputs.get(1).completeExceptionally(b);

    AllFailedException allFailed = assertInstanceOf(AllFailedException.class, failure(any));
    List<Throwable> expected = List.of(a, b, c, d);
    assertEquals(expected.size(), allFailed.failures().size());
    for (int i = 0; i < expected.size(); i++) {
      assertSame(expected.get(i), allFailed.failures().get(i), "failure " + i);
      assertSame(expected.get(i), allFailed.getSuppressed()[i], "suppressed " + i);
    }
  }

  @Test
  void anyOfNothingFailsAtOnceWithAnEmptyAllFailedException() throws Exception {
    CompletableFuture<String> any = Gather.any(List.<CompletableFuture<String>>of());
    assertTrue(any.isDone());
    AllFailedException allFailed = assertInstanceOf(AllFailedException.class, failure(any));
    assertTrue(allFailed.failures().isEmpty());
    assertEquals(0, allFailed.getSuppressed().length);
  }

  @Test
  void cancellingAnyCancelsItsInputs() throws Exception {
    List<CompletableFuture<String>> inputs = pending(2);
    CompletableFuture<String> any = Gather.any(inputs);
    assertTrue(any.cancel(true));
    assertTrue(inputs.get(0).isCancelled());
    assertTrue(inputs.get(1).isCancelled());
  }

  // ---- typed all ------------------------------------------------------------------------------

  @Test
  void typedAllOfTwoGivesATupleOfMixedTypes() throws Exception {
    CompletableFuture<String> name = new CompletableFuture<>();
    CompletableFuture<Integer> age = new CompletableFuture<>();
    CompletableFuture<Tuple2<String, Integer>> both = Gather.all(name, age);
    age.complete(42);
    assertFalse(both.isDone());
    name.complete("Ada");
    Tuple2<String, Integer> tuple = value(both);
    assertEquals("Ada", tuple.first());
    assertEquals(42, tuple.second());
  }

  @Test
  void typedAllOfEightKeepsEveryPositionAndType() throws Exception {
    ExecutorService pool = newPool(2);
    CompletableFuture<
            Tuple8<
                String, Integer, Long, Double, Boolean, Character, List<String>, Optional<String>>>
        eight =
            Gather.all(
                AsyncRuntime.call(pool, () -> "s"),
                CompletableFuture.completedFuture(1),
                AsyncRuntime.call(pool, () -> 2L),
                CompletableFuture.supplyAsync(() -> 3.5, pool),
                CompletableFuture.completedFuture(true),
                AsyncRuntime.call(pool, 5, TimeUnit.SECONDS, () -> 'c'),
                CompletableFuture.completedFuture(List.of("x", "y")),
                AsyncRuntime.<Optional<String>>call(pool, Optional::empty));
    Tuple8<String, Integer, Long, Double, Boolean, Character, List<String>, Optional<String>> t =
        value(eight);
    assertEquals("s", t.first());
    assertEquals(1, t.second());
    assertEquals(2L, t.third());
    assertEquals(3.5, t.fourth());
    assertEquals(true, t.fifth());
    assertEquals('c', t.sixth());
    assertEquals(List.of("x", "y"), t.seventh());
    assertEquals(Optional.empty(), t.eighth());
  }

  @Test
  void typedAllOfTwoFailsFastAndCancelsTheOther() throws Exception {
    CompletableFuture<String> pendingInput = new CompletableFuture<>();
    CompletableFuture<Integer> failing = new CompletableFuture<>();
    CompletableFuture<Tuple2<String, Integer>> both = Gather.all(pendingInput, failing);
    IOException io = new IOException("second");
    failing.completeExceptionally(io);
    assertSame(io, failure(both));
    assertTrue(pendingInput.isCancelled());
  }

  @Test
  void typedAllOfEightFailsFastWithTheOriginalExceptionAndInterruptsRunningCalls()
      throws Exception {
    ExecutorService pool = newPool(2);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CompletableFuture<String> running = blockUntilInterrupted(pool, started, interrupted);
    List<CompletableFuture<Integer>> plain = pending(6);
    IllegalArgumentException boom = new IllegalArgumentException("eighth");
    CompletableFuture<Long> failing =
        AsyncRuntime.call(
            pool,
            () -> {
              await(started);
              throw boom;
            });
    CompletableFuture<Tuple8<String, Integer, Integer, Integer, Integer, Integer, Integer, Long>>
        eight =
            Gather.all(
                running,
                plain.get(0),
                plain.get(1),
                plain.get(2),
                plain.get(3),
                plain.get(4),
                plain.get(5),
                failing);
    assertSame(boom, failure(eight));
    await(interrupted);
    assertEndsCancelled(running);
    for (CompletableFuture<Integer> f : plain) {
      assertTrue(f.isCancelled());
    }
  }

  @Test
  void cancellingATypedAllCancelsItsInputs() throws Exception {
    CompletableFuture<String> a = new CompletableFuture<>();
    CompletableFuture<Integer> b = new CompletableFuture<>();
    CompletableFuture<Tuple2<String, Integer>> both = Gather.all(a, b);
    assertTrue(both.cancel(true));
    assertTrue(a.isCancelled());
    assertTrue(b.isCancelled());
    assertEndsCancelled(both);
  }

  @Test
  void typedAllOfAlreadyCompletedInputsIsDoneAtOnce() throws Exception {
    CompletableFuture<Tuple2<String, Void>> both =
        Gather.all(
            CompletableFuture.completedFuture("x"), CompletableFuture.<Void>completedFuture(null));
    assertTrue(both.isDone());
    assertEquals("x", value(both).first());
    assertNull(value(both).second());
  }
}
