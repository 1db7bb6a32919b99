package p;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.PolicyConfig;
import dev.asyncdsl.PolicyConfigException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.annotation.processing.Generated;

/**
 * The asynchronous twin of {@link Service}: each of its {@code @Async} methods,
 * returning a {@link CompletableFuture} of its result.
 *
 * <p>Instance methods run on the executor given to the constructor;
 * static methods on {@link AsyncRuntime#defaultExecutor()}.
 */
@Generated("dev.asyncdsl.processor.AsyncProcessor")
public final class ServiceAsync {
  /**
   * The methods of {@link Service} and the policies each carries, as configuration keys name
   * them: the policies are built with the values configured ({@link PolicyConfig}).
   */
  private static final PolicyConfig.Twin CONFIG = PolicyConfig.twin("p.Service")
      .method("square", "Timeout")
      .method("record", "Timeout")
      .method("largest", "Timeout")
      .method("merge", "Timeout")
      .method("priceOf", "Timeout")
      .method("total", "Timeout")
      .method("load", "Timeout")
      .method("sum", "Timeout")
      .method("join", "Timeout")
      .method("flags", "Timeout");

  /**
   * The name and timeout of {@link #square(int)}, for its timeout's message
   * and the listeners that hear its calls: the configured timeout, if any.
   */
  private static final AsyncRuntime.TimedMethod SQUARE_TIMEOUT = CONFIG.timed(
      AsyncMethod.of("p.Service", "square", "Service.square(int)"), 30L, TimeUnit.SECONDS);

  /**
   * The name and timeout of {@link #record(String)}, for its timeout's message
   * and the listeners that hear its calls: the configured timeout, if any.
   */
  private static final AsyncRuntime.TimedMethod RECORD_TIMEOUT = CONFIG.timed(
      AsyncMethod.of("p.Service", "record", "Service.record(String)"), 30L, TimeUnit.SECONDS);

  /**
   * The name and timeout of {@link #largest(List)}, for its timeout's message
   * and the listeners that hear its calls: the configured timeout, if any.
   */
  private static final AsyncRuntime.TimedMethod LARGEST_TIMEOUT = CONFIG.timed(
      AsyncMethod.of("p.Service", "largest", "Service.largest(List)"), 30L, TimeUnit.SECONDS);

  /**
   * The name and timeout of {@link #merge(Map, Map)}, for its timeout's message
   * and the listeners that hear its calls: the configured timeout, if any.
   */
  private static final AsyncRuntime.TimedMethod MERGE_TIMEOUT = CONFIG.timed(
      AsyncMethod.of("p.Service", "merge", "Service.merge(Map, Map)"), 30L, TimeUnit.SECONDS);

  /**
   * The name and timeout of {@link #priceOf(String)}, for its timeout's message
   * and the listeners that hear its calls: the configured timeout, if any.
   */
  private static final AsyncRuntime.TimedMethod PRICE_OF_TIMEOUT = CONFIG.timed(
      AsyncMethod.of("p.Service", "priceOf", "Service.priceOf(String)"), 30L, TimeUnit.SECONDS);

  /**
   * The name and timeout of {@link #total()}, for its timeout's message
   * and the listeners that hear its calls: the configured timeout, if any.
   */
  private static final AsyncRuntime.TimedMethod TOTAL_TIMEOUT = CONFIG.timed(
      AsyncMethod.of("p.Service", "total", "Service.total()"), 30L, TimeUnit.SECONDS);

  /**
   * The name and timeout of {@link #load(String)}, for its timeout's message
   * and the listeners that hear its calls: the configured timeout, if any.
   */
  private static final AsyncRuntime.TimedMethod LOAD_TIMEOUT = CONFIG.timed(
      AsyncMethod.of("p.Service", "load", "Service.load(String)"), 250L, TimeUnit.MILLISECONDS);

  /**
   * The name and timeout of {@link #sum(long[])}, for its timeout's message
   * and the listeners that hear its calls: the configured timeout, if any.
   */
  private static final AsyncRuntime.TimedMethod SUM_TIMEOUT = CONFIG.timed(
      AsyncMethod.of("p.Service", "sum", "Service.sum(long...)"), 30L, TimeUnit.SECONDS);

