package dev.asyncdsl.jobrunr;

import java.util.Objects;
import org.jobrunr.jobs.JobId;

/** A durable job was deleted (in the dashboard, or by code) before it succeeded. */
public final class DurableJobDeletedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The job that was deleted. */
  private final transient JobId jobId;

  /**
   * Job {@code jobId} was deleted.
   *
   * @param jobId the job
   */
  public DurableJobDeletedException(JobId jobId) {
    super("job " + jobId + " was deleted before it succeeded");
    this.jobId = Objects.requireNonNull(jobId, "jobId");
  }

  /**
   * The job that was deleted.
   *
   * @return its id
   */
  public JobId jobId() {
    return jobId;
  }
}
