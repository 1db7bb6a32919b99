package dev.asyncdsl;

import dev.asyncdsl.internal.AsyncCall;
import dev.asyncdsl.internal.CallScope;
import dev.asyncdsl.internal.DefaultExecutor;
import dev.asyncdsl.internal.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * <b>Entry point: what generated twins call</b> for a method without fault-tolerance policies (one
 * of the two, with {@link FaultTolerance}). Public because generated code lives in the user's
 * packages; it is part of the stable API, and usable by hand the same way. Its methods and nested
 * types keep their names and signatures: twins compiled against them must keep working.
 *
 * <p>It is also the door from the API to the call machinery ({@code dev.asyncdsl.internal}), which
 * the module does not export.
 *
 * <p>Every future returned here owns its call: {@code cancel(true)} interrupts the method if it is
 * running, a call cancelled before it starts never runs, an exception thrown by the method fails
 * the future with that same exception, and an executor that rejects the call fails the future with
 * its {@link java.util.concurrent.RejectedExecutionException}.
 */
public final class AsyncRuntime {
  private AsyncRuntime() {}

  /**
   * The body of a method that returns a value. Unlike {@link java.util.concurrent.Callable} it may
   * throw any {@link Throwable}, so a method declared {@code <X extends Throwable> R m() throws X}
   * fits.
   *
   * @param <R> the type of the method's result
   */
  @FunctionalInterface
  public interface ValueBody<R> {
    /**
     * Runs the method.
     *
     * @return the method's result
     * @throws Throwable whatever the method throws
     */
    R call() throws Throwable;
  }

  /** The body of a {@code void} method, which may throw anything. */
  @FunctionalInterface
  public interface VoidBody {
    /**
     * Runs the method.
     *
     * @throws Throwable whatever the method throws
     */
    void run() throws Throwable;
  }

  /**
   * The executor twins use when none is given: one new virtual thread per call on JDK 21 and later;
   * on JDK 17 a cached pool of daemon platform threads (one per running call, idle ones retire
   * after 5 s). The same jar picks at run time.
   *
   * @return the shared default executor
   */
  public static Executor defaultExecutor() {
    return DefaultExecutor.get();
  }

  /**
   * Whether {@link #defaultExecutor()} starts virtual threads (JDK 21 and later).
   *
   * @return {@code true} on JDK 21 and later
   */
  public static boolean usesVirtualThreads() {
    return DefaultExecutor.usesVirtualThreads();
  }

  /**
   * A timed method of a twin: its name and its {@link Timeout}, made once per method (a constant of
   * the generated class), so a call costs nothing extra for the timeout's message.
   */
  public static final class TimedMethod {
    final String method;

    /** The effective timeout: the annotation's, or the configured one ({@link PolicyConfig}). */
    volatile long timeoutNanos;

    volatile String timeout;

    /** Set when the twin's configuration is wrong: every call fails with it. */
    volatile PolicyConfigException failure;

    /** The method, for events; null for a timeout given by hand or by name alone. */
    final AsyncMethod source;

    private final long amount;
    private final TimeUnit unit;

    /** The method's policies as listeners see them (its timeout alone), made when first asked. */
    private volatile FaultTolerance policies;

    /** The twin's configuration the timeout is read from, or null (not configurable). */
    volatile PolicyConfig.Twin config;

    private TimedMethod(AsyncMethod source, String method, long timeout, TimeUnit unit) {
      this.source = source;
      this.method = method;
      this.amount = timeout;
      this.unit = unit;
      this.timeoutNanos = unit.toNanos(timeout);
      this.timeout = timeout + " " + abbreviation(unit);
    }

    /**
     * The policies of a method whose only one is this timeout, as a {@link
     * dev.asyncdsl.spi.CallListener} is told them: made the first time a listener hears a call of
     * the method (and listed by {@link PolicyRegistry} from then on), so that metrics know the
     * method has a {@link Timeout}.
     *
     * @return its timeout as a {@link FaultTolerance}, or null for a method known by name alone
     */
    public FaultTolerance policies() {
      FaultTolerance made = policies;
      if (made == null && source != null) {
        synchronized (this) {
          made = policies;
          if (made == null) {
            FaultTolerance.Builder builder = FaultTolerance.of(source).timeout(amount, unit);
            PolicyConfig.Twin twin = config;
            // Built through the twin's configuration: the effective timeout, with its origin.
            made = twin == null ? builder.build() : builder.build(twin);
            policies = made;
          }
        }
      }
      return made;
    }

    /**
     * The method, as events name it.
     *
     * @return the method given to {@link AsyncRuntime#timed(AsyncMethod, long, TimeUnit)}, or null
     *     for one known by its name alone
     */
    public AsyncMethod method() {
      return source;
    }

    /**
     * Sets the timeout to the configured one, for calls that start from now on, and lets them run
     * again if a wrong configuration had failed them; listeners see the new one.
     */
    void retime(long timeout, TimeUnit unit) {
      this.timeout = timeout + " " + abbreviation(unit);
      this.timeoutNanos = unit.toNanos(timeout);
      this.failure = null;
      this.policies = null;
    }

