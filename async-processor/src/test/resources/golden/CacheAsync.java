package p;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.PolicyConfig;
import dev.asyncdsl.PolicyConfigException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import javax.annotation.processing.Generated;

/**
 * The asynchronous twin of {@link Cache}: each of its {@code @Async} methods,
 * returning a {@link CompletableFuture} of its result.
 *
 * <p>Instance methods run on the executor given to the constructor;
 * static methods on {@link AsyncRuntime#defaultExecutor()}.
 *
 * @param <K> the type variable {@code K} of the wrapped object's type
 * @param <V> the type variable {@code V} of the wrapped object's type
 */
@Generated("dev.asyncdsl.processor.AsyncProcessor")
public final class CacheAsync<K, V extends Comparable<V>> {
  /**
   * The methods of {@link Cache} and the policies each carries, as configuration keys name
   * them: the policies are built with the values configured ({@link PolicyConfig}).
   */
  private static final PolicyConfig.Twin CONFIG = PolicyConfig.twin("p.Cache")
      .method("get")
      .method("put")
      .method("fold")
      .method("named");

  /**
   * The name of {@link #get(Object)}, for the listeners that hear its calls.
   */
  private static final AsyncMethod GET_METHOD = AsyncMethod.of(
      "p.Cache", "get", "Cache.get(Object)");

  /**
   * The name of {@link #put(Object, Comparable)}, for the listeners that hear its calls.
   */
  private static final AsyncMethod PUT_METHOD = AsyncMethod.of(
      "p.Cache", "put", "Cache.put(Object, Comparable)");

  /**
   * The name of {@link #fold(Object, BiFunction)}, for the listeners that hear its calls.
   */
  private static final AsyncMethod FOLD_METHOD = AsyncMethod.of(
      "p.Cache", "fold", "Cache.fold(Object, BiFunction)");

  /**
   * The name of {@link #named(Object)}, for the listeners that hear its calls.
   */
  private static final AsyncMethod NAMED_METHOD = AsyncMethod.of(
      "p.Cache", "named", "Cache.named(Object)");

  static {
    CONFIG.complete();
  }

  /**
   * The object whose methods this twin runs.
   */
  private final Cache<K, V> target;

  /**
   * Where the instance methods run.
   */
  private final Executor executor;

  /**
   * Runs the methods of {@code target} on {@link AsyncRuntime#defaultExecutor()}.
   *
   * @param target the object whose methods to run
   * @throws PolicyConfigException when the configuration of {@link Cache}'s policies is wrong
   */
  public CacheAsync(Cache<K, V> target) {
    this(target, AsyncRuntime.defaultExecutor());
  }

  /**
   * Runs the methods of {@code target} on {@code executor}.
   *
   * @param target the object whose methods to run
   * @param executor where to run them
   * @throws PolicyConfigException when the configuration of {@link Cache}'s policies is wrong
   */
  public CacheAsync(Cache<K, V> target, Executor executor) {
    CONFIG.check();
    this.target = Objects.requireNonNull(target, "target");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@link Cache#get(Object)} on this twin's executor.
   *
   * @param key passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  public CompletableFuture<Optional<V>> get(K key) {
    return AsyncRuntime.<Optional<V>>call(this.executor, CacheAsync.GET_METHOD,
        () -> this.target.get(key));
  }

  /**
   * Runs {@link #get(Object)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  public CompletableFuture<List<Optional<V>>> getAll(Iterable<? extends K> inputs) {
    return AsyncRuntime.<K, Optional<V>>each(inputs, input -> this.get(input));
  }

  /**
   * Runs {@link Cache#put(Object, Comparable)} on this twin's executor.
   *
   * @param key passed on as it is
   * @param value passed on as it is
   * @return the method's completion, or the exception it throws, as a future
   */
  public CompletableFuture<Void> put(K key, V value) {
    return AsyncRuntime.run(this.executor, CacheAsync.PUT_METHOD,
        () -> this.target.put(key, value));
  }

  /**
   * Runs {@link Cache#fold(Object, BiFunction)} on this twin's executor.
   *
   * @param <R> the method's type variable {@code R}
   * @param initial passed on as it is
   * @param step passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  public <R> CompletableFuture<R> fold(R initial, BiFunction<R, ? super V, R> step) {
    return AsyncRuntime.<R>call(this.executor, CacheAsync.FOLD_METHOD,
        () -> this.target.<R>fold(initial, step));
  }

  /**
   * Runs {@link Cache#named(Object)} on {@link AsyncRuntime#defaultExecutor()}.
   *
   * @param <T> the method's type variable {@code T}
   * @param name passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  public static <T> CompletableFuture<Cache<String, String>> named(T name) {
    return CacheAsync.CONFIG.<Cache<String, String>>call(
        AsyncRuntime.defaultExecutor(), CacheAsync.NAMED_METHOD, () -> Cache.<T>named(name));
  }

  /**
   * Runs {@link #named(Object)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param <T> the method's type variable {@code T}
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  public static <T> CompletableFuture<List<Cache<String, String>>> namedAll(
      Iterable<? extends T> inputs) {
    return AsyncRuntime.<T, Cache<String, String>>each(inputs, input -> CacheAsync.<T>named(input));
  }
}
