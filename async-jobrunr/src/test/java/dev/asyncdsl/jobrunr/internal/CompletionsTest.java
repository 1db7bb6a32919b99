package dev.asyncdsl.jobrunr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncdsl.jobrunr.DurableJobDeletedException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobId;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.junit.jupiter.api.Test;

/** The completion watcher against a real in-memory storage that fails to read some jobs. */
class CompletionsTest {
  /** An in-memory storage whose read of one job fails the way a broken row or driver would. */
  private static final class FaultyStorage extends InMemoryStorageProvider {
    volatile UUID unreadable;
    volatile Throwable failure;

    @Override
    public Job getJobById(UUID id) {
      Throwable fail = failure;
      if (id.equals(unreadable) && fail != null) {
        if (fail instanceof Error error) {
          throw error;
        }
        throw (RuntimeException) fail;
      }
      return super.getJobById(id);
    }
  }

  /** A job the storage does not hold: deleted for good, a final state reached with no worker. */
  private static JobId unknownJob() {
    return new JobId(UUID.randomUUID());
  }

  @Test
  void aJobWhoseReadAlwaysFailsDoesNotKeepTheOthersFromCompleting() throws Exception {
    FaultyStorage storage = new FaultyStorage();
    Completions completions = new Completions(() -> storage);
    JobId broken = unknownJob();
    storage.unreadable = broken.asUUID();
    storage.failure = new IllegalArgumentException("a row this process cannot read");
    CompletableFuture<JobId> brokenFuture = completions.watch(broken);
    JobId done = unknownJob();
    CompletableFuture<JobId> doneFuture = completions.watch(done);

    ExecutionException deleted =
        assertThrows(ExecutionException.class, () -> doneFuture.get(10, TimeUnit.SECONDS));
    assertInstanceOf(DurableJobDeletedException.class, deleted.getCause());
    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> brokenFuture.get(10, TimeUnit.SECONDS));
    assertSame(storage.failure, failed.getCause());
  }

  @Test
  void anErrorWhileReadingFailsTheFuturesAndLaterFuturesAreStillWatched() throws Exception {
    FaultyStorage storage = new FaultyStorage();
    Completions completions = new Completions(() -> storage);
    JobId broken = unknownJob();
    storage.unreadable = broken.asUUID();
    storage.failure = new LinkageError("a class the job's request needs is missing");
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    CompletableFuture<Throwable> reported = new CompletableFuture<>();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> reported.complete(e));
    try {
      CompletableFuture<JobId> brokenFuture = completions.watch(broken);
      ExecutionException failed =
          assertThrows(ExecutionException.class, () -> brokenFuture.get(10, TimeUnit.SECONDS));
      assertInstanceOf(LinkageError.class, failed.getCause());
      assertSame(failed.getCause(), reported.get(10, TimeUnit.SECONDS));

      storage.failure = null;
      CompletableFuture<JobId> later = completions.watch(unknownJob());
      ExecutionException deleted =
          assertThrows(ExecutionException.class, () -> later.get(10, TimeUnit.SECONDS));
      assertInstanceOf(DurableJobDeletedException.class, deleted.getCause());
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }

  @Test
  void aDependentThatWaitsForAnotherJobDoesNotBlockTheReads() throws Exception {
    FaultyStorage storage = new FaultyStorage();
    Completions completions = new Completions(() -> storage);
    JobId other = unknownJob();
    // Its reads fail for a while: the dependent is in place before the future completes.
    JobId first = unknownJob();
    storage.unreadable = first.asUUID();
    storage.failure = new IllegalArgumentException("not readable yet");

    CompletableFuture<String> dependent =
        completions
            .watch(first)
            .handle(
                (id, failure) -> {
                  CompletableFuture<JobId> waited = completions.watch(other);
                  ExecutionException otherFailure =
                      assertThrows(
                          ExecutionException.class, () -> waited.get(20, TimeUnit.SECONDS));
                  return otherFailure.getCause().getClass().getSimpleName()
                      + " on "
                      + (Thread.currentThread().getName().startsWith("asyncdsl-")
                          ? "the reading thread"
                          : "another thread");
                });

    assertEquals(
        "DurableJobDeletedException on another thread", dependent.get(20, TimeUnit.SECONDS));
  }
}
