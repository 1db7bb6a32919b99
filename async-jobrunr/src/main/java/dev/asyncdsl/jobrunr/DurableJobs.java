package dev.asyncdsl.jobrunr;

import dev.asyncdsl.jobrunr.internal.Completions;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.jobs.JobId;
import org.jobrunr.scheduling.BackgroundJobRequest;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.storage.StorageProvider;

/**
 * Enqueues the jobs of {@code @Durable} methods and waits for them: what the generated {@code
 * XJobs} classes call, and what an application calls to wait for a job.
 *
 * <p>Jobs go to the JobRunr this process runs, found in this order: the one a {@link
 * DurableRuntime} started; the one the application configured itself with {@code
 * JobRunr.configure()} (or another way, having told this class its storage with {@link
 * #useStorage}); otherwise, at the first job, an embedded default ({@link DurableRuntime#builder()}
 * unchanged: in-memory storage and a worker pool in this process), so that a single process works
 * with nothing to set up.
 */
public final class DurableJobs {
  private static final Object LOCK = new Object();
  private static final ConcurrentMap<Class<?>, Supplier<?>> PROVIDERS = new ConcurrentHashMap<>();
  private static final Completions COMPLETIONS = new Completions(DurableJobs::storage);

  /** The storage jobs are read from, when known without asking JobRunr's fluent configuration. */
  private static volatile StorageProvider storage;

  /**
   * The storages of runtimes closed in this process: {@code JobRunr.destroy()} keeps handing out
   * its last storage, closed, so this tells "configured" from "configured, then stopped". Held
   * weakly: a closed storage (and its data source) is not kept for the process's life.
   */
  private static final Set<StorageProvider> CLOSED =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  /** The runtime started when the first job found no JobRunr configured. */
  private static DurableRuntime embedded;

  private DurableJobs() {}

  /**
   * Enqueues a job of {@code method}: a worker runs it as soon as one is free.
   *
   * @param method the method
   * @param request its arguments and the caller's context
   * @return the job's id
   */
  public static JobId enqueue(DurableMethod method, DurableRequest request) {
    return create(job(method, request));
  }

  /**
   * Schedules a job of {@code method} at {@code at}.
   *
   * @param method the method
   * @param at when the job becomes due
   * @param request its arguments and the caller's context
   * @return the job's id
   */
  public static JobId schedule(DurableMethod method, Instant at, DurableRequest request) {
    return create(job(method, request).scheduleAt(Objects.requireNonNull(at, "at")));
  }

  /**
   * Schedules a job of {@code method} {@code delay} from now.
   *
   * @param method the method
   * @param delay how long from now the job becomes due
   * @param request its arguments and the caller's context
   * @return the job's id
   */
  public static JobId schedule(DurableMethod method, Duration delay, DurableRequest request) {
    return create(job(method, request).scheduleIn(Objects.requireNonNull(delay, "delay")));
  }

  /**
   * A future that completes once, when job {@code id} reaches a final state: with the id when it
   * succeeded; with {@link DurableJobFailedException} when it failed and JobRunr will not retry it;
   * with {@link DurableJobDeletedException} when it was deleted. A job that is retried completes
   * when its last attempt ends.
   *
   * <p>The storage is read for the pending futures of the process by one daemon thread, every 200
   * ms, which exists only while a future is pending. The futures complete on {@code
   * CompletableFuture}'s default async executor, never on that thread, so that a dependent that
   * blocks does not hold up the reads; give a slow dependent an executor of its own. Cancelling the
   * future stops waiting for the job, not the job. If the runtime is closed first, the future fails
   * with {@link IllegalStateException}. If the job cannot be read (ten reads in a row fail, or one
   * throws an {@link Error}), the future fails with what the read threw, and the other jobs are
   * read on.
   *
   * <p>{@code Gather} waits for many: {@code Gather.all(completion(a), completion(b))}.
   *
   * @param id the job
   * @return the job's completion
   */
  public static CompletableFuture<JobId> completion(JobId id) {
    Objects.requireNonNull(id, "id");
    ensureReady();
    return COMPLETIONS.watch(id);
  }

