package dev.asyncdsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What generated twins call. Public because generated code lives in the user's packages; it is
 * part of the stable API, and usable by hand the same way.
 *
 * <p>Every future returned here owns its call: {@code cancel(true)} interrupts the method if it is
 * running, a call cancelled before it starts never runs, an exception thrown by the method fails
 * the future with that same exception, and an executor that rejects the call fails the future with
 * its {@link java.util.concurrent.RejectedExecutionException}.
 */
public final class AsyncRuntime {
  private AsyncRuntime() {}

  /**
   * The body of a method that returns a value. Unlike {@link java.util.concurrent.Callable} it may throw any {@link
   * Throwable}, so a method declared {@code <X extends Throwable> R m() throws X} fits.
   */
  @FunctionalInterface
  public interface ValueBody<R> {
    R call() throws Throwable;
  }

  /** The body of a {@code void} method, which may throw anything. */
  @FunctionalInterface
  public interface VoidBody {
    void run() throws Throwable;
  }

  /**
   * The executor twins use when none is given: one new virtual thread per call on JDK 21 and
   * later; on JDK 17 a cached pool of daemon platform threads (one per running call, idle ones
   * retire after 5 s). The same jar picks at run time.
   */
  public static Executor defaultExecutor() {
    return DefaultExecutor.get();
  }

  /** Whether {@link #defaultExecutor()} starts virtual threads (JDK 21 and later). */
  public static boolean usesVirtualThreads() {
    return DefaultExecutor.usesVirtualThreads();
  }

  /**
   * A timed method of a twin: its name and its {@link Timeout}, made once per method (a constant
   * of the generated class), so a call costs nothing extra for the timeout's message.
   */
  public static final class TimedMethod {
    final String method;
    final long timeoutNanos;
    final String timeout;

    private TimedMethod(String method, long timeout, TimeUnit unit) {
      this.method = method;
      this.timeoutNanos = unit.toNanos(timeout);
      this.timeout = timeout + " " + abbreviation(unit);
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
   * Describes a timed method for {@link #call(Executor, TimedMethod, ValueBody)} and friends:
   * {@code method} as a reader knows it, e.g. {@code "Forecasts.celsius(String)"}, and its timeout.
   */
  public static TimedMethod timed(String method, long timeout, TimeUnit unit) {
    return new TimedMethod(Objects.requireNonNull(method, "method"), timeout, unit);
  }

  /** Runs a method that returns a value. */
  public static <R> CompletableFuture<R> call(Executor executor, ValueBody<? extends R> body) {
    return new AsyncCall.Value<R>(CallScope.current(), null, body).start(executor);
  }

  /**
   * Runs a method that returns a value, failing with a timeout once {@code timeout} has passed. A
   * timeout of zero or less has passed already: the method does not run.
   */
  public static <R> CompletableFuture<R> call(
      Executor executor, long timeout, TimeUnit unit, ValueBody<? extends R> body) {
    return call(executor, new TimedMethod(null, timeout, unit), body);
  }

  /** Runs the timed method {@code method}, failing with a timeout that names it. */
  public static <R> CompletableFuture<R> call(
      Executor executor, TimedMethod method, ValueBody<? extends R> body) {
    return new AsyncCall.Value<R>(CallScope.current(), method, body).start(executor);
  }

  /** Runs a {@code void} method; the future completes with {@code null}. */
  public static CompletableFuture<Void> run(Executor executor, VoidBody body) {
    return new AsyncCall.NoValue(CallScope.current(), null, body).start(executor);
  }

  /** Runs a {@code void} method under a timeout. */
  public static CompletableFuture<Void> run(
      Executor executor, long timeout, TimeUnit unit, VoidBody body) {
    return run(executor, new TimedMethod(null, timeout, unit), body);
  }

  /** Runs the timed {@code void} method {@code method}. */
  public static CompletableFuture<Void> run(Executor executor, TimedMethod method, VoidBody body) {
    return new AsyncCall.NoValue(CallScope.current(), method, body).start(executor);
  }

  /**
   * Runs a method that itself returns a {@link CompletionStage} and relays that stage's outcome,
   * so the caller gets {@code CompletableFuture<X>}, not a future of a future. Cancelling or timing
   * out the returned future cancels the method's own stage.
   */
  public static <R> CompletableFuture<R> relay(
      Executor executor, ValueBody<? extends CompletionStage<? extends R>> body) {
    return new AsyncCall.Relay<R>(CallScope.current(), null, body).start(executor);
  }

  /** {@link #relay(Executor, ValueBody)} under a timeout. */
  public static <R> CompletableFuture<R> relay(
      Executor executor,
      long timeout,
      TimeUnit unit,
      ValueBody<? extends CompletionStage<? extends R>> body) {
    return relay(executor, new TimedMethod(null, timeout, unit), body);
  }

  /** {@link #relay(Executor, ValueBody)} for the timed method {@code method}. */
  public static <R> CompletableFuture<R> relay(
      Executor executor,
      TimedMethod method,
      ValueBody<? extends CompletionStage<? extends R>> body) {
    return new AsyncCall.Relay<R>(CallScope.current(), method, body).start(executor);
  }

  /**
   * Starts {@code call} for every input at once and gathers the results in input order, as {@link
   * Gather#all(List)} does (the first failure fails the whole and cancels the rest). A call that
   * throws instead of returning a future fails the whole at once: the calls already started are
   * cancelled and no further one is started. So does an iterator that throws.
   */
  public static <P, R> CompletableFuture<List<R>> each(
      Iterable<? extends P> inputs, Function<? super P, ? extends CompletionStage<? extends R>> call) {
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
      Gather.cancelAll(started);
      return CompletableFuture.failedFuture(failure);
    }
    return Gather.all(started);
  }
}
