/**
 * Durable jobs on JobRunr: a {@code @Durable} method called through its generated {@code XJobs}
 * class is stored as a job, with its arguments and the caller's context, and run by any worker
 * process that shares the storage, retried by JobRunr when it fails or its worker dies.
 *
 * <p>Delivery is at least once: a worker that dies after the method did its work but before JobRunr
 * recorded it runs the job again elsewhere. A durable method must therefore be safe to run twice
 * with the same arguments (idempotent): write with upserts or a unique key, check before sending.
 *
 * <ul>
 *   <li>{@link dev.asyncdsl.jobrunr.DurableRuntime} starts JobRunr: storage, workers, dashboard.
 *   <li>{@link dev.asyncdsl.jobrunr.DurableJobs} enqueues (for the generated code) and waits for
 *       jobs ({@link dev.asyncdsl.jobrunr.DurableJobs#completion}).
 *   <li>{@link dev.asyncdsl.jobrunr.DurableRequest}, {@link dev.asyncdsl.jobrunr.DurableHandler},
 *       {@link dev.asyncdsl.jobrunr.DurableMethod} and {@link dev.asyncdsl.jobrunr.DurableContext}
 *       are what the generated code is made of.
 * </ul>
 */
package dev.asyncdsl.jobrunr;
