package p;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.PolicyConfig;
import dev.asyncdsl.PolicyConfigException;
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
 *
 * @param <T> the type variable {@code T} of the wrapped object's type
 */
@Generated("dev.asyncdsl.processor.AsyncProcessor")
public final class Outer_InnerAsync<T> {
  /**
   * The methods of {@link Outer.Inner} and the policies each carries, as configuration keys name
   * them: the policies are built with the values configured ({@link PolicyConfig}).
   */
  private static final PolicyConfig.Twin CONFIG = PolicyConfig.twin("p.Outer$Inner")
      .method("first");

  /**
   * The name of {@link #first(List)}, for the listeners that hear its calls.
   */
  private static final AsyncMethod FIRST_METHOD = AsyncMethod.of(
      "p.Outer$Inner", "first", "Outer.Inner.first(List)");

  static {
    CONFIG.complete();
  }

  /**
   * The object whose methods this twin runs.
   */
  private final Outer<T>.Inner target;

  /**
   * Where the instance methods run.
   */
  private final Executor executor;

  /**
   * Runs the methods of {@code target} on {@link AsyncRuntime#defaultExecutor()}.
   *
   * @param target the object whose methods to run
   * @throws PolicyConfigException when the configuration of {@link Outer.Inner}'s policies is wrong
   */
  public Outer_InnerAsync(Outer<T>.Inner target) {
    this(target, AsyncRuntime.defaultExecutor());
  }

  /**
   * Runs the methods of {@code target} on {@code executor}.
   *
   * @param target the object whose methods to run
   * @param executor where to run them
   * @throws PolicyConfigException when the configuration of {@link Outer.Inner}'s policies is wrong
   */
  public Outer_InnerAsync(Outer<T>.Inner target, Executor executor) {
    CONFIG.check();
    this.target = Objects.requireNonNull(target, "target");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@link Outer.Inner#first(List)} on this twin's executor.
   *
   * @param items passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  public CompletableFuture<T> first(List<T> items) {
    return AsyncRuntime.<T>call(this.executor, Outer_InnerAsync.FIRST_METHOD,
        () -> this.target.first(items));
  }

  /**
   * Runs {@link #first(List)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  public CompletableFuture<List<T>> firstAll(Iterable<? extends List<T>> inputs) {
    return AsyncRuntime.<List<T>, T>each(inputs, input -> this.first(input));
  }
}
