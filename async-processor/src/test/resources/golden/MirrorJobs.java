package com.example;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.jobrunr.DurableContext;
import dev.asyncdsl.jobrunr.DurableHandler;
import dev.asyncdsl.jobrunr.DurableJobs;
import dev.asyncdsl.jobrunr.DurableMethod;
import dev.asyncdsl.jobrunr.DurableRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.annotation.processing.Generated;
import org.jobrunr.jobs.JobId;

/**
 * The durable jobs of {@link Mirror}: each of its {@code @Durable} methods, enqueued as a
 * JobRunr job that a worker runs, in this process or in another one sharing the job
 * storage.
 *
 * <p>A method {@code name} has three entry points: {@code name} runs it as soon as a
 * worker can, {@code nameAt} at an instant and {@code nameAfter} after a delay. Each
 * stores the arguments and the caller's context, and returns the job's id.
 *
 * <p>Delivery is at least once: a job whose worker dies runs again, so the methods
 * must be idempotent.
 */
@Generated("dev.asyncdsl.processor.AsyncProcessor")
public final class MirrorJobs {
  /**
   * {@link Mirror#refresh(String)} as the runtime knows it, with its JobRunr retries.
   */
  public static final DurableMethod REFRESH_METHOD = DurableMethod.of(
    AsyncMethod.of("com.example.Mirror", "refresh", "Mirror.refresh(String)"), 10, "");

  /**
   * {@link Mirror#refresh(String, LocalDate)} as the runtime knows it, with its JobRunr retries.
   */
  public static final DurableMethod REFRESH_METHOD_2 = DurableMethod.of(
    AsyncMethod.of("com.example.Mirror", "refresh", "Mirror.refresh(String, LocalDate)"), 5, "refresh a city's day");

  /**
   * {@link Mirror#rebuild(int)} as the runtime knows it, with its JobRunr retries.
   */
  public static final DurableMethod REBUILD_METHOD = DurableMethod.of(
    AsyncMethod.of("com.example.Mirror", "rebuild", "Mirror.rebuild(int)"), 3, "");

  /**
   * {@link Mirror#copy(List, String)} as the runtime knows it, with its JobRunr retries.
   */
  public static final DurableMethod COPY_METHOD = DurableMethod.of(
    AsyncMethod.of("com.example.Mirror", "copy", "Mirror.copy(List, String)"), 10, "");

  /**
   * {@link Mirror#prefetch(String, String[])} as the runtime knows it, with its JobRunr retries.
   */
  public static final DurableMethod PREFETCH_METHOD = DurableMethod.of(
    AsyncMethod.of("com.example.Mirror", "prefetch", "Mirror.prefetch(String, String...)"), 10, "");

  /**
   * Not instantiated: the entry points are static.
   */
  private MirrorJobs() {
  }

  /**
   * Enqueues {@link Mirror#refresh(String)}, for a worker to run as soon as it can.
   *
   * @param city the argument {@code city}, stored with the job
   * @return the job's id
   */
  public static JobId refresh(String city) {
    return DurableJobs.enqueue(REFRESH_METHOD, new RefreshJob(city, DurableContext.capture()));
  }

  /**
   * Schedules {@link Mirror#refresh(String)}, for a worker to run at {@code at}.
   *
   * @param at when the job is to run
   * @param city the argument {@code city}, stored with the job
   * @return the job's id
   */
  public static JobId refreshAt(Instant at, String city) {
    return DurableJobs.schedule(REFRESH_METHOD, at, new RefreshJob(city, DurableContext.capture()));
  }

  /**
   * Schedules {@link Mirror#refresh(String)}, for a worker to run once {@code delay} has passed.
   *
   * @param delay how long to wait before the job runs
   * @param city the argument {@code city}, stored with the job
   * @return the job's id
   */
  public static JobId refreshAfter(Duration delay, String city) {
    return DurableJobs.schedule(REFRESH_METHOD, delay, new RefreshJob(city, DurableContext.capture()));
  }

  /**
   * Enqueues {@link Mirror#refresh(String, LocalDate)}, for a worker to run as soon as it can.
   *
   * @param city the argument {@code city}, stored with the job
   * @param day the argument {@code day}, stored with the job
   * @return the job's id
   */
  public static JobId refresh(String city, LocalDate day) {
    return DurableJobs.enqueue(REFRESH_METHOD_2, new RefreshJob2(city, day, DurableContext.capture()));
  }

  /**
   * Schedules {@link Mirror#refresh(String, LocalDate)}, for a worker to run at {@code at}.
   *
   * @param at when the job is to run
   * @param city the argument {@code city}, stored with the job
   * @param day the argument {@code day}, stored with the job
   * @return the job's id
   */
  public static JobId refreshAt(Instant at, String city, LocalDate day) {
    return DurableJobs.schedule(REFRESH_METHOD_2, at, new RefreshJob2(city, day, DurableContext.capture()));
  }