  /**
   * The object an instance {@code @Durable} method runs on in the worker: the one the supplier
   * registered for {@code type} with {@link #provide} gives, else a new one from {@code
   * constructor}.
   *
   * @param type the class that declares the method
   * @param constructor builds one when none is provided
   * @param <T> the class
   * @return the object to call the method on
   * @throws IllegalStateException if the registered supplier gives {@code null}
   */
  public static <T> T instance(Class<T> type, Supplier<? extends T> constructor) {
    Supplier<?> provided = PROVIDERS.get(type);
    if (provided == null) {
      return type.cast(constructor.get());
    }
    Object instance = provided.get();
    if (instance == null) {
      throw new IllegalStateException(
          "the supplier registered with DurableJobs.provide for " + type.getName() + " gave null");
    }
    return type.cast(instance);
  }

  /**
   * Makes the jobs of {@code type}'s instance methods run on what {@code supplier} gives (a Spring
   * bean, an object wired by hand) instead of on a new instance.
   *
   * @param type the class that declares the methods
   * @param supplier gives the object for each job
   * @param <T> the class
   */
  public static <T> void provide(Class<T> type, Supplier<? extends T> supplier) {
    PROVIDERS.put(
        Objects.requireNonNull(type, "type"), Objects.requireNonNull(supplier, "supplier"));
  }

  /**
   * Forgets the supplier {@link #provide} registered for {@code type}: its jobs run on new
   * instances again.
   *
   * @param type the class that declares the methods
   */
  public static void unprovide(Class<?> type) {
    PROVIDERS.remove(type);
  }

  /**
   * The runtime started at the first job because nothing was configured: in-memory storage and a
   * worker pool in this process. Close it to stop its workers.
   *
   * @return the embedded runtime, or empty when none was started (or it was closed)
   */
  public static Optional<DurableRuntime> embedded() {
    synchronized (LOCK) {
      return Optional.ofNullable(embedded);
    }
  }

  /**
   * Tells this class the storage of a JobRunr configured without its fluent API (by a framework's
   * integration, for instance), so that {@link #completion} can read it and no embedded default is
   * started.
   *
   * @param provider the storage JobRunr uses
   */
  public static void useStorage(StorageProvider provider) {
    synchronized (LOCK) {
      storage = Objects.requireNonNull(provider, "provider");
    }
  }

  /** Called by a runtime that starts. */
  static void started(StorageProvider provider) {
    synchronized (LOCK) {
      storage = provider;
    }
  }

  /** Called by a runtime that stops: its storage goes, and the futures waiting on it fail. */
  static void stopped(DurableRuntime runtime, StorageProvider provider) {
    synchronized (LOCK) {
      if (storage == provider) {
        storage = null;
      }
      CLOSED.add(provider);
      if (embedded == runtime) {
        embedded = null;
      }
    }
    COMPLETIONS.abandon(
        new IllegalStateException("JobRunr stopped before the job reached a final state"));
  }

  private static JobBuilder job(DurableMethod method, DurableRequest request) {
    return JobBuilder.aJob()
        .withName(method.jobName())
        .withAmountOfRetries(method.retries())
        .withJobRequest(Objects.requireNonNull(request, "request"));
  }

  private static JobId create(JobBuilder job) {
    ensureReady();
    return BackgroundJobRequest.create(job);
  }

  private static void ensureReady() {
    if (storage != null || configuredByApplication()) {
      return;
    }
    synchronized (LOCK) {
      if (storage == null && !configuredByApplication()) {
        embedded = DurableRuntime.builder().start();
      }
    }
  }

  private static boolean configuredByApplication() {
    try {
      return !CLOSED.contains(JobRunr.getStorageProvider());
    } catch (IllegalStateException notConfigured) {
      return false;
    }
  }

  private static StorageProvider storage() {
    StorageProvider known = storage;
    if (known != null) {
      return known;
    }
    try {
      StorageProvider configured = JobRunr.getStorageProvider();
      if (CLOSED.contains(configured)) {
        throw new IllegalStateException("JobRunr was stopped");
      }
      return configured;
    } catch (IllegalStateException notConfigured) {
      throw new IllegalStateException(
          "JobRunr is not configured: start a DurableRuntime, configure JobRunr, or tell"
              + " DurableJobs.useStorage its storage",
          notConfigured);
    }
  }
}
