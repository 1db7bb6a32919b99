package dev.asyncdsl.jobrunr;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * Runs a durable job's request in a JobRunr worker. The generated handler of each {@code @Durable}
 * method extends it and calls the method in {@link #perform}: directly, or through the class's twin
 * when the method has policies ({@link #await}).
 *
 * <p>JobRunr builds a handler with its no-argument constructor for each job it runs.
 *
 * @param <R> the method's request
 */
public abstract class DurableHandler<R extends DurableRequest> implements JobRequestHandler<R> {
  /** A handler; JobRunr builds one for each job it runs. */
  public DurableHandler() {}

  /**
   * Runs the job: restores the caller's context (MDC, trace) on this thread, calls {@link
   * #perform}, and puts the thread's context back. What {@code perform} throws is thrown on, so
   * that JobRunr records the failure and retries the job while the method's retries last.
   *
   * @param request the job's request
   * @throws Exception what the method threw
   */
  @Override
  public final void run(R request) throws Exception {
    DurableContext.Scope restored = request.context().restore();
    try {
      perform(request);
    } finally {
      restored.close();
    }
  }

  /**
   * Calls the method with the request's arguments, on the worker's thread, in the caller's context.
   *
   * @param request the job's request
   * @throws Exception what the method threw
   */
  protected abstract void perform(R request) throws Exception;

  /**
   * Waits for a twin's call to end, on the job's worker thread, and returns its value or throws
   * what it failed with (unwrapped from {@link CompletionException} and {@link
   * ExecutionException}). If the thread is interrupted meanwhile (the job was deleted, or the
   * worker is stopping), the call is cancelled, which interrupts the method's body, and {@link
   * InterruptedException} is thrown with the thread's interrupt status set.
   *
   * @param future the twin's future
   * @param <T> the method's result
   * @return the call's value
   * @throws Exception what the call failed with, or {@link InterruptedException}
   */
  protected static <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw e;
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    } catch (CancellationException e) {
      throw e;
    }
  }

  private static Exception unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return cause instanceof Exception exception ? exception : new ExecutionException(cause);
  }
}
