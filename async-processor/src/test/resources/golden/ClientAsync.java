package p;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.FaultTolerance;
import dev.asyncdsl.PolicyConfig;
import dev.asyncdsl.PolicyConfigException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.annotation.processing.Generated;

/**
 * The asynchronous twin of {@link Client}: each of its {@code @Async} methods,
 * returning a {@link CompletableFuture} of its result.
 *
 * <p>Instance methods run on the executor given to the constructor;
 * static methods on {@link AsyncRuntime#defaultExecutor()}.
 */
@Generated("dev.asyncdsl.processor.AsyncProcessor")
public final class ClientAsync {
  /**
   * The methods of {@link Client} and the policies each carries, as configuration keys name
   * them: the policies are built with the values configured ({@link PolicyConfig}).
   */
  private static final PolicyConfig.Twin CONFIG = PolicyConfig.twin("p.Client")
      .method("fetch", "Timeout", "Retry", "CircuitBreaker", "Bulkhead", "Fallback")
      .method("send", "Retry", "Fallback")
      .method("size", "Retry", "CircuitBreaker")
      .method("version", "Retry");

  /**
   * The fault tolerance of {@link #fetch(String)}:
   * a timeout of 2 seconds per attempt,
   * up to 4 retries, 100 milliseconds apart and 2.0 times longer each time,
   * a circuit breaker that opens for 10 seconds once 75% of the last 4 calls failed,
   * a bulkhead of 5 running and 20 waiting
   * and a fallback to {@code cached}.
   * Its state is shared by every twin of {@link Client}, unless made with {@link FaultTolerance.StateScope#TWIN}.
   */
  private static final FaultTolerance FETCH_POLICY = FaultTolerance.of(
          AsyncMethod.of("p.Client", "fetch", "Client.fetch(String)"))
      .timeout(2L, TimeUnit.SECONDS)
      .retry(4)
      .retryDelay(100L, TimeUnit.MILLISECONDS)
      .retryJitter(20L, TimeUnit.MILLISECONDS)
      .retryBackoff(2.0, 1L, TimeUnit.SECONDS)
      .retryOn(failure -> !(failure instanceof FileNotFoundException) &&
          (failure instanceof IOException || failure instanceof UncheckedIOException))
      .retryOnNames("java.io.IOException", "java.io.UncheckedIOException")
      .abortOnNames("java.io.FileNotFoundException")
      .circuitBreaker(4, 0.75, 10L, TimeUnit.SECONDS, 1)
      .bulkhead(5, 20)
      .fallbackOn(failure -> failure instanceof IOException)
      .fallbackApplyOnNames("java.io.IOException")
      .build(CONFIG);

  /**
   * The fault tolerance of {@link #send(String)}:
   * up to 2 retries
   * and a fallback to {@code nothing}.
   */
  private static final FaultTolerance SEND_POLICY = FaultTolerance.of(
          AsyncMethod.of("p.Client", "send", "Client.send(String)"))
      .retry(2)
      .build(CONFIG);

  /**
   * The fault tolerance of {@link #size(String)}:
   * up to 2 retries
   * and a circuit breaker that opens for 5000 milliseconds once 50% of the last 20 calls failed.
   * Its state is shared by every twin of {@link Client}, unless made with {@link FaultTolerance.StateScope#TWIN}.
   */
  private static final FaultTolerance SIZE_POLICY = FaultTolerance.of(
          AsyncMethod.of("p.Client", "size", "Client.size(String)"))
      .retry(2)
      .circuitBreaker(20, 0.5, 5000L, TimeUnit.MILLISECONDS, 1)
      .circuitFailsOn(failure -> failure instanceof IllegalStateException)
      .circuitFailOnNames("java.lang.IllegalStateException")
      .build(CONFIG);

  /**
   * The fault tolerance of {@link #version()}:
   * up to 2 retries.
   */
  private static final FaultTolerance VERSION_POLICY = FaultTolerance.of(
          AsyncMethod.of("p.Client", "version", "Client.version()"))
      .retry(2)
      .build(CONFIG);

  static {
    CONFIG.complete();
  }

  /**
   * The object whose methods this twin runs.
   */
  private final Client target;

  /**
   * Where the instance methods run.
   */
  private final Executor executor;

  /**
   * The fault tolerance of {@link #fetch(String)} for this twin: {@link #FETCH_POLICY} or a copy with its own state.
   */
  private final FaultTolerance fetchPolicy;

  /**
   * The fault tolerance of {@link #size(String)} for this twin: {@link #SIZE_POLICY} or a copy with its own state.
   */
  private final FaultTolerance sizePolicy;

  /**
   * Runs the methods of {@code target} on {@link AsyncRuntime#defaultExecutor()}.
   *
   * @param target the object whose methods to run
   * @throws PolicyConfigException when the configuration of {@link Client}'s policies is wrong
   */
  public ClientAsync(Client target) {
    this(target, AsyncRuntime.defaultExecutor());
  }

