package dev.asyncdsl.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.asyncdsl.DeadlineExceededException;
import dev.asyncdsl.jobrunr.DurableContext;
import dev.asyncdsl.jobrunr.DurableHandler;
import dev.asyncdsl.jobrunr.DurableJobs;
import dev.asyncdsl.jobrunr.DurableRequest;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.tools.JavaFileObject;
import org.jobrunr.jobs.JobId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated jobs classes at work: their entry points hand the runtime a request holding the
 * arguments, and the request's handler runs the method with them, through the twin when policies
 * apply. The runtime here is the tests' stand-in, which records what is enqueued instead of storing
 * it; module {@code async-jobrunr} runs the same code on real workers.
 */
class DurableJobsTest {
  private static final JavaFileObject MIRROR =
      JavaFileObjects.forSourceString(
          "com.example.Mirror",
          """
          package com.example;

          import dev.asyncdsl.Durable;
          import dev.asyncdsl.Retry;
          import dev.asyncdsl.Timeout;
          import java.io.IOException;
          import java.util.List;
          import java.util.concurrent.CopyOnWriteArrayList;
          import java.util.concurrent.CountDownLatch;
          import java.util.concurrent.TimeUnit;
          import java.util.concurrent.atomic.AtomicInteger;

          public class Mirror {
            public static final List<String> CALLS = new CopyOnWriteArrayList<>();
            public static final AtomicInteger ATTEMPTS = new AtomicInteger();
            public static final CountDownLatch INTERRUPTED = new CountDownLatch(1);

            private final String region;

            public Mirror() {
              this("anywhere");
            }

            public Mirror(String region) {
              this.region = region;
            }

            @Durable
            public void refresh(String city, List<Integer> days) {
              CALLS.add(region + ":" + city + days);
            }

            @Durable
            @Retry(maxRetries = 2)
            public static void flaky(String key) throws IOException {
              if (ATTEMPTS.incrementAndGet() < 3) {
                throw new IOException("not yet " + key);
              }
              CALLS.add("flaky:" + key);
            }

            @Durable
            @Retry(maxRetries = 1)
            public static void broken(String key) throws IOException {
              ATTEMPTS.incrementAndGet();
              throw new IOException("broken " + key);
            }

            @Durable
            @Timeout(value = 100, unit = TimeUnit.MILLISECONDS)
            public static void slow() throws InterruptedException {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                INTERRUPTED.countDown();
                throw e;
              }
            }
          }
          """);

  private static Class<?> jobs;
  private static Class<?> mirror;

  @BeforeAll
  static void compile() throws ClassNotFoundException {
    Compilation compilation = Compilers.strict().compile(MIRROR);
    assertThat(compilation).succeededWithoutWarnings();
    jobs = Compilers.load(compilation, "com.example.MirrorJobs");
    mirror = jobs.getClassLoader().loadClass("com.example.Mirror");
  }

  @AfterEach
  void forget() throws ReflectiveOperationException {
    DurableJobs.drain();
    DurableJobs.forgetProvided();
    calls().clear();
    ((AtomicInteger) mirror.getField("ATTEMPTS").get(null)).set(0);
  }

  private static int attempts() throws ReflectiveOperationException {
    return ((AtomicInteger) mirror.getField("ATTEMPTS").get(null)).get();
  }

  @SuppressWarnings("unchecked")
  private static List<String> calls() throws ReflectiveOperationException {
    return (List<String>) mirror.getField("CALLS").get(null);
  }

  private static Object call(String entry, Object... arguments) throws Exception {
    for (Method method : jobs.getMethods()) {
      if (method.getName().equals(entry)) {
        return method.invoke(null, arguments);
      }
    }
    throw new AssertionError("no entry point " + entry);
  }

  /** The one request enqueued since the last call. */
  private static DurableJobs.Enqueued enqueued() {
    List<DurableJobs.Enqueued> enqueued = DurableJobs.drain();
    assertEquals(1, enqueued.size(), enqueued::toString);
    return enqueued.get(0);
  }

  /** Runs {@code request} as a worker would: a new handler of the class it names. */
  private static void runInWorker(DurableRequest request) throws Exception {
    Object handler = request.getJobRequestHandler().getConstructor().newInstance();
    try {
      DurableHandler.class.getMethod("run", DurableRequest.class).invoke(handler, request);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
  }

  @Test
  void enqueuedArgumentsReachTheMethodInTheWorker() throws Exception {
    Object id = call("refresh", "Oslo", List.of(1, 2));
    assertInstanceOf(JobId.class, id);
    DurableJobs.Enqueued job = enqueued();
    assertNull(job.when());
    assertEquals("Mirror.refresh(String, List)", job.method().method().name());
    assertEquals(10, job.method().retries());
    assertEquals(DurableContext.empty(), job.request().context());
    assertTrue(calls().isEmpty(), "nothing runs before a worker takes the job");

    runInWorker(job.request());
    assertEquals(List.of("anywhere:Oslo[1, 2]"), calls());
  }

  @Test
  void aRegisteredInstanceWinsOverTheConstructor() throws Exception {
    Object north = mirror.getConstructor(String.class).newInstance("north");
    provide(mirror, () -> north);
    call("refresh", "Bergen", List.of());
    runInWorker(enqueued().request());
    assertEquals(List.of("north:Bergen[]"), calls());
  }

  @SuppressWarnings("unchecked")
  private static <T> void provide(Class<T> type, Supplier<?> supplier) {
    DurableJobs.provide(type, (Supplier<? extends T>) supplier);
  }

  @Test
  void scheduledJobsCarryTheirInstantOrDelay() throws Exception {
    Instant at = Instant.parse("2030-01-01T00:00:00Z");
    call("refreshAt", at, "Oslo", List.of(3));
    assertEquals(at, enqueued().when());
    call("refreshAfter", Duration.ofMinutes(5), "Oslo", List.of(4));
    DurableJobs.Enqueued later = enqueued();
    assertEquals(Duration.ofMinutes(5), later.when());
    runInWorker(later.request());
    assertEquals(List.of("anywhere:Oslo[4]"), calls());
  }

  @Test
  void retryRunsInTheWorkerWithinOneJob() throws Exception {
    call("flaky", "k");
    runInWorker(enqueued().request());
    assertEquals(List.of("flaky:k"), calls());
    assertEquals(3, attempts());
  }

  @Test
  void aJobThatStillFailsRethrowsItsFailureForJobRunrToRetry() throws Exception {
    call("broken", "k");
    DurableRequest request = enqueued().request();
    IOException failure = assertThrows(IOException.class, () -> runInWorker(request));
    assertEquals("broken k", failure.getMessage());
    assertEquals(2, attempts());
  }

  @Test
  void timeoutInterruptsTheMethodInTheWorker() throws Exception {
    call("slow");
    DurableRequest request = enqueued().request();
    assertThrows(DeadlineExceededException.class, () -> runInWorker(request));
    CountDownLatch interrupted = (CountDownLatch) mirror.getField("INTERRUPTED").get(null);
    assertTrue(interrupted.await(30, TimeUnit.SECONDS), "the method was not interrupted");
  }
}
