package dev.asyncdsl.jobrunr.internal;

import dev.asyncdsl.jobrunr.DurableJobDeletedException;
import dev.asyncdsl.jobrunr.DurableJobFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobId;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;

/**
 * Completes the futures of jobs waited for when the storage says they reached a final state. One
 * daemon thread reads the storage while some future is pending, and ends when none is: a process
 * that waits for nothing keeps no thread.
 */
public final class Completions {
  /** How long the thread waits between two reads of the pending jobs. */
  private static final Duration INTERVAL = Duration.ofMillis(200);

  /**
   * How many reads of one job in a row may fail before its futures fail with the last exception: a
   * database that is down for a moment is waited for, a job that cannot be read (a row this process
   * cannot map, a class it does not hold) does not keep its futures pending forever.
   */
  private static final int READ_ATTEMPTS = 10;

  /** Where futures complete, so where their dependents run: CompletableFuture's default. */
  private static final Executor DEPENDENTS = new CompletableFuture<Void>().defaultExecutor();

  private final Supplier<StorageProvider> storage;
  private final Object lock = new Object();
  private final Map<UUID, List<CompletableFuture<JobId>>> pending = new HashMap<>();
  private final Map<UUID, Integer> failedReads = new HashMap<>();
  private Thread watcher;

  /**
   * Completions read from the storage {@code storage} supplies.
   *
   * @param storage the storage to read; may throw {@link IllegalStateException} when there is none
   */
  public Completions(Supplier<StorageProvider> storage) {
    this.storage = storage;
  }

  /**
   * A new future that completes when job {@code id} reaches a final state.
   *
   * @param id the job
   * @return the future, pending until then
   */
  public CompletableFuture<JobId> watch(JobId id) {
    CompletableFuture<JobId> future = new CompletableFuture<>();
    synchronized (lock) {
      pending.computeIfAbsent(id.asUUID(), key -> new ArrayList<>()).add(future);
      if (watcher == null) {
        startWatcher();
      }
    }
    return future;
  }

  /**
   * Fails every pending future with {@code failure}: the storage is going away.
   *
   * @param failure the exception they complete with
   */
  public void abandon(Throwable failure) {
    List<CompletableFuture<JobId>> abandoned = new ArrayList<>();
    synchronized (lock) {
      pending.values().forEach(abandoned::addAll);
      pending.clear();
      lock.notifyAll();
    }
    abandoned.forEach(future -> future.completeExceptionally(failure));
  }

  private void watch() {
    try {
      watchWhilePending();
    } finally {
      // Normally pending is empty here; if the loop ended on something unforeseen, a new thread
      // takes over so that no future is left waiting with no one reading for it.
      synchronized (lock) {
        watcher = null;
        if (!pending.isEmpty()) {
          startWatcher();
        }
      }
    }
  }

  private void startWatcher() {
    watcher = new Thread(this::watch, "asyncdsl-durable-completions");
    watcher.setDaemon(true);
    watcher.start();
  }

  private void watchWhilePending() {
    while (true) {
      List<UUID> ids;
      synchronized (lock) {
        // Futures cancelled by their callers are not read for any more.
        pending
            .values()
            .removeIf(
                futures -> {
                  futures.removeIf(CompletableFuture::isDone);
                  return futures.isEmpty();
                });
        failedReads.keySet().retainAll(pending.keySet());
        if (pending.isEmpty()) {
          return;
        }
        ids = new ArrayList<>(pending.keySet());
      }
      try {
        StorageProvider provider = storage.get();
        for (UUID id : ids) {
          readOrCountFailure(provider, id);
        }
      } catch (IllegalStateException noStorage) {
        abandon(noStorage);
      }
      synchronized (lock) {
        if (!pending.isEmpty()) {
          try {
            lock.wait(INTERVAL.toMillis());
          } catch (InterruptedException e) {
            // Only this class starts the thread and nothing interrupts it; carry on.
          }
        }
      }
    }
  }

  /**
   * Reads one job; a failure is that job's alone, so that one unreadable job does not keep the
   * others from being read. An {@link Error} fails the job's futures at once and goes to the
   * thread's uncaught exception handler, and the thread carries on with the other jobs.
   */
  private void readOrCountFailure(StorageProvider provider, UUID id) {
    try {
      read(provider, id);
      synchronized (lock) {
        failedReads.remove(id);
      }
    } catch (RuntimeException failure) {
      int failures;
      synchronized (lock) {
        failures = failedReads.merge(id, 1, Integer::sum);
      }
      if (failures >= READ_ATTEMPTS) {
        complete(id, new JobId(id), failure);
      }
    } catch (Error error) {
      complete(id, new JobId(id), error);
      Thread current = Thread.currentThread();
      current.getUncaughtExceptionHandler().uncaughtException(current, error);
    }
  }

  private void read(StorageProvider provider, UUID id) {
    JobId jobId = new JobId(id);
    Job job;
    try {
      job = provider.getJobById(id);
    } catch (JobNotFoundException deletedForGood) {
      complete(id, jobId, new DurableJobDeletedException(jobId));
      return;
    }
    StateName state = job.getState();
    if (state == StateName.SUCCEEDED) {
      complete(id, jobId, null);
    } else if (state == StateName.DELETED) {
      complete(id, jobId, new DurableJobDeletedException(jobId));
    } else if (state == StateName.FAILED) {
      // A failed job with retries left is already SCHEDULED again: FAILED is the last state.
      FailedState failed = job.getJobState();
      complete(
          id,
          jobId,
          new DurableJobFailedException(
              jobId, failed.getMessage(), failed.getExceptionType(), failed.getExceptionMessage()));
    }
  }

  private void complete(UUID id, JobId jobId, Throwable failure) {
    List<CompletableFuture<JobId>> futures;
    synchronized (lock) {
      futures = pending.remove(id);
      failedReads.remove(id);
    }
    if (futures == null) {
      return;
    }
    // Completed on CompletableFuture's default async executor, not on this thread: a dependent
    // (which runs where its future completes) that blocks, or waits for another job, must not stop
    // the reads every other future waits on.
    for (CompletableFuture<JobId> future : futures) {
      if (failure == null) {
        future.completeAsync(() -> jobId);
      } else {
        DEPENDENTS.execute(() -> future.completeExceptionally(failure));
      }
    }
  }
}
