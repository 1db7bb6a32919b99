package dev.asyncdsl.jobrunr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.DeadlineExceededException;
import dev.asyncdsl.Gather;
import dev.asyncdsl.jobrunr.sample.Errands;
import dev.asyncdsl.jobrunr.sample.ErrandsJobs;
import dev.asyncdsl.jobrunr.sample.Kinds;
import dev.asyncdsl.jobrunr.sample.Kinds.Color;
import dev.asyncdsl.jobrunr.sample.Kinds.Line;
import dev.asyncdsl.jobrunr.sample.KindsJobs;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobId;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.BackgroundJobRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The runtime on JobRunr's in-memory storage, with a worker pool in this process. */
class DurableJobsTest {
  private static DurableRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = DurableRuntime.builder().workers(4).pollInterval(Duration.ofMillis(200)).start();
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  @BeforeEach
  void clear() {
    Errands.RUNS.clear();
    MDC.clear();
  }

  @Test
  void argumentsOfEveryAcceptedKindArriveInTheWorkerAsSent() throws Exception {
    UUID uuid = UUID.randomUUID();
    Line line = new Line("sku-1", 3, List.of(Color.RED, Color.GREEN));
    Map<String, Line> byName = new LinkedHashMap<>();
    byName.put("first", line);
    Map<Color, Integer> byColor = Map.of(Color.GREEN, 7);
    Map<UUID, String> byId = Map.of(uuid, "id");
    Object[] sent = {
      -7,
      1L << 40,
      0.1,
      2.5f,
      true,
      'ç',
      (byte) -3,
      (short) 300,
      Integer.valueOf(42),
      "text with \"quotes\" and ünicode",
      Color.GREEN,
      uuid,
      new BigDecimal("12345678901234567890.000123"),
      new BigInteger("-98765432109876543210987654321"),
      Instant.parse("2026-12-05T03:04:05.123456789Z"),
      LocalDate.of(2026, 2, 28),
      LocalTime.of(23, 59, 58, 999_000_000),
      LocalDateTime.of(2026, 12, 5, 3, 4, 5, 6_000),
      OffsetDateTime.of(2026, 12, 5, 3, 4, 5, 0, ZoneOffset.ofHours(5)),
      ZonedDateTime.of(2026, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")),
      Duration.ofMinutes(90).plusNanos(5),
      Period.of(1, 2, 3),
      line,
      List.of(line, new Line("sku-2", 1, List.of())),
      new LinkedHashSet<>(List.of("a", "b")),
      List.of(1, 2, 3),
      byName,
      byColor,
      byId,
      new int[] {1, 2, 3},
      new String[] {"x", "y"},
      new Line[] {line}
    };
    JobId id =
        KindsJobs.everything(
            (int) sent[0],
            (long) sent[1],
            (double) sent[2],
            (float) sent[3],
            (boolean) sent[4],
            (char) sent[5],
            (byte) sent[6],
            (short) sent[7],
            (Integer) sent[8],
            (String) sent[9],
            Color.GREEN,
            uuid,
            (BigDecimal) sent[12],
            (BigInteger) sent[13],
            (Instant) sent[14],
            (LocalDate) sent[15],
            (LocalTime) sent[16],
            (LocalDateTime) sent[17],
            (OffsetDateTime) sent[18],
            (ZonedDateTime) sent[19],
            (Duration) sent[20],
            (Period) sent[21],
            line,
            List.of(line, new Line("sku-2", 1, List.of())),
            new LinkedHashSet<>(List.of("a", "b")),
            List.of(1, 2, 3),
            byName,
            byColor,
            byId,
            new int[] {1, 2, 3},
            new String[] {"x", "y"},
            new Line[] {line});

    assertEquals(id, DurableJobs.completion(id).get(30, TimeUnit.SECONDS));
    Object[] received = Kinds.RECEIVED.get();
    assertEquals(sent.length, received.length);
    for (int i = 0; i < sent.length; i++) {
      if (sent[i] instanceof int[] ints) {
        assertArrayEquals(ints, (int[]) received[i], "argument " + i);
      } else if (sent[i] instanceof Object[] objects) {
        assertArrayEquals(objects, (Object[]) received[i], "argument " + i);
      } else {
        assertEquals(sent[i], received[i], "argument " + i);
      }
    }
  }

  @Test
  void theCallersMdcAndTraceArriveInTheWorker() throws Exception {
    SpanContext caller =
        SpanContext.create(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            TraceFlags.getSampled(),
            TraceState.getDefault());
    JobId id;
    MDC.put("tenant", "acme");
    Scope scope = Span.wrap(caller).makeCurrent();
    try {
      id = ErrandsJobs.note("traced");
    } finally {
      scope.close();
      MDC.clear();
    }

    DurableJobs.completion(id).get(30, TimeUnit.SECONDS);
    Errands.Run run = Errands.RUNS.poll(10, TimeUnit.SECONDS);
    assertEquals("traced", run.label());
    assertEquals("acme", run.tenant());
    assertEquals("0af7651916cd43dd8448eb211c80319c", run.traceId());
    assertNotSame(Thread.currentThread().getName(), run.thread());
  }

  @Test
  void aJobWithoutContextRunsWithoutOne() throws Exception {
    DurableJobs.completion(ErrandsJobs.note("plain")).get(30, TimeUnit.SECONDS);
    Errands.Run run = Errands.RUNS.poll(10, TimeUnit.SECONDS);
    assertNull(run.tenant());
    assertFalse(Span.current().getSpanContext().isValid());
    assertEquals(SpanContext.getInvalid().getTraceId(), run.traceId());
  }

  @Test
  void aJobThatFailsForGoodFailsItsCompletionWithTheReason() {
    JobId id = ErrandsJobs.fail("the mirror is down");

    ExecutionException thrown =
        assertThrows(
            ExecutionException.class, () -> DurableJobs.completion(id).get(30, TimeUnit.SECONDS));
    DurableJobFailedException failed =
        assertInstanceOf(DurableJobFailedException.class, thrown.getCause());
    assertEquals(id, failed.jobId());
    assertEquals(IllegalStateException.class.getName(), failed.exceptionType());
    assertEquals("the mirror is down", failed.exceptionMessage());
    // No retries (retries = 0): the first failure is final.
    assertEquals(StateName.FAILED, runtime.storage().getJobById(id).getState());
  }

  @Test
  void aDeletedJobFailsItsCompletion() {
    JobId id = ErrandsJobs.noteAfter(Duration.ofHours(1), "never");
    CompletableFuture<JobId> completion = DurableJobs.completion(id);
    assertFalse(completion.isDone());

    BackgroundJobRequest.delete(id);

    ExecutionException thrown =
        assertThrows(ExecutionException.class, () -> completion.get(30, TimeUnit.SECONDS));
    assertEquals(id, assertInstanceOf(DurableJobDeletedException.class, thrown.getCause()).jobId());
  }

  @Test
  void gatherWaitsForManyJobsAndTheWatcherThreadEndsWhenNothingIsPending() throws Exception {
    List<JobId> ids = new ArrayList<>();
    List<CompletableFuture<JobId>> completions = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      JobId id = ErrandsJobs.note("many " + i);
      ids.add(id);
      completions.add(DurableJobs.completion(id));
    }
    assertTrue(watcherThread() != null || completions.stream().allMatch(CompletableFuture::isDone));

    assertEquals(ids, Gather.all(completions).get(30, TimeUnit.SECONDS));
    assertEquals(20, Errands.RUNS.size());
    Thread watcher = watcherThread();
    if (watcher != null) {
      watcher.join(TimeUnit.SECONDS.toMillis(10));
    }
    assertNull(watcherThread(), "no completion thread is kept once nothing is pending");
  }

