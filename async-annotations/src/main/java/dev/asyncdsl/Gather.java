package dev.asyncdsl;

import dev.asyncdsl.internal.Stages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs many calls at once and collects them: asyncio's {@code gather}, {@code as_completed} and
 * friends for {@link CompletionStage}s.
 *
 * <table>
 *   <caption>The gather modes</caption>
 *   <tr><th>method</th><th>result</th><th>when an input fails</th></tr>
 *   <tr><td>{@link #all(List)}</td><td>every result, in input order</td>
 *       <td>fails at once with that exception and cancels (interrupts) the rest</td></tr>
 *   <tr><td>{@link #settled(List)}</td><td>an {@link Outcome} per input, in input order</td>
 *       <td>never fails; the failure is that input's outcome</td></tr>
 *   <tr><td>{@link #asCompleted(List)}</td><td>the inputs, in the order they complete</td>
 *       <td>the failed input is yielded like any other</td></tr>
 *   <tr><td>{@link #any(List)}</td><td>the first successful result; the rest are cancelled</td>
 *       <td>fails only when all fail, with an {@link AllFailedException} holding every failure</td></tr>
 * </table>
 *
 * <p>Cancelling the future a gather returns cancels its inputs. A failure is always the input's own
 * exception, never a {@link java.util.concurrent.CompletionException} around it.
 */
public final class Gather {
  private Gather() {}

  /**
   * Every result, in input order. On the first failure the gathered future fails with that
   * exception and every input still running is cancelled with interrupt (asyncio's {@code
   * TaskGroup}, not its {@code gather}, which leaves the others running).
   *
   * @param <T> the type of the results
   * @param stages the inputs
   * @return every result in input order, or the first failure, as a future
   */
  public static <T> CompletableFuture<List<T>> all(
      List<? extends CompletionStage<? extends T>> stages) {
    return inInputOrder(futures(stages), (value, failure) -> value, true);
  }

  /**
   * An {@link Outcome} for every input, in input order, once all have completed; never fails
   * (asyncio's {@code gather(..., return_exceptions=True)}, typed).
   *
   * @param <T> the type of the results
   * @param stages the inputs
   * @return an outcome per input, in input order, as a future that does not fail
   */
  public static <T> CompletableFuture<List<Outcome<T>>> settled(
      List<? extends CompletionStage<? extends T>> stages) {
    return inInputOrder(
        futures(stages),
        (value, failure) -> failure == null ? Outcome.success(value) : Outcome.failure(failure),
        false);
  }

  /**
   * One slot per input, filled as each completes; the list once all are filled. With {@code
   * failFast}, the first failure fails the whole instead of filling its slot, after the other
   * inputs have been cancelled: whoever sees the failure sees them cancelled.
   */
  private static <T, S> CompletableFuture<List<S>> inInputOrder(
      List<CompletableFuture<? extends T>> inputs,
      BiFunction<T, Throwable, S> slot,
      boolean failFast) {
    int count = inputs.size();
    CompletableFuture<List<S>> gathered = new CompletableFuture<>();
    if (count == 0) {
      gathered.complete(List.of());
      return gathered;
    }
    Object[] slots = new Object[count];
    AtomicInteger remaining = new AtomicInteger(count);
    AtomicBoolean decided = new AtomicBoolean();
    for (int i = 0; i < count; i++) {
      int index = i;
      // handle(), not whenComplete(): the listener's own future then completes normally, where
      // whenComplete's would wrap a failure in a new CompletionException (a stack walk) per input.
      inputs
          .get(i)
          .handle(
              (value, failure) -> {
                if (decided.get()) {
                  return null; // one of the others failed first, and cancelled this one
                }
                if (failure != null && failFast) {
                  if (decided.compareAndSet(false, true)) {
                    Throwable passed = Stages.passOn(failure);
                    Stages.cancelAll(inputs, () -> gathered.completeExceptionally(passed));
                  }
                  return null;
                }
                slots[index] = slot.apply(value, failure == null ? null : Stages.unwrap(failure));
                if (remaining.decrementAndGet() == 0) {
                  gathered.complete(inOrder(slots));
                }
                return null;
              });
    }
    cancelInputsWhenCancelled(gathered, inputs, decided);
    return gathered;
  }

  /**
   * The inputs in the order they complete (asyncio's {@code as_completed}). Iterating blocks until
   * the next input completes; every future it yields is already done, so {@code join()} on it
   * returns or throws at once. The iterable may be iterated more than once; each iteration yields
   * the same order.
   *
   * @param <T> the type of the results
   * @param stages the inputs
   * @return the inputs as futures, in the order they complete
   */
  public static <T> Iterable<CompletableFuture<T>> asCompleted(
      List<? extends CompletionStage<? extends T>> stages) {
    List<CompletableFuture<? extends T>> inputs = futures(stages);
    CompletionOrder<T> order = new CompletionOrder<>(inputs.size());
    for (CompletableFuture<? extends T> input : inputs) {
      input.handle(
          (value, failure) -> {
            order.add(input);
            return null;
          });
    }
    return order;
  }

  /**
   * The first successful result; once there is one, the other inputs are cancelled with interrupt.
   * Fails only when every input fails, with an {@link AllFailedException} that holds every failure
   * in input order (an empty list fails that way at once).
   *
   * @param <T> the type of the results
   * @param stages the inputs
   * @return the first successful result, or an {@link AllFailedException}, as a future
   */
  public static <T> CompletableFuture<T> any(List<? extends CompletionStage<? extends T>> stages) {
    List<CompletableFuture<? extends T>> inputs = futures(stages);
    int count = inputs.size();
    CompletableFuture<T> first = new CompletableFuture<>();
    Throwable[] failures = new Throwable[count];
    AtomicInteger remaining = new AtomicInteger(count);
    AtomicBoolean decided = new AtomicBoolean();
    if (count == 0) {
      first.completeExceptionally(new AllFailedException(List.of()));
      return first;
    }
    for (int i = 0; i < count; i++) {
      int index = i;
      inputs
          .get(i)
          .handle(
              (value, failure) -> {
                if (decided.get()) {
                  return null;
                }
                if (failure == null) {
                  if (decided.compareAndSet(false, true)) {
                    // The others first, so whoever sees the answer sees them cancelled.
                    Stages.cancelAll(inputs, () -> first.complete(value));
                  }
                } else {
                  failures[index] = Stages.unwrap(failure);
                  if (remaining.decrementAndGet() == 0 && decided.compareAndSet(false, true)) {
                    first.completeExceptionally(new AllFailedException(Arrays.asList(failures)));
                  }
                }
                return null;
              });
    }
    cancelInputsWhenCancelled(first, inputs, decided);
    return first;
  }

  /**
   * Gathers 2 futures of different types; fails fast like {@link #all(List)}.
   *
   * @param <A> the type of the first result
   * @param <B> the type of the second result
   * @param first the first input
   * @param second the second input
   * @return the results as a {@link Tuple2}, or the first failure, as a future
   */
  @SuppressWarnings("unchecked")
  public static <A, B> CompletableFuture<Tuple2<A, B>> all(
      CompletionStage<? extends A> first, CompletionStage<? extends B> second) {
    return combine(
        List.of(first, second), results -> new Tuple2<>((A) results.get(0), (B) results.get(1)));
  }

  /**
   * Gathers 3 futures of different types; fails fast like {@link #all(List)}.
   *
   * @param <A> the type of the first result
   * @param <B> the type of the second result
   * @param <C> the type of the third result
   * @param first the first input
   * @param second the second input
   * @param third the third input
   * @return the results as a {@link Tuple3}, or the first failure, as a future
   */
  @SuppressWarnings("unchecked")
  public static <A, B, C> CompletableFuture<Tuple3<A, B, C>> all(
      CompletionStage<? extends A> first,
      CompletionStage<? extends B> second,
      CompletionStage<? extends C> third) {
    return combine(
        List.of(first, second, third),
        results -> new Tuple3<>((A) results.get(0), (B) results.get(1), (C) results.get(2)));
  }

  /**
   * Gathers 4 futures of different types; fails fast like {@link #all(List)}.
   *
   * @param <A> the type of the first result
   * @param <B> the type of the second result
   * @param <C> the type of the third result
   * @param <D> the type of the fourth result
   * @param first the first input
   * @param second the second input
   * @param third the third input
   * @param fourth the fourth input
   * @return the results as a {@link Tuple4}, or the first failure, as a future
   */
  @SuppressWarnings("unchecked")
  public static <A, B, C, D> CompletableFuture<Tuple4<A, B, C, D>> all(
      CompletionStage<? extends A> first,
      CompletionStage<? extends B> second,
      CompletionStage<? extends C> third,
      CompletionStage<? extends D> fourth) {
    return combine(
        List.of(first, second, third, fourth),
        results ->
            new Tuple4<>(
                (A) results.get(0), (B) results.get(1), (C) results.get(2), (D) results.get(3)));
  }

  /**
   * Gathers 5 futures of different types; fails fast like {@link #all(List)}.
   *
   * @param <A> the type of the first result
   * @param <B> the type of the second result
   * @param <C> the type of the third result
   * @param <D> the type of the fourth result
   * @param <E> the type of the fifth result
   * @param first the first input
   * @param second the second input
   * @param third the third input
   * @param fourth the fourth input
   * @param fifth the fifth input
   * @return the results as a {@link Tuple5}, or the first failure, as a future
   */
  @SuppressWarnings("unchecked")
  public static <A, B, C, D, E> CompletableFuture<Tuple5<A, B, C, D, E>> all(
      CompletionStage<? extends A> first,
      CompletionStage<? extends B> second,
      CompletionStage<? extends C> third,
      CompletionStage<? extends D> fourth,
      CompletionStage<? extends E> fifth) {
    return combine(
        List.of(first, second, third, fourth, fifth),
        results ->
            new Tuple5<>(
                (A) results.get(0),
                (B) results.get(1),
                (C) results.get(2),
                (D) results.get(3),
                (E) results.get(4)));
  }

  /**
   * Gathers 6 futures of different types; fails fast like {@link #all(List)}.
   *
   * @param <A> the type of the first result
   * @param <B> the type of the second result
   * @param <C> the type of the third result
   * @param <D> the type of the fourth result
   * @param <E> the type of the fifth result
   * @param <F> the type of the sixth result
   * @param first the first input
   * @param second the second input
   * @param third the third input
   * @param fourth the fourth input
   * @param fifth the fifth input
   * @param sixth the sixth input
   * @return the results as a {@link Tuple6}, or the first failure, as a future
   */
  @SuppressWarnings("unchecked")
  public static <A, B, C, D, E, F> CompletableFuture<Tuple6<A, B, C, D, E, F>> all(
      CompletionStage<? extends A> first,
      CompletionStage<? extends B> second,
      CompletionStage<? extends C> third,
      CompletionStage<? extends D> fourth,
      CompletionStage<? extends E> fifth,
      CompletionStage<? extends F> sixth) {
    return combine(
        List.of(first, second, third, fourth, fifth, sixth),
        results ->
            new Tuple6<>(
                (A) results.get(0),
                (B) results.get(1),
                (C) results.get(2),
                (D) results.get(3),
                (E) results.get(4),
                (F) results.get(5)));
  }

  /**
   * Gathers 7 futures of different types; fails fast like {@link #all(List)}.
   *
   * @param <A> the type of the first result
   * @param <B> the type of the second result
   * @param <C> the type of the third result
   * @param <D> the type of the fourth result
   * @param <E> the type of the fifth result
   * @param <F> the type of the sixth result
   * @param <G> the type of the seventh result
   * @param first the first input
   * @param second the second input
   * @param third the third input
   * @param fourth the fourth input
   * @param fifth the fifth input
   * @param sixth the sixth input
   * @param seventh the seventh input
   * @return the results as a {@link Tuple7}, or the first failure, as a future
   */
  @SuppressWarnings("unchecked")
  public static <A, B, C, D, E, F, G> CompletableFuture<Tuple7<A, B, C, D, E, F, G>> all(
      CompletionStage<? extends A> first,
      CompletionStage<? extends B> second,
      CompletionStage<? extends C> third,
      CompletionStage<? extends D> fourth,
      CompletionStage<? extends E> fifth,
      CompletionStage<? extends F> sixth,
      CompletionStage<? extends G> seventh) {
    return combine(
        List.of(first, second, third, fourth, fifth, sixth, seventh),
        results ->
            new Tuple7<>(
                (A) results.get(0),
                (B) results.get(1),
                (C) results.get(2),
                (D) results.get(3),
                (E) results.get(4),
                (F) results.get(5),
                (G) results.get(6)));
  }

  /**
   * Gathers 8 futures of different types; fails fast like {@link #all(List)}.
   *
   * @param <A> the type of the first result
   * @param <B> the type of the second result
   * @param <C> the type of the third result
   * @param <D> the type of the fourth result
   * @param <E> the type of the fifth result
   * @param <F> the type of the sixth result
   * @param <G> the type of the seventh result
   * @param <H> the type of the eighth result
   * @param first the first input
   * @param second the second input
   * @param third the third input
   * @param fourth the fourth input
   * @param fifth the fifth input
   * @param sixth the sixth input
   * @param seventh the seventh input
   * @param eighth the eighth input
   * @return the results as a {@link Tuple8}, or the first failure, as a future
   */
  @SuppressWarnings("unchecked")
  public static <A, B, C, D, E, F, G, H> CompletableFuture<Tuple8<A, B, C, D, E, F, G, H>> all(
      CompletionStage<? extends A> first,
      CompletionStage<? extends B> second,
      CompletionStage<? extends C> third,
      CompletionStage<? extends D> fourth,
      CompletionStage<? extends E> fifth,
      CompletionStage<? extends F> sixth,
      CompletionStage<? extends G> seventh,
      CompletionStage<? extends H> eighth) {
    return combine(
        List.of(first, second, third, fourth, fifth, sixth, seventh, eighth),
        results ->
            new Tuple8<>(
                (A) results.get(0),
                (B) results.get(1),
                (C) results.get(2),
                (D) results.get(3),
                (E) results.get(4),
                (F) results.get(5),
                (G) results.get(6),
                (H) results.get(7)));
  }

  private static <R> CompletableFuture<R> combine(
      List<CompletionStage<?>> stages, Function<List<Object>, R> build) {
    CompletableFuture<List<Object>> gathered = all(stages);
    CompletableFuture<R> combined = new CompletableFuture<>();
    gathered.whenComplete(
        (results, failure) -> {
          if (failure != null) {
            combined.completeExceptionally(failure); // the inputs were cancelled before
          } else {
            combined.complete(build.apply(results));
          }
        });
    combined.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            gathered.cancel(true);
          }
        });
    return combined;
  }

  /** Cancels the inputs when the gather's own future is completed from outside (cancelled). */
  private static void cancelInputsWhenCancelled(
      CompletableFuture<?> gathered,
      List<? extends CompletableFuture<?>> inputs,
      AtomicBoolean decided) {
    gathered.whenComplete(
        (value, failure) -> {
          if (failure != null && decided.compareAndSet(false, true)) {
            Stages.cancelAll(inputs);
          }
        });
  }

  /**
   * The stages as futures. A null among them fails the call at once, and cancels the others, which
   * the caller has started and nobody would be left to stop.
   */
  private static <T> List<CompletableFuture<? extends T>> futures(
      List<? extends CompletionStage<? extends T>> stages) {
    List<CompletableFuture<? extends T>> futures = new ArrayList<>(stages.size());
    for (CompletionStage<? extends T> stage : stages) {
      if (stage == null) {
        List<CompletionStage<?>> started = new ArrayList<>();
        for (CompletionStage<? extends T> other : stages) {
          if (other != null) {
            started.add(other);
          }
        }
        Stages.cancelAll(started);
        throw new NullPointerException(
            "input " + futures.size() + " of the gather is null; the other inputs were cancelled");
      }
      futures.add(stage.toCompletableFuture());
    }
    return futures;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> inOrder(Object[] results) {
    return Collections.unmodifiableList(Arrays.asList((T[]) results));
  }

  /** The inputs of {@link #asCompleted}, appended as they complete. */
  private static final class CompletionOrder<T> implements Iterable<CompletableFuture<T>> {
    private final int expected;
    private final List<CompletableFuture<T>> completed = new ArrayList<>();

    CompletionOrder(int expected) {
      this.expected = expected;
    }

    @SuppressWarnings("unchecked")
    synchronized void add(CompletableFuture<? extends T> future) {
      // A CompletableFuture<? extends T> only ever gives out Ts: reading it as one of T is safe.
      completed.add((CompletableFuture<T>) future);
      notifyAll();
    }

    /**
     * The {@code index}th input to complete, once it has. An interrupted wait throws {@link
     * WaitInterruptedException} with the flag set again; the element is not consumed, so the next
     * {@code next()} yields it.
     */
    synchronized CompletableFuture<T> awaitCompleted(int index) {
      while (completed.size() <= index) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new WaitInterruptedException(
              "interrupted while waiting for the next completed input", e);
        }
      }
      return completed.get(index);
    }

    @Override
    public Iterator<CompletableFuture<T>> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < expected;
        }

        @Override
        public CompletableFuture<T> next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          CompletableFuture<T> completed = awaitCompleted(next);
          next++; // only now: an interrupted wait must not skip an input
          return completed;
        }
      };
    }
  }
}
