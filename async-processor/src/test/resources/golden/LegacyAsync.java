package p;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.PolicyConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * The asynchronous twin of {@link Legacy}: each of its {@code @Async} methods,
 * returning a {@link CompletableFuture} of its result.
 *
 * <p>Its methods run on {@link AsyncRuntime#defaultExecutor()}.
 */
@Generated("dev.asyncdsl.processor.AsyncProcessor")
final class LegacyAsync {
  /**
   * The methods of {@link Legacy} and the policies each carries, as configuration keys name
   * them: the policies are built with the values configured ({@link PolicyConfig}).
   */
  private static final PolicyConfig.Twin CONFIG = PolicyConfig.twin("p.Legacy")
      .method("reset")
      .method("count")
      .method("listOf")
      .method("rename");

  /**
   * The name of {@link #reset()}, for the listeners that hear its calls.
   */
  private static final AsyncMethod RESET_METHOD = AsyncMethod.of(
      "p.Legacy", "reset", "Legacy.reset()");

  /**
   * The name of {@link #count(List)}, for the listeners that hear its calls.
   */
  private static final AsyncMethod COUNT_METHOD = AsyncMethod.of(
      "p.Legacy", "count", "Legacy.count(List)");

  /**
   * The name of {@link #listOf(Object[])}, for the listeners that hear its calls.
   */
  private static final AsyncMethod LIST_OF_METHOD = AsyncMethod.of(
      "p.Legacy", "listOf", "Legacy.listOf(Object...)");

  /**
   * The name of {@link #rename(String, int)}, for the listeners that hear its calls.
   */
  private static final AsyncMethod RENAME_METHOD = AsyncMethod.of(
      "p.Legacy", "rename", "Legacy.rename(String, int)");

  static {
    CONFIG.complete();
  }

  /**
   * Not instantiated: the methods are static, with nothing to wrap.
   */
  private LegacyAsync() {
  }

  /**
   * Runs {@link Legacy#reset()} on {@link AsyncRuntime#defaultExecutor()}.
   *
   * @return the method's completion, or the exception it throws, as a future
   */
  @Deprecated
  @SuppressWarnings({"deprecation", "removal"})
  static CompletableFuture<Void> reset() {
    return LegacyAsync.CONFIG.run(AsyncRuntime.defaultExecutor(), LegacyAsync.RESET_METHOD,
        () -> Legacy.reset());
  }

  /**
   * Runs {@link Legacy#count(List)} on {@link AsyncRuntime#defaultExecutor()}.
   *
   * @param raw passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  @SuppressWarnings("rawtypes")
  static CompletableFuture<Integer> count(List raw) {
    return LegacyAsync.CONFIG.<Integer>call(
        AsyncRuntime.defaultExecutor(), LegacyAsync.COUNT_METHOD, () -> Legacy.count(raw));
  }

  /**
   * Runs {@link #count(List)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  @SuppressWarnings("rawtypes")
  static CompletableFuture<List<Integer>> countAll(Iterable<? extends List> inputs) {
    return AsyncRuntime.<List, Integer>each(inputs, input -> LegacyAsync.count(input));
  }

  /**
   * Runs {@link Legacy#listOf(Object[])} on {@link AsyncRuntime#defaultExecutor()}.
   *
   * @param <T> the method's type variable {@code T}
   * @param items passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  @SuppressWarnings("varargs")
  @SafeVarargs
  static <T> CompletableFuture<List<T>> listOf(T... items) {
    return LegacyAsync.CONFIG.<List<T>>call(
        AsyncRuntime.defaultExecutor(), LegacyAsync.LIST_OF_METHOD, () -> Legacy.<T>listOf(items));
  }

  /**
   * Runs {@link #listOf(Object[])} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param <T> the method's type variable {@code T}
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  @SuppressWarnings("varargs")
  static <T> CompletableFuture<List<List<T>>> listOfAll(Iterable<? extends T[]> inputs) {
    return AsyncRuntime.<T[], List<T>>each(inputs, input -> LegacyAsync.<T>listOf(input));
  }

  /**
   * Runs {@link Legacy#rename(String, int)} on {@link AsyncRuntime#defaultExecutor()}.
   *
   * @param AsyncRuntime_ passed on as it is
   * @param TimeUnit_ passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  static CompletableFuture<String> rename(String AsyncRuntime_, int TimeUnit_) {
    return LegacyAsync.CONFIG.<String>call(
        AsyncRuntime.defaultExecutor(), LegacyAsync.RENAME_METHOD,
        () -> Legacy.rename(AsyncRuntime_, TimeUnit_));
  }
}
