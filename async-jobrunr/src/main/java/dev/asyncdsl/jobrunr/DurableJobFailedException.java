package dev.asyncdsl.jobrunr;

import java.util.Objects;
import org.jobrunr.jobs.JobId;

/**
 * A durable job failed for good: its last attempt failed and JobRunr will not retry it. Holds what
 * JobRunr stored of the failure; the exception itself stayed in the worker.
 */
public final class DurableJobFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The job that failed. */
  private final transient JobId jobId;

  /** The binary name of the exception's class, as the worker stored it. */
  private final String exceptionType;

  /** The exception's message, as the worker stored it; may be {@code null}. */
  private final String exceptionMessage;

  /**
   * The failure of job {@code jobId}.
   *
   * @param jobId the job
   * @param reason JobRunr's message for the failure
   * @param exceptionType the binary name of the exception's class
   * @param exceptionMessage the exception's message, or {@code null}
   */
  public DurableJobFailedException(
      JobId jobId, String reason, String exceptionType, String exceptionMessage) {
    super(
        "job "
            + jobId
            + " failed for good: "
            + reason
            + " ("
            + exceptionType
            + (exceptionMessage == null ? "" : ": " + exceptionMessage)
            + ")");
    this.jobId = Objects.requireNonNull(jobId, "jobId");
    this.exceptionType = exceptionType;
    this.exceptionMessage = exceptionMessage;
  }

  /**
   * The job that failed.
   *
   * @return its id
   */
  public JobId jobId() {
    return jobId;
  }

  /**
   * The class of the exception the job's last attempt threw.
   *
   * @return its binary name, e.g. {@code java.io.UncheckedIOException}
   */
  public String exceptionType() {
    return exceptionType;
  }

  /**
   * The message of the exception the job's last attempt threw.
   *
   * @return the message, or {@code null} if it had none
   */
  public String exceptionMessage() {
    return exceptionMessage;
  }
}
