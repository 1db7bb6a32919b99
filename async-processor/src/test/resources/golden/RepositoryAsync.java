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
 * The asynchronous twin of {@link Repository}: each of its {@code @Async} methods,
 * returning a {@link CompletableFuture} of its result.
 *
 * <p>Instance methods run on the executor given to the constructor;
 * static methods on {@link AsyncRuntime#defaultExecutor()}.
 */
@Generated("dev.asyncdsl.processor.AsyncProcessor")
public final class RepositoryAsync {
  /**
   * The methods of {@link Repository} and the policies each carries, as configuration keys name
   * them: the policies are built with the values configured ({@link PolicyConfig}).
   */
  private static final PolicyConfig.Twin CONFIG = PolicyConfig.twin("p.Repository")
      .method("find")
      .method("findAll")
      .method("empty");

  /**
   * The name of {@link #find(String)}, for the listeners that hear its calls.
   */
  private static final AsyncMethod FIND_METHOD = AsyncMethod.of(
      "p.Repository", "find", "Repository.find(String)");

  /**
   * The name of {@link #findAll(int)}, for the listeners that hear its calls.
   */
  private static final AsyncMethod FIND_ALL_METHOD = AsyncMethod.of(
      "p.Repository", "findAll", "Repository.findAll(int)");

  /**
   * The name of {@link #empty()}, for the listeners that hear its calls.
   */
  private static final AsyncMethod EMPTY_METHOD = AsyncMethod.of(
      "p.Repository", "empty", "Repository.empty()");

  static {
    CONFIG.complete();
  }

  /**
   * The object whose methods this twin runs.
   */
  private final Repository target;

  /**
   * Where the instance methods run.
   */
  private final Executor executor;

  /**
   * Runs the methods of {@code target} on {@link AsyncRuntime#defaultExecutor()}.
   *
   * @param target the object whose methods to run
   * @throws PolicyConfigException when the configuration of {@link Repository}'s policies is wrong
   */
  public RepositoryAsync(Repository target) {
    this(target, AsyncRuntime.defaultExecutor());
  }

  /**
   * Runs the methods of {@code target} on {@code executor}.
   *
   * @param target the object whose methods to run
   * @param executor where to run them
   * @throws PolicyConfigException when the configuration of {@link Repository}'s policies is wrong
   */
  public RepositoryAsync(Repository target, Executor executor) {
    CONFIG.check();
    this.target = Objects.requireNonNull(target, "target");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@link Repository#find(String)} on this twin's executor.
   *
   * @param id passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  public CompletableFuture<String> find(String id) {
    return AsyncRuntime.<String>call(this.executor, RepositoryAsync.FIND_METHOD,
        () -> this.target.find(id));
  }

  /**
   * Runs {@link #find(String)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  public CompletableFuture<List<String>> findAll(Iterable<? extends String> inputs) {
    return AsyncRuntime.<String, String>each(inputs, input -> this.find(input));
  }

  /**
   * Runs {@link Repository#findAll(int)} on this twin's executor.
   *
   * @param limit passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  public CompletableFuture<List<String>> findAll(int limit) {
    return AsyncRuntime.<List<String>>call(this.executor, RepositoryAsync.FIND_ALL_METHOD,
        () -> this.target.findAll(limit));
  }

  /**
   * Runs {@link #findAll(int)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  public CompletableFuture<List<List<String>>> findAllAll(Iterable<? extends Integer> inputs) {
    return AsyncRuntime.<Integer, List<String>>each(inputs, input -> this.findAll((int) input));
  }

  /**
   * Runs {@link Repository#empty()} on {@link AsyncRuntime#defaultExecutor()}.
   *
   * @return the method's result, or the exception it throws, as a future
   */
  public static CompletableFuture<Repository> empty() {
    return RepositoryAsync.CONFIG.<Repository>call(
        AsyncRuntime.defaultExecutor(), RepositoryAsync.EMPTY_METHOD, () -> Repository.empty());
  }
}
