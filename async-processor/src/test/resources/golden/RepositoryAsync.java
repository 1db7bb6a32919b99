package p;

import dev.asyncdsl.AsyncRuntime;
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
  private final Repository target;

  private final Executor executor;

  /**
   * Runs the methods of {@code target} on {@link AsyncRuntime#defaultExecutor()}.
   */
  public RepositoryAsync(Repository target) {
    this(target, AsyncRuntime.defaultExecutor());
  }

  /**
   * Runs the methods of {@code target} on {@code executor}.
   */
  public RepositoryAsync(Repository target, Executor executor) {
    this.target = Objects.requireNonNull(target, "target");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@link Repository#find(String)} on this twin's executor.
   *
   * @return the method's result, or the exception it throws, as a future
   */
  public CompletableFuture<String> find(String id) {
    return AsyncRuntime.<String>call(this.executor, () -> this.target.find(id));
  }

  /**
   * Runs {@link #find(String)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   */
  public CompletableFuture<List<String>> findAll(Iterable<? extends String> inputs) {
    return AsyncRuntime.<String, String>each(inputs, input -> this.find(input));
  }

  /**
   * Runs {@link Repository#findAll(int)} on this twin's executor.
   *
   * @return the method's result, or the exception it throws, as a future
   */
  public CompletableFuture<List<String>> findAll(int limit) {
    return AsyncRuntime.<List<String>>call(this.executor, () -> this.target.findAll(limit));
  }

  /**
   * Runs {@link #findAll(int)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
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
    return AsyncRuntime.<Repository>call(AsyncRuntime.defaultExecutor(), () -> Repository.empty());
  }
}
