package dev.asyncdsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every gather mode over 0 to 10 inputs, with no failure or one at each position, the inputs
 * completed first to last and last to first.
 */
class GatherMatrixTest {

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (int size = 0; size <= 10; size++) {
      for (int failAt = -1; failAt < size; failAt++) {
        cases.add(Arguments.of(size, failAt, true));
        cases.add(Arguments.of(size, failAt, false));
      }
    }
    return cases.stream();
  }

  /** Inputs completed one by one in a chosen order; the one at {@code failAt} fails. */
  private static final class Inputs {
    final List<CompletableFuture<Integer>> futures = new ArrayList<>();
    final List<Integer> completionOrder = new ArrayList<>();
    final RuntimeException failure = new IllegalStateException("planted");
    final int failAt;

    Inputs(int size, int failAt, boolean forwards) {
      this.failAt = failAt;
      for (int i = 0; i < size; i++) {
        futures.add(new CompletableFuture<>());
        completionOrder.add(forwards ? i : size - 1 - i);
      }
    }

    /** Completes the inputs in order, skipping any a gather has cancelled meanwhile. */
    void completeAll() {
      for (int index : completionOrder) {
        if (index == failAt) {
          futures.get(index).completeExceptionally(failure);
        } else {
          futures.get(index).complete(index * 10);
        }
      }
    }

    /** The inputs that were completed before the failing one. */
    List<Integer> completedBeforeFailure() {
      return completionOrder.subList(0, completionOrder.indexOf(failAt));
    }
  }

  @ParameterizedTest(name = "all: size {0}, failing at {1}, forwards {2}")
  @MethodSource("cases")
  void all(int size, int failAt, boolean forwards) {
    Inputs inputs = new Inputs(size, failAt, forwards);
    CompletableFuture<List<Integer>> gathered = Gather.all(inputs.futures);
    inputs.completeAll();
    if (failAt < 0) {
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        expected.add(i * 10);
      }
      assertEquals(expected, gathered.join());
      return;
    }
    CompletionException thrown =
        org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, gathered::join);
    assertSame(inputs.failure, thrown.getCause());
    List<Integer> before = inputs.completedBeforeFailure();
    for (int i = 0; i < size; i++) {
      if (i != failAt && !before.contains(i)) {
        assertTrue(inputs.futures.get(i).isCancelled(), "input " + i + " was not cancelled");
      }
    }
  }

  @ParameterizedTest(name = "settled: size {0}, failing at {1}, forwards {2}")
  @MethodSource("cases")
  void settled(int size, int failAt, boolean forwards) {
    Inputs inputs = new Inputs(size, failAt, forwards);
    CompletableFuture<List<Outcome<Integer>>> gathered = Gather.settled(inputs.futures);
    inputs.completeAll();
    List<Outcome<Integer>> outcomes = gathered.join();
    assertEquals(size, outcomes.size());
    for (int i = 0; i < size; i++) {
      if (i == failAt) {
        assertSame(inputs.failure, outcomes.get(i).error());
      } else {
        assertEquals(i * 10, outcomes.get(i).value());
      }
    }
  }

  @ParameterizedTest(name = "asCompleted: size {0}, failing at {1}, forwards {2}")
  @MethodSource("cases")
  void asCompleted(int size, int failAt, boolean forwards) {
    Inputs inputs = new Inputs(size, failAt, forwards);
    Iterable<CompletableFuture<Integer>> completed = Gather.asCompleted(inputs.futures);
    inputs.completeAll();
    List<CompletableFuture<Integer>> expected = new ArrayList<>();
    for (int index : inputs.completionOrder) {
      expected.add(inputs.futures.get(index));
    }
    List<CompletableFuture<Integer>> actual = new ArrayList<>();
    completed.forEach(actual::add);
    assertEquals(expected, actual);
  }

  @ParameterizedTest(name = "any: size {0}, failing at {1}, forwards {2}")
  @MethodSource("cases")
  void any(int size, int failAt, boolean forwards) {
    Inputs inputs = new Inputs(size, failAt, forwards);
    CompletableFuture<Integer> first = Gather.any(inputs.futures);
    inputs.completeAll();
    if (size == 0 || (size == 1 && failAt == 0)) {
      CompletionException thrown =
          org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, first::join);
      AllFailedException all = assertInstanceOf(AllFailedException.class, thrown.getCause());
      assertEquals(size, all.failures().size());
      return;
    }
    int winner =
        inputs.completionOrder.stream().filter(index -> index != failAt).findFirst().orElseThrow();
    assertEquals(winner * 10, first.join());
    for (int i = 0; i < size; i++) {
      int position = inputs.completionOrder.indexOf(i);
      if (position > inputs.completionOrder.indexOf(winner)) {
        assertTrue(inputs.futures.get(i).isCancelled(), "input " + i + " was not cancelled");
      }
    }
  }

  @ParameterizedTest(name = "any, every input failing: size {0}")
  @MethodSource("sizes")
  void anyWhenEveryInputFails(int size) {
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    List<RuntimeException> failures = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      futures.add(new CompletableFuture<>());
      failures.add(new IllegalStateException("failure " + i));
    }
    CompletableFuture<Integer> first = Gather.any(futures);
    for (int i = size - 1; i >= 0; i--) {
      futures.get(i).completeExceptionally(failures.get(i));
    }
    CompletionException thrown =
        org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, first::join);
    AllFailedException all = assertInstanceOf(AllFailedException.class, thrown.getCause());
    assertEquals(failures, all.failures(), "failures must be kept in input order");
    assertEquals(failures, List.of(all.getSuppressed()));
  }

  static Stream<Integer> sizes() {
    return Stream.iterate(0, size -> size <= 10, size -> size + 1);
  }
}
