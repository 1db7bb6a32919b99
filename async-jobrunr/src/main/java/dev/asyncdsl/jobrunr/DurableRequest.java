package dev.asyncdsl.jobrunr;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * A durable job's request: the arguments of a {@code @Durable} method and the caller's context,
 * stored as JSON by JobRunr until a worker runs it. The generated {@code XJobs} classes declare one
 * record per method that implements it; {@link #getJobRequestHandler()} names the generated handler
 * that runs it.
 */
public interface DurableRequest extends JobRequest {
  /**
   * The context of the thread that enqueued the job, restored around the method in the worker.
   *
   * @return the caller's context; {@link DurableContext#empty()} for none
   */
  DurableContext context();
}