  @Test
  void aScheduledJobRunsAtItsTime() throws Exception {
    JobId id = ErrandsJobs.noteAt(Instant.now().plusMillis(300), "scheduled");
    assertEquals(StateName.SCHEDULED, runtime.storage().getJobById(id).getState());

    DurableJobs.completion(id).get(30, TimeUnit.SECONDS);
    assertEquals("scheduled", Errands.RUNS.poll(10, TimeUnit.SECONDS).label());
  }

  @Test
  void jobsAreNamedAfterTheirMethodAndCarryItsRetries() throws Exception {
    JobId named = ErrandsJobs.note("named");
    JobId custom = ErrandsJobs.fail("named too");
    DurableJobs.completion(named).get(30, TimeUnit.SECONDS);
    Job noted = runtime.storage().getJobById(named);
    assertEquals("Errands.note(String)", noted.getJobName());
    assertEquals(10, noted.getAmountOfRetries());
    assertEquals("Errand that fails", runtime.storage().getJobById(custom).getJobName());
    assertEquals(0, runtime.storage().getJobById(custom).getAmountOfRetries());
  }

  @Test
  void anInstanceMethodRunsOnTheProvidedObjectElseOnANewOne() throws Exception {
    DurableJobs.completion(ErrandsJobs.remember("first")).get(30, TimeUnit.SECONDS);
    DurableJobs.provide(Errands.class, () -> new Errands("the application"));
    try {
      DurableJobs.completion(ErrandsJobs.remember("second")).get(30, TimeUnit.SECONDS);
    } finally {
      DurableJobs.unprovide(Errands.class);
    }
    assertEquals("first on built by the worker", Errands.RUNS.poll(10, TimeUnit.SECONDS).label());
    assertEquals("second on the application", Errands.RUNS.poll(10, TimeUnit.SECONDS).label());
  }

  @Test
  void aMethodWithPoliciesRunsThroughItsTwinAndItsTimeoutStopsIt() throws Exception {
    Errands.release = new CountDownLatch(1);
    try {
      JobId id = ErrandsJobs.stall();
      ExecutionException thrown =
          assertThrows(
              ExecutionException.class, () -> DurableJobs.completion(id).get(30, TimeUnit.SECONDS));
      DurableJobFailedException failed =
          assertInstanceOf(DurableJobFailedException.class, thrown.getCause());
      assertEquals(DeadlineExceededException.class.getName(), failed.exceptionType());
    } finally {
      Errands.release.countDown();
    }
    assertTrue(Errands.RUNS.isEmpty(), "the timeout interrupted the body: " + Errands.RUNS);
  }

  private static Thread watcherThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("asyncdsl-durable-completions"))
        .findFirst()
        .orElse(null);
  }
}
