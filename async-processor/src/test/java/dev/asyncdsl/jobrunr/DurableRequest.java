package dev.asyncdsl.jobrunr;

import org.jobrunr.jobs.lambdas.JobRequest;

/** Stand-in for compile tests: what every generated job request is. */
public interface DurableRequest extends JobRequest {
  DurableContext context();
}
