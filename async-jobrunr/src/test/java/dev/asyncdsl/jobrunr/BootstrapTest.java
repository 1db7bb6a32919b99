package dev.asyncdsl.jobrunr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncdsl.jobrunr.sample.Errands;
import dev.asyncdsl.jobrunr.sample.ErrandsJobs;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.jobs.JobId;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a process gets its JobRunr: embedded by default, its own, or a runtime with a dashboard. */
class BootstrapTest {
  @BeforeEach
  void clear() {
    Errands.RUNS.clear();
  }

  @AfterEach
  void nothingKeepsRunning() throws InterruptedException {
    DurableJobs.embedded().ifPresent(DurableRuntime::close);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!jobRunrThreads().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(List.of(), jobRunrThreads(), "JobRunr's threads end with the runtime");
  }

  @Test
  void withNothingConfiguredTheFirstJobStartsAnEmbeddedRuntime() throws Exception {
    assertFalse(DurableJobs.embedded().isPresent());

    JobId id = ErrandsJobs.note("embedded");

    assertTrue(DurableJobs.embedded().isPresent());
    assertEquals(id, DurableJobs.completion(id).get(60, TimeUnit.SECONDS));
    assertEquals("embedded", Errands.RUNS.poll(10, TimeUnit.SECONDS).label());
    assertFalse(jobRunrThreads().isEmpty(), "the embedded runtime's workers run meanwhile");
  }

  @Test
  void closingAClosedRuntimeAgainLeavesTheRuntimeStartedSinceRunning() throws Exception {
    DurableRuntime first =
        DurableRuntime.builder().workers(1).pollInterval(Duration.ofMillis(200)).start();
    first.close();
    DurableRuntime second =
        DurableRuntime.builder().workers(1).pollInterval(Duration.ofMillis(200)).start();
    try {
      first.close();

      JobId id = ErrandsJobs.note("after a second close of the first");
      assertEquals(id, DurableJobs.completion(id).get(60, TimeUnit.SECONDS));
      assertEquals(
          "after a second close of the first", Errands.RUNS.poll(10, TimeUnit.SECONDS).label());
    } finally {
      second.close();
    }
  }

  @Test
  void aJobRunrTheApplicationConfiguredItselfIsUsed() throws Exception {
    JobRunr.configure()
        .useJsonMapper(DurableRuntime.jsonMapper())
        .useStorageProvider(new InMemoryStorageProvider())
        .useBackgroundJobServer(
            BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                .andWorkerCount(2)
                .andPollInterval(Duration.ofMillis(200)))
        .initialize();
    try {
      JobId id = ErrandsJobs.note("configured by the application");

      assertEquals(id, DurableJobs.completion(id).get(60, TimeUnit.SECONDS));
      assertFalse(DurableJobs.embedded().isPresent());
      assertEquals(
          "configured by the application", Errands.RUNS.poll(10, TimeUnit.SECONDS).label());
    } finally {
      // JobRunr starts its server on a thread of its own: stopping it before that thread is done
      // leaves the server's threads running.
      while (jobRunrThreads().contains("jobrunr-startup-task-0")) {
        Thread.sleep(10);
      }
      JobRunr.destroy();
    }
  }

  @Test
  void theDashboardIsServedOnItsPortUntilTheRuntimeCloses() throws Exception {
    int port = freePort();
    try (DurableRuntime runtime = DurableRuntime.builder().workers(0).dashboard(port).start()) {
      URI dashboard = runtime.dashboard().orElseThrow();
      assertEquals(URI.create("http://localhost:" + port + "/dashboard"), dashboard);
      HttpURLConnection connection = (HttpURLConnection) dashboard.toURL().openConnection();
      try {
        assertEquals(200, connection.getResponseCode());
      } finally {
        connection.disconnect();
      }
    }
    try (ServerSocket again = new ServerSocket(port)) {
      assertEquals(port, again.getLocalPort(), "the port is free again");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<String> jobRunrThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.contains("jobrunr") || name.contains("backgroundjob"))
        .sorted()
        .toList();
  }
}
