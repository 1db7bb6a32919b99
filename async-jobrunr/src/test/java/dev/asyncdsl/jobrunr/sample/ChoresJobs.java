package dev.asyncdsl.jobrunr.sample;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.jobrunr.DurableContext;
import dev.asyncdsl.jobrunr.DurableHandler;
import dev.asyncdsl.jobrunr.DurableJobs;
import dev.asyncdsl.jobrunr.DurableMethod;
import dev.asyncdsl.jobrunr.DurableRequest;
import org.jobrunr.jobs.JobId;

/** Shaped as the processor generates it for {@link Chores}. */
public final class ChoresJobs {
  public static final DurableMethod WORK_METHOD =
      DurableMethod.of(
          AsyncMethod.of("dev.asyncdsl.jobrunr.sample.Chores", "work", "work(int)"), 5, "");

  private ChoresJobs() {}

  public static JobId work(int chore) {
    return DurableJobs.enqueue(WORK_METHOD, new WorkJob(chore, DurableContext.capture()));
  }

  public record WorkJob(int chore, DurableContext context) implements DurableRequest {
    @Override
    public Class<WorkHandler> getJobRequestHandler() {
      return WorkHandler.class;
    }
  }

  public static final class WorkHandler extends DurableHandler<WorkJob> {
    public WorkHandler() {}

    @Override
    protected void perform(WorkJob job) throws Exception {
      Chores.work(job.chore());
    }
  }
}