  /**
   * The name and timeout of {@link #join(String, String[])}, for its timeout's message
   * and the listeners that hear its calls: the configured timeout, if any.
   */
  private static final AsyncRuntime.TimedMethod JOIN_TIMEOUT = CONFIG.timed(
      AsyncMethod.of("p.Service", "join", "Service.join(String, String...)"),
      30L, TimeUnit.SECONDS);

  /**
   * The name and timeout of {@link #flags(byte, short, char, float, double)}, for its timeout's message
   * and the listeners that hear its calls: the configured timeout, if any.
   */
  private static final AsyncRuntime.TimedMethod FLAGS_TIMEOUT = CONFIG.timed(
      AsyncMethod.of("p.Service", "flags", "Service.flags(byte, short, char, float, double)"),
      30L, TimeUnit.SECONDS);

  static {
    CONFIG.complete();
  }

  /**
   * The object whose methods this twin runs.
   */
  private final Service target;

  /**
   * Where the instance methods run.
   */
  private final Executor executor;

  /**
   * Runs the methods of {@code target} on {@link AsyncRuntime#defaultExecutor()}.
   *
   * @param target the object whose methods to run
   * @throws PolicyConfigException when the configuration of {@link Service}'s policies is wrong
   */
  public ServiceAsync(Service target) {
    this(target, AsyncRuntime.defaultExecutor());
  }

