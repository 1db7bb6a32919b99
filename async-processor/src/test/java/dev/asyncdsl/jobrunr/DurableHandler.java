package dev.asyncdsl.jobrunr;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Stand-in for compile tests: runs a request's work, unwrapping a twin's failure. */
public abstract class DurableHandler<R extends DurableRequest> implements JobRequestHandler<R> {
  public DurableHandler() {}

  @Override
  public final void run(R request) throws Exception {
    perform(request);
  }

  protected abstract void perform(R request) throws Exception;

  protected static <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException | CompletionException failure) {
      Throwable cause = failure.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      throw failure;
    }
  }
}
