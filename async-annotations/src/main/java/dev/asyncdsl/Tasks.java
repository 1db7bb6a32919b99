package dev.asyncdsl;

import dev.asyncdsl.internal.AsyncCall;
import dev.asyncdsl.internal.CallScope;
import dev.asyncdsl.internal.Stages;
import dev.asyncdsl.internal.context.Propagation;
import dev.asyncdsl.internal.timer.Deadlines;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Waiting for futures from sync-looking code, and call-site deadlines (asyncio's {@code wait_for}).
 */
public final class Tasks {
  private Tasks() {}

  /**
   * Waits for the stage and returns its result, or throws the task's own exception: the one the
   * method threw, checked or not, never a {@link java.util.concurrent.CompletionException} or
   * {@link ExecutionException} around it (asyncio's {@code await}). A cancelled task throws {@link
   * java.util.concurrent.CancellationException}; a timed-out one its {@link TimeoutException}.
   *
   * <p>Because the task may have thrown any checked exception, this declares {@code throws
   * Exception}; catch the types the method declares and let the rest propagate. If the waiting
   * thread is interrupted, it throws {@link InterruptedException} and leaves the task running.
   *
   * <p>A task that threw a {@link Throwable} which is neither an {@link Exception} nor an {@link
   * Error} (a body may throw any) cannot be rethrown as itself here: it arrives as the cause of an
   * {@link ExecutionException}.
   *
   * @param <T> the type of the result
   * @param stage the task to wait for
   * @return the task's result
   * @throws Exception the task's own exception, {@link java.util.concurrent.CancellationException}
   *     if it was cancelled, or {@link InterruptedException} if the waiting thread is interrupted
   */
  public static <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause());
    }
  }

  /**
   * Like {@link #await(CompletionStage)}, for code that cannot throw checked exceptions: a checked
   * exception of the task arrives wrapped in {@link java.util.concurrent.CompletionException}
   * (whose cause is the original); unchecked ones and errors arrive as themselves.
   *
   * @param <T> the type of the result
   * @param stage the task to wait for
   * @return the task's result
   * @throws java.util.concurrent.CompletionException around a checked exception of the task
   */
  public static <T> T join(CompletionStage<T> stage) {
    CompletableFuture<T> future = stage.toCompletableFuture();
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause = Stages.unwrap(e);
      if (cause instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /**
   * The stage, bounded by a deadline counted from now (asyncio's {@code wait_for}). At the deadline
   * the stage is cancelled with interrupt, so a call made through a twin really stops, and then the
   * returned future fails with {@link TimeoutException}: whoever sees the timeout sees the stage
   * cancelled. Cancelling the returned future cancels the stage too.
   *
   * @param <T> the type of the result
   * @param stage the task to bound
   * @param timeout how long the task may take, counted from this call
   * @param unit the unit of {@code timeout}
   * @return the task's outcome, or a {@link TimeoutException} at the deadline, as a future
   */
  public static <T> CompletableFuture<T> waitFor(
      CompletionStage<T> stage, long timeout, TimeUnit unit) {
    CompletableFuture<T> input = stage.toCompletableFuture();
    CompletableFuture<T> bounded = new CompletableFuture<>();
    // At the deadline the input is cancelled first, then the caller told: as asyncio's wait_for,
    // whoever sees the timeout sees the task cancelled. The input's own end, its cancel included,
    // then no longer decides the outcome.
    AtomicBoolean expired = new AtomicBoolean();
    // The timeout fails `bounded` on a completer: its dependents run in the caller's context.
    Future<?> timer =
        Deadlines.schedule(
            Propagation.inContext(
                Propagation.capture(),
                () -> {
                  if (expired.compareAndSet(false, true)) {
                    input.cancel(true);
                    bounded.completeExceptionally(
                        new TimeoutException(
                            "did not complete within "
                                + timeout
                                + " "
                                + unit.name().toLowerCase(java.util.Locale.ROOT)));
                  }
                }),
            Math.max(0, unit.toNanos(timeout)));
    input.whenComplete(
        (value, failure) -> {
          if (expired.get()) {
            return;
          }
          if (failure == null) {
            bounded.complete(value);
          } else {
            bounded.completeExceptionally(Stages.passOn(failure));
          }
        });
    bounded.whenComplete(
        (value, failure) -> {
          timer.cancel(false);
          if (!input.isDone()) {
            input.cancel(true);
          }
        });
    return bounded;
  }

  /**
   * The time left before the current call's deadline, its own or the one it inherited; empty
   * outside a call with a deadline. A method passes it on to what it calls, so the client gives up
   * when the call does: {@code conn.setReadTimeout(...)}, {@code HttpRequest.timeout(...)}, {@code
   * socket.setSoTimeout(...)}, or a header to a downstream service (as gRPC propagates deadlines).
   * Once the deadline has passed it is {@link Duration#ZERO}.
   *
   * @return the time left, or empty outside a call with a deadline
   */
  public static Optional<Duration> remaining() {
    long nanos = CallScope.remainingNanos();
    return nanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
  }

  /**
   * Registers {@code resource} to be closed if the current call times out or is cancelled, and
   * returns it: the socket, the connection ({@code conn::disconnect}), a JDBC {@code
   * Statement::cancel}. That is how a timeout stops a method blocked where an interrupt cannot
   * reach, such as a classic socket read on a platform thread.
   *
   * <p>The resource is closed once, by the thread that cancels the call or by the runtime's
   * completer for a timeout (never the timer thread); an exception from {@code close()} is added as
   * suppressed to the call's {@link java.util.concurrent.CancellationException} or {@link
   * DeadlineExceededException}, never thrown at anyone. A call that has already been stopped closes
   * the resource at once. The registration ends with the call: once its method has returned,
   * nothing of it is held. Outside a call this does nothing and returns {@code resource}.
   *
   * @param <C> the type of the resource
   * @param resource what to close if the current call is stopped
   * @return {@code resource}
   */
  public static <C extends AutoCloseable> C closeOnCancel(C resource) {
    Objects.requireNonNull(resource, "resource");
    AsyncCall<?> call = CallScope.current();
    if (call != null && !call.closeOnStop(resource)) {
      try {
        resource.close();
      } catch (Exception ignored) {
        // The call has failed already; there is nothing to add the failure to but the call's.
      }
    }
    return resource;
  }

  /**
   * Runs {@code start} outside the current call, so the calls it starts are nobody's children: they
   * do not inherit the current deadline and are not cancelled with the current call (Go's {@code
   * context.WithoutCancel}, Kotlin's {@code NonCancellable}). For work that must outlive the method
   * that starts it: an audit write, a cache refresh.
   *
   * <pre>{@code
   * CompletableFuture<Void> audit = Tasks.detached(() -> auditLog.record(order));
   * }</pre>
   *
   * @param <T> what {@code start} returns, typically a future
   * @param start starts the calls
   * @return what {@code start} returned
   */
  public static <T> T detached(Supplier<T> start) {
    Objects.requireNonNull(start, "start");
    AsyncCall<?> saved = CallScope.swap(null);
    try {
      return start.get();
    } finally {
      CallScope.swap(saved);
    }
  }

  private static Exception rethrowable(Throwable cause) {
    if (cause instanceof Error error) {
      throw error;
    }
    if (cause instanceof Exception exception) {
      return exception;
    }
    return new ExecutionException(cause);
  }
}
