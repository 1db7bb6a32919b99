package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a gather promises at its edges: whoever sees its outcome sees the losers cancelled, a
 * failure at the call site stops what was started, and an interrupted consumer loses nothing.
 */
@org.junit.jupiter.api.Timeout(30)
class GatherOutcomeTest extends ConcurrencyTestSupport {

  private static List<CompletableFuture<Integer>> pending(int count) {
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(new CompletableFuture<>());
    }
    return futures;
  }

  @Test
  void whoeverSeesAllFailSeesTheOtherInputsCancelled() throws Exception {
    List<CompletableFuture<Integer>> inputs = pending(5);
    CompletableFuture<List<Integer>> all = Gather.all(inputs);
    CompletableFuture<Boolean> othersCancelled =
        all.handle(
            (v, e) -> inputs.subList(1, 5).stream().allMatch(CompletableFuture::isCancelled));
    inputs.get(0).completeExceptionally(new IllegalStateException("boom"));
    assertTrue(value(othersCancelled), "a dependent of the gather saw inputs not yet cancelled");
  }

  @Test
  void whoeverSeesAnyAnswerSeesTheOtherInputsCancelled() throws Exception {
    List<CompletableFuture<Integer>> inputs = pending(5);
    CompletableFuture<Integer> any = Gather.any(inputs);
    CompletableFuture<Boolean> othersCancelled =
        any.thenApply(v -> inputs.subList(1, 5).stream().allMatch(CompletableFuture::isCancelled));
    inputs.get(0).complete(1);
    assertTrue(value(othersCancelled), "a dependent of any() saw inputs not yet cancelled");
  }

  @Test
  void aNullInputFailsTheCallAndCancelsTheInputsAlreadyStarted() throws Exception {
    ExecutorService pool = newPool(2);
    CompletableFuture<Integer> running =
        AsyncRuntime.call(
            pool,
            () -> {
              Thread.sleep(FOREVER_MS);
              return 1;
            });
    CompletableFuture<Integer> alsoRunning = new CompletableFuture<>();
    List<CompletableFuture<Integer>> inputs = Arrays.asList(running, null, alsoRunning);
    assertThrows(NullPointerException.class, () -> Gather.all(inputs));
    assertEndsCancelled(running);
    assertTrue(alsoRunning.isCancelled());
    for (var gather :
        List.<Runnable>of(
            () -> Gather.any(inputs),
            () -> Gather.settled(inputs),
            () -> Gather.asCompleted(inputs))) {
      assertThrows(NullPointerException.class, gather::run);
    }
  }

  @Test
  void anIterableWhoseIteratorThrowsCancelsTheCallsAlreadyStarted() throws Exception {
    ExecutorService pool = newPool(4);
    List<CompletableFuture<Integer>> started = new ArrayList<>();
    IllegalStateException broken = new IllegalStateException("the iterator broke");
    Iterable<Integer> inputs =
        () ->
            new Iterator<>() {
              int next;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Integer next() {
                if (next == 3) {
                  throw broken;
                }
                return next++;
              }
            };
    CompletableFuture<List<Integer>> each =
        AsyncRuntime.each(
            inputs,
            input -> {
              CompletableFuture<Integer> call =
                  AsyncRuntime.call(
                      pool,
                      () -> {
                        Thread.sleep(FOREVER_MS);
                        return input;
                      });
              started.add(call);
              return call;
            });
    assertSame(broken, failure(each));
    assertEquals(3, started.size());
    for (CompletableFuture<Integer> call : started) {
      assertEndsCancelled(call);
    }
  }

  @Test
  void anInterruptedConsumerOfAsCompletedLosesNoInputAndKeepsItsFlag() throws Exception {
    List<CompletableFuture<Integer>> inputs = pending(3);
    Iterator<CompletableFuture<Integer>> order = Gather.asCompleted(inputs).iterator();
    inputs.get(2).complete(2);
    assertEquals(2, order.next().join());
    Thread.currentThread().interrupt(); // as if someone interrupted the consumer while it waited
    WaitInterruptedException interrupted =
        assertThrows(WaitInterruptedException.class, order::next);
    assertTrue(Thread.interrupted(), "the interrupt flag was not kept");
    assertInstanceOf(InterruptedException.class, interrupted.getCause());
    assertFalse(inputs.get(0).isDone() || inputs.get(1).isDone(), "no input was cancelled");
    inputs.get(0).complete(0);
    inputs.get(1).complete(1);
    List<Integer> rest = new ArrayList<>();
    while (order.hasNext()) {
      rest.add(order.next().join());
    }
    assertEquals(List.of(0, 1), rest, "an input was lost to the interrupt");
    assertThrows(NoSuchElementException.class, order::next);
  }

  @Test
  void aFailedGatherCancelsEachOtherInputOnce() throws Exception {
    // Every input fails at once: only the first failure cancels the others, not each of them.
    int count = 2_000;
    AtomicInteger cancelCalls = new AtomicInteger();
    List<CompletableFuture<Integer>> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inputs.add(
          new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
              cancelCalls.incrementAndGet();
              return super.cancel(mayInterruptIfRunning);
            }
          });
    }
    CompletableFuture<List<Integer>> all = Gather.all(inputs);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = newPool(2);
    for (int half = 0; half < 2; half++) {
      int from = half;
      pool.execute(
          () -> {
            await(go);
            for (int i = from; i < count; i += 2) {
              inputs.get(i).completeExceptionally(new IllegalStateException("input " + i));
            }
          });
    }
    go.countDown();
    assertInstanceOf(IllegalStateException.class, failure(all));
    assertTrue(cancelCalls.get() <= count, cancelCalls + " cancels for " + count + " inputs");
  }
}
