package dev.asyncdsl.jobrunr.sample;

import dev.asyncdsl.AsyncMethod;
import dev.asyncdsl.jobrunr.DurableContext;
import dev.asyncdsl.jobrunr.DurableHandler;
import dev.asyncdsl.jobrunr.DurableJobs;
import dev.asyncdsl.jobrunr.DurableMethod;
import dev.asyncdsl.jobrunr.DurableRequest;
import java.time.Duration;
import java.time.Instant;
import org.jobrunr.jobs.JobId;

/** Shaped as the processor generates it for {@link Errands}. */
public final class ErrandsJobs {
  public static final DurableMethod NOTE_METHOD =
      DurableMethod.of(
          AsyncMethod.of("dev.asyncdsl.jobrunr.sample.Errands", "note", "note(String)"), 10, "");
  public static final DurableMethod FAIL_METHOD =
      DurableMethod.of(
          AsyncMethod.of("dev.asyncdsl.jobrunr.sample.Errands", "fail", "fail(String)"),
          0,
          "Errand that fails");
  public static final DurableMethod REMEMBER_METHOD =
      DurableMethod.of(
          AsyncMethod.of("dev.asyncdsl.jobrunr.sample.Errands", "remember", "remember(String)"),
          10,
          "");
  public static final DurableMethod STALL_METHOD =
      DurableMethod.of(
          AsyncMethod.of("dev.asyncdsl.jobrunr.sample.Errands", "stall", "stall()"), 0, "");

  private ErrandsJobs() {}

  public static JobId note(String label) {
    return DurableJobs.enqueue(NOTE_METHOD, new NoteJob(label, DurableContext.capture()));
  }

  public static JobId noteAt(Instant at, String label) {
    return DurableJobs.schedule(NOTE_METHOD, at, new NoteJob(label, DurableContext.capture()));
  }

  public static JobId noteAfter(Duration delay, String label) {
    return DurableJobs.schedule(NOTE_METHOD, delay, new NoteJob(label, DurableContext.capture()));
  }

  public static JobId fail(String message) {
    return DurableJobs.enqueue(FAIL_METHOD, new FailJob(message, DurableContext.capture()));
  }

  public static JobId remember(String label) {
    return DurableJobs.enqueue(REMEMBER_METHOD, new RememberJob(label, DurableContext.capture()));
  }

  public static JobId stall() {
    return DurableJobs.enqueue(STALL_METHOD, new StallJob(DurableContext.capture()));
  }

  public record NoteJob(String label, DurableContext context) implements DurableRequest {
    @Override
    public Class<NoteHandler> getJobRequestHandler() {
      return NoteHandler.class;
    }
  }

  public static final class NoteHandler extends DurableHandler<NoteJob> {
    public NoteHandler() {}

    @Override
    protected void perform(NoteJob job) throws Exception {
      Errands.note(job.label());
    }
  }

  public record FailJob(String message, DurableContext context) implements DurableRequest {
    @Override
    public Class<FailHandler> getJobRequestHandler() {
      return FailHandler.class;
    }
  }

  public static final class FailHandler extends DurableHandler<FailJob> {
    public FailHandler() {}

    @Override
    protected void perform(FailJob job) throws Exception {
      Errands.fail(job.message());
    }
  }

  public record RememberJob(String label, DurableContext context) implements DurableRequest {
    @Override
    public Class<RememberHandler> getJobRequestHandler() {
      return RememberHandler.class;
    }
  }

  public static final class RememberHandler extends DurableHandler<RememberJob> {
    public RememberHandler() {}

    @Override
    protected void perform(RememberJob job) throws Exception {
      DurableJobs.instance(Errands.class, Errands::new).remember(job.label());
    }
  }

  public record StallJob(DurableContext context) implements DurableRequest {
    @Override
    public Class<StallHandler> getJobRequestHandler() {
      return StallHandler.class;
    }
  }

  public static final class StallHandler extends DurableHandler<StallJob> {
    public StallHandler() {}

    @Override
    protected void perform(StallJob job) throws Exception {
      await(new ErrandsAsync(DurableJobs.instance(Errands.class, Errands::new)).stall());
    }
  }
}
