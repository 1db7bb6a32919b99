package p;

import dev.asyncdsl.AsyncRuntime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.annotation.processing.Generated;

/**
 * The asynchronous twin of {@link Outer.Inner}: each of its {@code @Async} methods,
 * returning a {@link CompletableFuture} of its result.
 *
 * <p>Instance methods run on the executor given to the constructor;
 * static methods on {@link AsyncRuntime#defaultExecutor()}.
 */
@Generated("dev.asyncdsl.processor.AsyncProcessor")
public final class Outer_InnerAsync<T> {
  private final Outer<T>.Inner target;

  private final Executor executor;

  /**
   * Runs the methods of {@code target} on {@link AsyncRuntime#defaultExecutor()}.
   */
  public Outer_InnerAsync(Outer<T>.Inner target) {
    this(target, AsyncRuntime.defaultExecutor());
  }

  /**
   * Runs the methods of {@code target} on {@code executor}.
   */
  public Outer_InnerAsync(Outer<T>.Inner target, Executor executor) {
    this.target = Objects.requireNonNull(target, "target");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@link Outer.Inner#first(List)} on this twin's executor.
   *
   * @return the method's result, or the exception it throws, as a future
   */
  public CompletableFuture<T> first(List<T> items) {
    return AsyncRuntime.<T>call(this.executor, () -> this.target.first(items));
  }

  /**
   * Runs {@link #first(List)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   */
  public CompletableFuture<List<T>> firstAll(Iterable<? extends List<T>> inputs) {
    return AsyncRuntime.<List<T>, T>each(inputs, input -> this.first(input));
  }
}