  /**
   * Runs the methods of {@code target} on {@code executor}.
   *
   * @param target the object whose methods to run
   * @param executor where to run them
   * @throws PolicyConfigException when the configuration of {@link Service}'s policies is wrong
   */
  public ServiceAsync(Service target, Executor executor) {
    CONFIG.check();
    this.target = Objects.requireNonNull(target, "target");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@link Service#square(int)} on {@link AsyncRuntime#defaultExecutor()},
   * failing with a {@link TimeoutException} after 30 seconds.
   *
   * @param x passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  public static CompletableFuture<Integer> square(int x) {
    return AsyncRuntime.<Integer>call(AsyncRuntime.defaultExecutor(), ServiceAsync.SQUARE_TIMEOUT,
        () -> Service.square(x));
  }

  /**
   * Runs {@link #square(int)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  public static CompletableFuture<List<Integer>> squareAll(Iterable<? extends Integer> inputs) {
    return AsyncRuntime.<Integer, Integer>each(inputs, input -> ServiceAsync.square((int) input));
  }

  /**
   * Runs {@link Service#record(String)} on this twin's executor,
   * failing with a {@link TimeoutException} after 30 seconds.
   *
   * @param entry passed on as it is
   * @return the method's completion, or the exception it throws, as a future
   */
  public CompletableFuture<Void> record(String entry) {
    return AsyncRuntime.run(this.executor, ServiceAsync.RECORD_TIMEOUT,
        () -> this.target.record(entry));
  }

  /**
   * Runs {@link #record(String)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  public CompletableFuture<List<Void>> recordAll(Iterable<? extends String> inputs) {
    return AsyncRuntime.<String, Void>each(inputs, input -> this.record(input));
  }

  /**
   * Runs {@link Service#largest(List)} on this twin's executor,
   * failing with a {@link TimeoutException} after 30 seconds.
   *
   * @param <T> the method's type variable {@code T}
   * @param values passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  public <T extends Comparable<? super T>> CompletableFuture<T> largest(List<? extends T> values) {
    return AsyncRuntime.<T>call(this.executor, ServiceAsync.LARGEST_TIMEOUT,
        () -> this.target.<T>largest(values));
  }

  /**
   * Runs {@link #largest(List)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param <T> the method's type variable {@code T}
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  public <T extends Comparable<? super T>> CompletableFuture<List<T>> largestAll(
      Iterable<? extends List<? extends T>> inputs) {
    return AsyncRuntime.<List<? extends T>, T>each(inputs, input -> this.<T>largest(input));
  }

  /**
   * Runs {@link Service#merge(Map, Map)} on this twin's executor,
   * failing with a {@link TimeoutException} after 30 seconds.
   *
   * @param <K> the method's type variable {@code K}
   * @param <V> the method's type variable {@code V}
   * @param left passed on as it is
   * @param right passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  public <K, V> CompletableFuture<Map<K, V>> merge(Map<K, V> left,
      Map<? extends K, ? extends V> right) {
    return AsyncRuntime.<Map<K, V>>call(this.executor, ServiceAsync.MERGE_TIMEOUT,
        () -> this.target.<K, V>merge(left, right));
  }

  /**
   * Runs {@link Service#priceOf(String)} on this twin's executor,
   * failing with a {@link TimeoutException} after 30 seconds.
   *
   * @param item passed on as it is
   * @return the result of the stage the method returns, or the exception it throws, as a future
   */
  public CompletableFuture<Integer> priceOf(String item) {
    return AsyncRuntime.<Integer>relay(this.executor, ServiceAsync.PRICE_OF_TIMEOUT,
        () -> this.target.priceOf(item));
  }

  /**
   * Runs {@link #priceOf(String)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  public CompletableFuture<List<Integer>> priceOfAll(Iterable<? extends String> inputs) {
    return AsyncRuntime.<String, Integer>each(inputs, input -> this.priceOf(input));
  }

  /**
   * Runs {@link Service#total()} on this twin's executor,
   * failing with a {@link TimeoutException} after 30 seconds.
   *
   * @return the result of the stage the method returns, or the exception it throws, as a future
   */
  public CompletableFuture<Number> total() {
    return AsyncRuntime.<Number>relay(this.executor, ServiceAsync.TOTAL_TIMEOUT,
        () -> this.target.total());
  }

  /**
   * Runs {@link Service#load(String)} on this twin's executor,
   * failing with a {@link TimeoutException} after 250 milliseconds.
   *
   * @param path passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  public CompletableFuture<String> load(String path) {
    return AsyncRuntime.<String>call(this.executor, ServiceAsync.LOAD_TIMEOUT,
        () -> this.target.load(path));
  }

  /**
   * Runs {@link #load(String)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  public CompletableFuture<List<String>> loadAll(Iterable<? extends String> inputs) {
    return AsyncRuntime.<String, String>each(inputs, input -> this.load(input));
  }

  /**
   * Runs {@link Service#sum(long[])} on {@link AsyncRuntime#defaultExecutor()},
   * failing with a {@link TimeoutException} after 30 seconds.
   *
   * @param values passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  public static CompletableFuture<Long> sum(long... values) {
    return AsyncRuntime.<Long>call(AsyncRuntime.defaultExecutor(), ServiceAsync.SUM_TIMEOUT,
        () -> Service.sum(values));
  }

  /**
   * Runs {@link #sum(long[])} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  public static CompletableFuture<List<Long>> sumAll(Iterable<? extends long[]> inputs) {
    return AsyncRuntime.<long[], Long>each(inputs, input -> ServiceAsync.sum(input));
  }

  /**
   * Runs {@link Service#join(String, String[])} on this twin's executor,
   * failing with a {@link TimeoutException} after 30 seconds.
   *
   * @param separator passed on as it is
   * @param parts passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  public CompletableFuture<String> join(String separator, String... parts) {
    return AsyncRuntime.<String>call(this.executor, ServiceAsync.JOIN_TIMEOUT,
        () -> this.target.join(separator, parts));
  }

  /**
   * Runs {@link Service#flags(byte, short, char, float, double)} on this twin's executor,
   * failing with a {@link TimeoutException} after 30 seconds.
   *
   * @param b passed on as it is
   * @param s passed on as it is
   * @param c passed on as it is
   * @param f passed on as it is
   * @param d passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  public CompletableFuture<boolean[]> flags(byte b, short s, char c, float f, double d) {
    return AsyncRuntime.<boolean[]>call(this.executor, ServiceAsync.FLAGS_TIMEOUT,
        () -> this.target.flags(b, s, c, f, d));
  }
}