    /** Fails every call from now on with {@code bad}. */
    void fail(PolicyConfigException bad) {
      failure = bad;
    }

    /**
     * The timeout, for the runtime to set a call's deadline by.
     *
     * @return how long each call of the method may take, in nanoseconds
     */
    public long timeoutNanos() {
      return timeoutNanos;
    }

    @Override
    public String toString() {
      return (method == null ? "timeout" : method) + " within " + timeout;
    }

    private static String abbreviation(TimeUnit unit) {
      switch (unit) {
        case NANOSECONDS:
          return "ns";
        case MICROSECONDS:
          return "us";
        case MILLISECONDS:
          return "ms";
        case SECONDS:
          return "s";
        case MINUTES:
          return "min";
        case HOURS:
          return "h";
        default:
          return "d";
      }
    }
  }

  /**
   * Describes a timed method for {@link #call(Executor, TimedMethod, ValueBody)} and friends.
   *
   * @param method the method as a reader knows it, e.g. {@code "Forecasts.celsius(String)"}
   * @param timeout how long each call of the method may take
   * @param unit the unit of {@code timeout}
   * @return the description, to keep in a constant
   */
  public static TimedMethod timed(String method, long timeout, TimeUnit unit) {
    return new TimedMethod(null, Objects.requireNonNull(method, "method"), timeout, unit);
  }

  /**
   * Describes the timed method {@code method}, which events name.
   *
   * @param method the method
   * @param timeout how long each call of the method may take
   * @param unit the unit of {@code timeout}
   * @return the description, to keep in a constant
   */
  public static TimedMethod timed(AsyncMethod method, long timeout, TimeUnit unit) {
    Objects.requireNonNull(method, "method");
    return new TimedMethod(method, method.name(), timeout, unit);
  }

  /**
   * Runs a method that returns a value.
   *
   * @param <R> the type of the method's result
   * @param executor where the method runs
   * @param body the method's body
   * @return the method's result, or the exception it throws, as a future
   */
  public static <R> CompletableFuture<R> call(Executor executor, ValueBody<? extends R> body) {
    return new AsyncCall.Value<R>(CallScope.current(), null, body).start(executor);
  }

  /**
   * Runs {@code method}, which returns a value and has no timeout: heard by the {@link
   * dev.asyncdsl.spi.CallListener}s.
   *
   * @param <R> the type of the method's result
   * @param executor where the method runs
   * @param method the method, see {@link AsyncMethod#of}
   * @param body the method's body
   * @return the method's result, or the exception it throws, as a future
   */
  public static <R> CompletableFuture<R> call(
      Executor executor, AsyncMethod method, ValueBody<? extends R> body) {
    return new AsyncCall.Value<R>(CallScope.current(), method, null, body).start(executor);
  }

  /**
   * Runs a method that returns a value, failing with a timeout once {@code timeout} has passed. A
   * timeout of zero or less has passed already: the method does not run.
   *
   * @param <R> the type of the method's result
   * @param executor where the method runs
   * @param timeout how long the method may run, counted from this call
   * @param unit the unit of {@code timeout}
   * @param body the method's body
   * @return the method's result, or the exception it throws, or the timeout, as a future
   */
  public static <R> CompletableFuture<R> call(
      Executor executor, long timeout, TimeUnit unit, ValueBody<? extends R> body) {
    return call(executor, new TimedMethod(null, null, timeout, unit), body);
  }

  /**
   * Runs the timed method {@code method}, failing with a timeout that names it.
   *
   * @param <R> the type of the method's result
   * @param executor where the method runs
   * @param method the method and its timeout, see {@link #timed}
   * @param body the method's body
   * @return the method's result, or the exception it throws, or the timeout, as a future
   */
  public static <R> CompletableFuture<R> call(
      Executor executor, TimedMethod method, ValueBody<? extends R> body) {
    PolicyConfigException bad = method.failure; // read once: a reload may clear it meanwhile
    if (bad != null) {
      return CompletableFuture.failedFuture(bad);
    }
    return new AsyncCall.Value<R>(CallScope.current(), method, body).start(executor);
  }

  /**
   * Runs a {@code void} method; the future completes with {@code null}.
   *
   * @param executor where the method runs
   * @param body the method's body
   * @return the method's completion, or the exception it throws, as a future
   */
  public static CompletableFuture<Void> run(Executor executor, VoidBody body) {
    return new AsyncCall.NoValue(CallScope.current(), null, body).start(executor);
  }

  /**
   * Runs {@code method}, a {@code void} method without a timeout: heard by the {@link
   * dev.asyncdsl.spi.CallListener}s.
   *
   * @param executor where the method runs
   * @param method the method, see {@link AsyncMethod#of}
   * @param body the method's body
   * @return the method's completion, or the exception it throws, as a future
   */
  public static CompletableFuture<Void> run(Executor executor, AsyncMethod method, VoidBody body) {
    return new AsyncCall.NoValue(CallScope.current(), method, null, body).start(executor);
  }