  /**
   * Runs the methods of {@code target} on {@code executor}.
   *
   * <p>The circuit breakers and bulkheads are those of the methods, shared by every
   * twin of {@link Client}.
   *
   * @param target the object whose methods to run
   * @param executor where to run them
   * @throws PolicyConfigException when the configuration of {@link Client}'s policies is wrong
   */
  public ClientAsync(Client target, Executor executor) {
    this(target, executor, FaultTolerance.StateScope.METHOD);
  }

  /**
   * Runs the methods of {@code target} on {@code executor}, with the circuit breakers
   * and bulkheads {@code scope} says: those of the methods, shared by every twin of
   * {@link Client} ({@link FaultTolerance.StateScope#METHOD}), or this twin's own
   * ({@link FaultTolerance.StateScope#TWIN}),
   * for a target that talks to a downstream of its own.
   *
   * @param target the object whose methods to run
   * @param executor where to run them
   * @param scope whose circuit breakers and bulkheads this twin uses
   * @throws PolicyConfigException when the configuration of {@link Client}'s policies is wrong
   */
  public ClientAsync(Client target, Executor executor, FaultTolerance.StateScope scope) {
    CONFIG.check();
    this.target = Objects.requireNonNull(target, "target");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.fetchPolicy = FETCH_POLICY.in(scope);
    this.sizePolicy = SIZE_POLICY.in(scope);
  }

  /**
   * Runs {@link Client#fetch(String)} on this twin's executor,
   * under a timeout of 2 seconds per attempt,
   * up to 4 retries, 100 milliseconds apart and 2.0 times longer each time,
   * a circuit breaker that opens for 10 seconds once 75% of the last 4 calls failed,
   * a bulkhead of 5 running and 20 waiting
   * and a fallback to {@code cached}.
   *
   * @param path passed on as it is
   * @return the method's result, or the exception it throws, as a future
   */
  public CompletableFuture<String> fetch(String path) {
    return this.fetchPolicy.<String>call(this.executor, () -> this.target.fetch(path),
        failure -> this.target.cached(path, (IOException) failure));
  }

  /**
   * Runs {@link #fetch(String)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  public CompletableFuture<List<String>> fetchAll(Iterable<? extends String> inputs) {
    return AsyncRuntime.<String, String>each(inputs, input -> this.fetch(input));
  }

  /**
   * Runs {@link Client#send(String)} on this twin's executor,
   * under up to 2 retries
   * and a fallback to {@code nothing}.
   *
   * @param message passed on as it is
   * @return the method's completion, or the exception it throws, as a future
   */
  public CompletableFuture<Void> send(String message) {
    return ClientAsync.SEND_POLICY.run(this.executor, () -> this.target.send(message),
        failure -> this.target.nothing(message));
  }

  /**
   * Runs {@link #send(String)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  public CompletableFuture<List<Void>> sendAll(Iterable<? extends String> inputs) {
    return AsyncRuntime.<String, Void>each(inputs, input -> this.send(input));
  }

  /**
   * Runs {@link Client#size(String)} on this twin's executor,
   * under up to 2 retries
   * and a circuit breaker that opens for 5000 milliseconds once 50% of the last 20 calls failed.
   *
   * @param path passed on as it is
   * @return the result of the stage the method returns, or the exception it throws, as a future
   */
  public CompletableFuture<Integer> size(String path) {
    return this.sizePolicy.<Integer>relay(this.executor, () -> this.target.size(path));
  }

  /**
   * Runs {@link #size(String)} for every input at once; the results come in input order.
   * The first failure fails the whole and cancels the calls still running.
   *
   * @param inputs the arguments, one call each
   * @return the results in input order, or the first failure, as a future
   */
  public CompletableFuture<List<Integer>> sizeAll(Iterable<? extends String> inputs) {
    return AsyncRuntime.<String, Integer>each(inputs, input -> this.size(input));
  }

  /**
   * Runs {@link Client#version()} on {@link AsyncRuntime#defaultExecutor()},
   * under up to 2 retries.
   *
   * @return the method's result, or the exception it throws, as a future
   */
  public static CompletableFuture<Integer> version() {
    return ClientAsync.VERSION_POLICY.<Integer>call(
        AsyncRuntime.defaultExecutor(), () -> Client.version());
  }

  /**
   * The fault tolerance of {@link #fetch(String)}, to read the state of its circuit breaker
   * and bulkhead (health checks, tests).
   *
   * @return the policies and their state
   */
  public FaultTolerance fetchPolicy() {
    return this.fetchPolicy;
  }

  /**
   * The fault tolerance of {@link #size(String)}, to read the state of its circuit breaker (health checks, tests).
   *
   * @return the policies and their state
   */
  public FaultTolerance sizePolicy() {
    return this.sizePolicy;
  }
}