  /**
   * Schedules {@link Mirror#refresh(String, LocalDate)}, for a worker to run once {@code delay} has passed.
   *
   * @param delay how long to wait before the job runs
   * @param city the argument {@code city}, stored with the job
   * @param day the argument {@code day}, stored with the job
   * @return the job's id
   */
  public static JobId refreshAfter(Duration delay, String city, LocalDate day) {
    return DurableJobs.schedule(REFRESH_METHOD_2, delay, new RefreshJob2(city, day, DurableContext.capture()));
  }

  /**
   * Enqueues {@link Mirror#rebuild(int)}, for a worker to run as soon as it can.
   *
   * @param shard the argument {@code shard}, stored with the job
   * @return the job's id
   */
  public static JobId rebuild(int shard) {
    return DurableJobs.enqueue(REBUILD_METHOD, new RebuildJob(shard, DurableContext.capture()));
  }

  /**
   * Schedules {@link Mirror#rebuild(int)}, for a worker to run at {@code at}.
   *
   * @param at when the job is to run
   * @param shard the argument {@code shard}, stored with the job
   * @return the job's id
   */
  public static JobId rebuildAt(Instant at, int shard) {
    return DurableJobs.schedule(REBUILD_METHOD, at, new RebuildJob(shard, DurableContext.capture()));
  }

  /**
   * Schedules {@link Mirror#rebuild(int)}, for a worker to run once {@code delay} has passed.
   *
   * @param delay how long to wait before the job runs
   * @param shard the argument {@code shard}, stored with the job
   * @return the job's id
   */
  public static JobId rebuildAfter(Duration delay, int shard) {
    return DurableJobs.schedule(REBUILD_METHOD, delay, new RebuildJob(shard, DurableContext.capture()));
  }

  /**
   * Enqueues {@link Mirror#copy(List, String)}, for a worker to run as soon as it can.
   *
   * @param files the argument {@code files}, stored with the job
   * @param context the argument {@code context}, stored with the job
   * @return the job's id
   */
  public static JobId copy(List<String> files, String context) {
    return DurableJobs.enqueue(COPY_METHOD, new CopyJob(files, context, DurableContext.capture()));
  }

  /**
   * Schedules {@link Mirror#copy(List, String)}, for a worker to run at {@code at}.
   *
   * @param at when the job is to run
   * @param files the argument {@code files}, stored with the job
   * @param context the argument {@code context}, stored with the job
   * @return the job's id
   */
  public static JobId copyAt(Instant at, List<String> files, String context) {
    return DurableJobs.schedule(COPY_METHOD, at, new CopyJob(files, context, DurableContext.capture()));
  }

  /**
   * Schedules {@link Mirror#copy(List, String)}, for a worker to run once {@code delay} has passed.
   *
   * @param delay how long to wait before the job runs
   * @param files the argument {@code files}, stored with the job
   * @param context the argument {@code context}, stored with the job
   * @return the job's id
   */
  public static JobId copyAfter(Duration delay, List<String> files, String context) {
    return DurableJobs.schedule(COPY_METHOD, delay, new CopyJob(files, context, DurableContext.capture()));
  }

  /**
   * Enqueues {@link Mirror#prefetch(String, String[])}, for a worker to run as soon as it can.
   *
   * @param at the argument {@code at}, stored with the job
   * @param keys the argument {@code keys}, stored with the job
   * @return the job's id
   */
  public static JobId prefetch(String at, String... keys) {
    return DurableJobs.enqueue(PREFETCH_METHOD, new PrefetchJob(at, keys, DurableContext.capture()));
  }

  /**
   * Schedules {@link Mirror#prefetch(String, String[])}, for a worker to run at {@code at_}.
   *
   * @param at_ when the job is to run
   * @param at the argument {@code at}, stored with the job
   * @param keys the argument {@code keys}, stored with the job
   * @return the job's id
   */
  public static JobId prefetchAt(Instant at_, String at, String... keys) {
    return DurableJobs.schedule(PREFETCH_METHOD, at_, new PrefetchJob(at, keys, DurableContext.capture()));
  }

  /**
   * Schedules {@link Mirror#prefetch(String, String[])}, for a worker to run once {@code delay} has passed.
   *
   * @param delay how long to wait before the job runs
   * @param at the argument {@code at}, stored with the job
   * @param keys the argument {@code keys}, stored with the job
   * @return the job's id
   */
  public static JobId prefetchAfter(Duration delay, String at, String... keys) {
    return DurableJobs.schedule(PREFETCH_METHOD, delay, new PrefetchJob(at, keys, DurableContext.capture()));
  }

