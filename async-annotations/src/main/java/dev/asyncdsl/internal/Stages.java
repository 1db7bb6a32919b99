package dev.asyncdsl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * What the facades do to stages they did not make: cancel many at once (a failed gather, a failed
 * {@code each}), and see through the {@link CompletionException} a dependent stage wraps a failure
 * in.
 */
public final class Stages {
  private Stages() {}

  /**
   * Cancels, with interrupt, every stage not yet done (see {@link #cancelAll(List, Runnable)}).
   *
   * @param stages the stages to cancel
   */
  public static void cancelAll(List<? extends CompletionStage<?>> stages) {
    cancelAll(stages, () -> {});
  }

  /**
   * Cancels every stage not yet done, runs {@code report}, then interrupts the methods of the
   * cancelled calls. Whoever sees what {@code report} completes sees every stage cancelled, and
   * does not wait for a million methods to be woken first. The runtime's own calls and plain {@code
   * CompletableFuture}s are cancelled without a stack trace each: walking the stack a million times
   * was most of the cost of cancelling a large gather.
   *
   * @param stages the stages to cancel
   * @param report runs once every stage is cancelled, before any method is interrupted
   */
  public static void cancelAll(List<? extends CompletionStage<?>> stages, Runnable report) {
    List<AsyncCall<?>> toStop = new ArrayList<>();
    for (CompletionStage<?> stage : stages) {
      CompletableFuture<?> future = stage.toCompletableFuture();
      if (future.isDone()) {
        continue;
      }
      if (future instanceof AsyncCall<?> call) {
        if (call.cancelQuietlyFirst()) {
          toStop.add(call);
        }
      } else if (future.getClass() == CompletableFuture.class) {
        // What cancel() does to a plain CompletableFuture, less the stack trace.
        future.completeExceptionally(new AsyncCall.QuietCancellation());
      } else {
        future.cancel(true);
      }
    }
    report.run();
    for (AsyncCall<?> call : toStop) {
      call.stopAfterCancel(true);
    }
  }

  /**
   * The cause a dependent stage wrapped, so callers see the method's own exception.
   *
   * @param failure what a stage failed with
   * @return the innermost cause of nested {@link CompletionException}s, or {@code failure}
   */
  public static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /**
   * What a future derived from a stage (a gather, a bounded wait) fails with when the stage failed
   * with {@code failure}: its cause ({@link #unwrap}), but for a {@link CancellationException} that
   * came wrapped. A stage that was cancelled hands its dependents the bare exception; a wrapped one
   * is what its method threw, a failure, so it stays wrapped and the derived future does not report
   * itself cancelled either.
   *
   * @param failure what a stage failed with, as its dependents see it
   * @return the failure to complete the derived future with
   */
  public static Throwable passOn(Throwable failure) {
    Throwable cause = unwrap(failure);
    return cause instanceof CancellationException && cause != failure ? failure : cause;
  }
}
