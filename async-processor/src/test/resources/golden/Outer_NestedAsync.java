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
 * The asynchronous twin of {@link Outer.Nested}: each of its {@code @Async} methods,
 * returning a {@link CompletableFuture} of its result.
 *
 * <p>Instance methods run on the executor given to the constructor;
 * static methods on {@link AsyncRuntime#defaultExecutor()}.
 */
@Generated("dev.asyncdsl.processor.AsyncProcessor")
final class Outer_NestedAsync {
  /**
   * The methods of {@link Outer.Nested} and the policies each carries, as configuration keys name
   * them: the policies are built with the values configured ({@link PolicyConfig}).
   */
  private static final PolicyConfig.Twin CONFIG = PolicyConfig.twin("p.Outer$Nested")
      .method("ping")
      .method("size");

  /**
   * The name of {@link #ping()}, for the listeners that hear its calls.
   */
  private static final AsyncMethod PING_METHOD = AsyncMethod.of(
      "p.Outer$Nested", "ping", "Outer.Nested.ping()");

  /**
   * The name of {@link #size(String)}, for the listeners that hear its calls.
   */
  private static final AsyncMethod SIZE_METHOD = AsyncMethod.of(
      "p.Outer$Nested", "size", "Outer.Nested.size(String)");

  static {
    CONFIG.complete();
  }

  /**
   * The object whose methods this twin runs.
   */
  private final Outer.Nested target;

  /**
   * Where the instance methods run.
   */
  private final Executor executor;

  /**
   * Runs the methods of {@code target} on {@link AsyncRuntime#defaultExecutor()}.
   *
   * @param target the object whose methods to run
   * @throws PolicyConfigException when the configuration of {@link Outer.Nested}'s policies is wrong
   */
  Outer_NestedAsync(Outer.Nested target) {
    this(target, AsyncRuntime.defaultExecutor());
  }

  /**
   * Runs the methods of {@code target} on {@code executor}.
   *
   * @param target the object whose methods to run
   * @param executor where to run them
   * @throws PolicyConfigException when the configuration of {@link Outer.Nested}'s policies is wrong
   */
  Outer_NestedAsync(Outer.Nested target, Executor executor) {
    CONFIG.check();
    this.target = Objects.requireNonNull(target, "target");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@link Outer.Nested#ping()} on {@link AsyncRuntime#defaultExecutor()}.
   *
   * @return the method's result, or the exception it throws, as a future
   */
  static CompletableFuture<String> ping() {
    return Outer_NestedAsync.CONFIG.<String>call(
        AsyncRuntime.defaultExecutor(), Outer_NestedAsync.PING_METHOD, () -> Outer.Nested.ping());
  }

  /**
   * Runs {@link Outer.Nested#size(String)} on this twin's executor.
   *
   * @param text passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  CompletableFuture<Integer> size(String text) {
    return AsyncRuntime.<Integer>call(this.executor, Outer_NestedAsync.SIZE_METHOD,
        () -> this.target.size(text));
  }

  /**
   * Runs {@link #size(String)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  CompletableFuture<List<Integer>> sizeAll(Iterable<? extends String> inputs) {
    return AsyncRuntime.<String, Integer>each(inputs, input -> this.size(input));
  }
}