  /**
   * A job of {@link Mirror#refresh(String)}:
   * its arguments and the caller's context, stored as JSON until a worker runs it.
   *
   * @param city the argument {@code city}
   * @param context the caller's context, restored in the worker while the job runs
   */
  public record RefreshJob(String city, DurableContext context) implements DurableRequest {
    @Override
    public Class<RefreshHandler> getJobRequestHandler() {
      return RefreshHandler.class;
    }
  }

  /**
   * Runs a {@link RefreshJob} in a worker:
   * calls {@link Mirror#refresh(String)}.
   */
  public static final class RefreshHandler extends DurableHandler<RefreshJob> {
    /**
     * Created by JobRunr in the worker.
     */
    public RefreshHandler() {
    }

    @Override
    protected void perform(RefreshJob job) throws Exception {
      DurableJobs.instance(Mirror.class, Mirror::new).refresh(job.city());
    }
  }

  /**
   * A job of {@link Mirror#refresh(String, LocalDate)}:
   * its arguments and the caller's context, stored as JSON until a worker runs it.
   *
   * @param city the argument {@code city}
   * @param day the argument {@code day}
   * @param context the caller's context, restored in the worker while the job runs
   */
  public record RefreshJob2(String city, LocalDate day,
      DurableContext context) implements DurableRequest {
    @Override
    public Class<RefreshHandler2> getJobRequestHandler() {
      return RefreshHandler2.class;
    }
  }

  /**
   * Runs a {@link RefreshJob2} in a worker:
   * calls {@link Mirror#refresh(String, LocalDate)}.
   */
  public static final class RefreshHandler2 extends DurableHandler<RefreshJob2> {
    /**
     * Created by JobRunr in the worker.
     */
    public RefreshHandler2() {
    }

    @Override
    protected void perform(RefreshJob2 job) throws Exception {
      DurableJobs.instance(Mirror.class, Mirror::new).refresh(job.city(), job.day());
    }
  }

  /**
   * A job of {@link Mirror#rebuild(int)}:
   * its arguments and the caller's context, stored as JSON until a worker runs it.
   *
   * @param shard the argument {@code shard}
   * @param context the caller's context, restored in the worker while the job runs
   */
  public record RebuildJob(int shard, DurableContext context) implements DurableRequest {
    @Override
    public Class<RebuildHandler> getJobRequestHandler() {
      return RebuildHandler.class;
    }
  }

  /**
   * Runs a {@link RebuildJob} in a worker:
   * calls {@link Mirror#rebuild(int)} through {@link MirrorAsync},
   * so that its timeout and policies apply.
   */
  public static final class RebuildHandler extends DurableHandler<RebuildJob> {
    /**
     * Created by JobRunr in the worker.
     */
    public RebuildHandler() {
    }

    @Override
    protected void perform(RebuildJob job) throws Exception {
      await(MirrorAsync.rebuild(job.shard()));
    }
  }

  /**
   * A job of {@link Mirror#copy(List, String)}:
   * its arguments and the caller's context, stored as JSON until a worker runs it.
   *
   * @param files the argument {@code files}
   * @param context_ the argument {@code context}
   * @param context the caller's context, restored in the worker while the job runs
   */
  public record CopyJob(List<String> files, String context_,
      DurableContext context) implements DurableRequest {
    @Override
    public Class<CopyHandler> getJobRequestHandler() {
      return CopyHandler.class;
    }
  }

  /**
   * Runs a {@link CopyJob} in a worker:
   * calls {@link Mirror#copy(List, String)} through {@link MirrorAsync},
   * so that its timeout and policies apply.
   */
  public static final class CopyHandler extends DurableHandler<CopyJob> {
    /**
     * Created by JobRunr in the worker.
     */
    public CopyHandler() {
    }

    @Override
    protected void perform(CopyJob job) throws Exception {
      Mirror target = DurableJobs.instance(Mirror.class, Mirror::new);
      await(new MirrorAsync(target).copy(job.files(), job.context_()));
    }
  }

  /**
   * A job of {@link Mirror#prefetch(String, String[])}:
   * its arguments and the caller's context, stored as JSON until a worker runs it.
   *
   * @param at the argument {@code at}
   * @param keys the argument {@code keys}
   * @param context the caller's context, restored in the worker while the job runs
   */
  public record PrefetchJob(String at, String[] keys,
      DurableContext context) implements DurableRequest {
    @Override
    public Class<PrefetchHandler> getJobRequestHandler() {
      return PrefetchHandler.class;
    }
  }

  /**
   * Runs a {@link PrefetchJob} in a worker:
   * calls {@link Mirror#prefetch(String, String[])}.
   */
  public static final class PrefetchHandler extends DurableHandler<PrefetchJob> {
    /**
     * Created by JobRunr in the worker.
     */
    public PrefetchHandler() {
    }

    @Override
    protected void perform(PrefetchJob job) throws Exception {
      await(DurableJobs.instance(Mirror.class, Mirror::new).prefetch(job.at(), job.keys()).toCompletableFuture());
    }
  }
}