  /**
   * Runs a {@code void} method under a timeout.
   *
   * @param executor where the method runs
   * @param timeout how long the method may run, counted from this call
   * @param unit the unit of {@code timeout}
   * @param body the method's body
   * @return the method's completion, or the exception it throws, or the timeout, as a future
   */
  public static CompletableFuture<Void> run(
      Executor executor, long timeout, TimeUnit unit, VoidBody body) {
    return run(executor, new TimedMethod(null, null, timeout, unit), body);
  }

  /**
   * Runs the timed {@code void} method {@code method}.
   *
   * @param executor where the method runs
   * @param method the method and its timeout, see {@link #timed}
   * @param body the method's body
   * @return the method's completion, or the exception it throws, or the timeout, as a future
   */
  public static CompletableFuture<Void> run(Executor executor, TimedMethod method, VoidBody body) {
    PolicyConfigException bad = method.failure; // read once: a reload may clear it meanwhile
    if (bad != null) {
      return CompletableFuture.failedFuture(bad);
    }
    return new AsyncCall.NoValue(CallScope.current(), method, body).start(executor);
  }

  /**
   * Runs a method that itself returns a {@link CompletionStage} and relays that stage's outcome, so
   * the caller gets {@code CompletableFuture<X>}, not a future of a future. Cancelling or timing
   * out the returned future cancels the method's own stage.
   *
   * @param <R> the type of the stage's result
   * @param executor where the method runs
   * @param body the method's body, which returns a stage
   * @return the outcome of the stage the method returns, or the exception it throws, as a future
   */
  public static <R> CompletableFuture<R> relay(
      Executor executor, ValueBody<? extends CompletionStage<? extends R>> body) {
    return new AsyncCall.Relay<R>(CallScope.current(), null, body).start(executor);
  }

  /**
   * {@link #relay(Executor, ValueBody)} for {@code method}, which has no timeout: heard by the
   * {@link dev.asyncdsl.spi.CallListener}s.
   *
   * @param <R> the type of the stage's result
   * @param executor where the method runs
   * @param method the method, see {@link AsyncMethod#of}
   * @param body the method's body, which returns a stage
   * @return the outcome of the stage the method returns, or the exception it throws, as a future
   */
  public static <R> CompletableFuture<R> relay(
      Executor executor,
      AsyncMethod method,
      ValueBody<? extends CompletionStage<? extends R>> body) {
    return new AsyncCall.Relay<R>(CallScope.current(), method, null, body).start(executor);
  }

  /**
   * {@link #relay(Executor, ValueBody)} under a timeout.
   *
   * @param <R> the type of the stage's result
   * @param executor where the method runs
   * @param timeout how long the method and its stage may take, counted from this call
   * @param unit the unit of {@code timeout}
   * @param body the method's body, which returns a stage
   * @return the outcome of the stage the method returns, or the exception it throws, or the
   *     timeout, as a future
   */
  public static <R> CompletableFuture<R> relay(
      Executor executor,
      long timeout,
      TimeUnit unit,
      ValueBody<? extends CompletionStage<? extends R>> body) {
    return relay(executor, new TimedMethod(null, null, timeout, unit), body);
  }

  /**
   * {@link #relay(Executor, ValueBody)} for the timed method {@code method}.
   *
   * @param <R> the type of the stage's result
   * @param executor where the method runs
   * @param method the method and its timeout, see {@link #timed}
   * @param body the method's body, which returns a stage
   * @return the outcome of the stage the method returns, or the exception it throws, or the
   *     timeout, as a future
   */
  public static <R> CompletableFuture<R> relay(
      Executor executor,
      TimedMethod method,
      ValueBody<? extends CompletionStage<? extends R>> body) {
    PolicyConfigException bad = method.failure; // read once: a reload may clear it meanwhile
    if (bad != null) {
      return CompletableFuture.failedFuture(bad);
    }
    return new AsyncCall.Relay<R>(CallScope.current(), method, body).start(executor);
  }

  /**
   * Starts {@code call} for every input at once and gathers the results in input order, as {@link
   * Gather#all(List)} does (the first failure fails the whole and cancels the rest). A call that
   * throws instead of returning a future fails the whole at once: the calls already started are
   * cancelled and no further one is started. So does an iterator that throws.
   *
   * @param <P> the type of the inputs
   * @param <R> the type of each call's result
   * @param inputs the inputs, one call each
   * @param call starts the call for one input
   * @return the results in input order, or the first failure, as a future
   */
  public static <P, R> CompletableFuture<List<R>> each(
      Iterable<? extends P> inputs,
      Function<? super P, ? extends CompletionStage<? extends R>> call) {
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(call, "call");
    List<CompletionStage<? extends R>> started = new ArrayList<>();
    try {
      for (P input : inputs) {
        started.add(Objects.requireNonNull(call.apply(input), "call returned null"));
      }
    } catch (Throwable failure) {
      // A call, or the iteration itself, failed: fail fast, as the gather would, stopping what
      // already runs and starting nothing more.
      Stages.cancelAll(started);
      return CompletableFuture.failedFuture(failure);
    }
    return Gather.all(started);
  }
}
