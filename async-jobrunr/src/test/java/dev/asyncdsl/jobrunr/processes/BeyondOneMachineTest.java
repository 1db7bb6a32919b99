package dev.asyncdsl.jobrunr.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.asyncdsl.Gather;
import dev.asyncdsl.jobrunr.DurableJobs;
import dev.asyncdsl.jobrunr.DurableRuntime;
import dev.asyncdsl.jobrunr.sample.Chores;
import dev.asyncdsl.jobrunr.sample.ChoresJobs;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.jobrunr.jobs.JobId;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.StateName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * Beyond one machine, with processes, not threads: this JVM enqueues 2,000 jobs into a shared
 * database, two worker JVMs run them, one is killed with SIGKILL mid-run. Every job must end
 * succeeded, each having run at least once; the runs beyond once (at-least-once delivery) are
 * counted and written to {@code target/beyond-one-machine/<database>.txt}.
 */
class BeyondOneMachineTest {
  private static final int JOBS = 2_000;
  private static final int THREADS_PER_WORKER = 4;
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  /** Set by CI (.ci/run): a PostgreSQL it cannot reach there is a failure, not a skip. */
  private static final boolean POSTGRES_REQUIRED =
      Boolean.parseBoolean(System.getenv("ASYNCDSL_POSTGRES_REQUIRED"));

  private final List<Process> workers = new ArrayList<>();

  @TempDir Path temp;

  @AfterEach
  void killWorkers() throws InterruptedException {
    for (Process worker : workers) {
      worker.destroyForcibly();
      worker.waitFor(30, TimeUnit.SECONDS);
      assertFalse(worker.isAlive(), "worker process " + worker.pid() + " left running");
    }
  }

  @Test
  void twoWorkerProcessesShareAnH2ServerAndOneIsKilled() throws Exception {
    try (SharedDatabase database = SharedDatabase.h2Server(temp)) {
      runThenKillOneWorker(database);
    }
  }

  @Test
  void twoWorkerProcessesSharePostgresqlAndOneIsKilled() throws Exception {
    String url = System.getenv("ASYNCDSL_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      if (POSTGRES_REQUIRED) {
        fail("ASYNCDSL_POSTGRES_REQUIRED is set but ASYNCDSL_POSTGRES_URL is not");
      }
      assumeTrue(
          false,
          "no PostgreSQL: set ASYNCDSL_POSTGRES_URL (and ASYNCDSL_POSTGRES_USER,"
              + " ASYNCDSL_POSTGRES_PASSWORD) to run this test; .ci/run does");
    }
    SharedDatabase database;
    try {
      database =
          SharedDatabase.postgresSchema(
              url,
              System.getenv().getOrDefault("ASYNCDSL_POSTGRES_USER", "postgres"),
              System.getenv().getOrDefault("ASYNCDSL_POSTGRES_PASSWORD", ""));
    } catch (SQLException unreachable) {
      if (POSTGRES_REQUIRED) {
        throw unreachable;
      }
      assumeTrue(false, "PostgreSQL at " + url + " is unreachable: " + unreachable.getMessage());
      return;
    }
    try (database) {
      runThenKillOneWorker(database);
    }
  }

  private void runThenKillOneWorker(SharedDatabase database) throws Exception {
    DataSource pool = SharedDatabase.pool(database.url, database.user, database.password, 4);
    try (DurableRuntime enqueuer = DurableRuntime.builder().dataSource(pool).workers(0).start()) {
      Chores.createLedger(pool);
      List<JobId> ids = enqueueInContext();

      Process doomed = startWorker(database, "worker-a");
      Process survivor = startWorker(database, "worker-b");
      awaitTrue(() -> runsBy(pool, "worker-a") >= 150, "worker-a to run 150 jobs", doomed);
      // Killed while it holds work: a job started and not yet run to its end (starts read first,
      // so a start counted is one that had begun when the runs were counted).
      awaitTrue(
          () -> startsBy(pool, "worker-a") > runsBy(pool, "worker-a"),
          "worker-a to be in the middle of a job",
          doomed);
      doomed.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no goodbye to the storage
      assertTrue(doomed.waitFor(30, TimeUnit.SECONDS));
      long cutShort = startsBy(pool, "worker-a") - runsBy(pool, "worker-a");
      long succeededAtKill = enqueuer.storage().countJobs(StateName.SUCCEEDED);
      assertTrue(succeededAtKill < JOBS, "killed mid-run: " + succeededAtKill + " done");

      awaitTrue(
          () -> enqueuer.storage().countJobs(StateName.SUCCEEDED) == JOBS,
          "every job to succeed",
          survivor);
      List<CompletableFuture<JobId>> completions = new ArrayList<>();
      for (JobId id : ids) {
        completions.add(DurableJobs.completion(id));
      }
      assertEquals(ids, Gather.all(completions).get(60, TimeUnit.SECONDS));

      Map<String, Long> report = report(pool);
      // The jobs worker-a held when it died: JobRunr failed them as orphans, then retried them.
      long rescued =
          ids.stream()
              .filter(
                  id ->
                      enqueuer.storage().getJobById(id).getJobStates().stream()
                          .anyMatch(FailedState.class::isInstance))
              .count();
      report.put("jobs worker-a was running when killed", cutShort);
      report.put("jobs rescued from the killed worker", rescued);
      write(database.name(), report, succeededAtKill);
      assertEquals(JOBS, report.get("distinct jobs run"), "no job lost: " + report);
      assertTrue(report.get("runs") >= JOBS, report.toString());
      assertEquals(
          report.get("runs") - JOBS,
          report.get("duplicate runs"),
          "every run beyond the first is counted: " + report);
      assertTrue(report.get("runs by worker-a") > 0, report.toString());
      // Every job cut short ran again elsewhere (a job whose run was recorded but whose success
      // was not stored is rescued too, and counted as a duplicate run).
      assertTrue(rescued >= cutShort, "the killed worker's jobs ran again elsewhere: " + report);
      assertTrue(report.get("runs by worker-b") > 0, report.toString());
      assertEquals(report.get("runs"), report.get("runs with the caller's MDC"), report.toString());
      assertEquals(
          report.get("runs"), report.get("runs with the caller's trace id"), report.toString());
    } finally {
      SharedDatabase.close(pool);
    }
  }

  /** Enqueues the jobs with a tenant in the MDC and a trace current, as a request would. */
  private static List<JobId> enqueueInContext() {
    SpanContext trace =
        SpanContext.create(
            TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
    List<JobId> ids = new ArrayList<>(JOBS);
    MDC.put("tenant", "acme");
    Scope scope = Span.wrap(trace).makeCurrent();
    try {
      for (int chore = 0; chore < JOBS; chore++) {
        ids.add(ChoresJobs.work(chore));
      }
    } finally {
      scope.close();
      MDC.clear();
    }
    return ids;
  }

  private Process startWorker(SharedDatabase database, String name) throws IOException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            WorkerMain.class.getName(),
            database.url,
            database.user,
            database.password,
            name,
            Integer.toString(THREADS_PER_WORKER));
    builder.redirectOutput(temp.resolve(name + ".out").toFile());
    builder.redirectError(temp.resolve(name + ".err").toFile());
    Process process = builder.start();
    workers.add(process);
    return process;
  }

  private static long startsBy(DataSource pool, String worker) {
    return count(pool, "select count(*) from chore_starts where worker = '" + worker + "'");
  }

  private static long runsBy(DataSource pool, String worker) {
    return count(pool, "select count(*) from chore_runs where worker = '" + worker + "'");
  }

  private static Map<String, Long> report(DataSource pool) {
    Map<String, Long> report = new LinkedHashMap<>();
    report.put("jobs", (long) JOBS);
    report.put("runs", count(pool, "select count(*) from chore_runs"));
    report.put("distinct jobs run", count(pool, "select count(distinct chore) from chore_runs"));
    report.put(
        "duplicate runs",
        count(
            pool,
            "select coalesce(sum(runs - 1), 0) from (select count(*) as runs from chore_runs"
                + " group by chore) as per_job"));
    report.put("runs by worker-a", runsBy(pool, "worker-a"));
    report.put("runs by worker-b", runsBy(pool, "worker-b"));
    report.put(
        "runs with the caller's MDC",
        count(pool, "select count(*) from chore_runs where tenant = 'acme'"));
    report.put(
        "runs with the caller's trace id",
        count(pool, "select count(*) from chore_runs where trace_id = '" + TRACE_ID + "'"));
    return report;
  }

  private static long count(DataSource pool, String sql) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private void write(String database, Map<String, Long> report, long succeededAtKill)
      throws IOException {
    Path dir = Paths.get("target", "beyond-one-machine");
    Files.createDirectories(dir);
    StringBuilder text = new StringBuilder();
    text.append("database: ").append(database).append('\n');
    text.append("succeeded when worker-a was killed: ").append(succeededAtKill).append('\n');
    report.forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
    Files.writeString(dir.resolve(database + ".txt"), text);
  }

  /** Waits, as long as {@code process} lives, for {@code condition}; 3 minutes at most. */
  private void awaitTrue(BooleanSupplier condition, String what, Process process)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        fail("the worker died waiting for " + what + ": " + errors(process));
      }
      if (System.nanoTime() > deadline) {
        fail("gave up waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private String errors(Process process) throws IOException {
    for (Path file : Files.newDirectoryStream(temp, "*.err")) {
      String text = Files.readString(file);
      if (!text.isEmpty()) {
        return file.getFileName() + ": " + text;
      }
    }
    return "exit " + process.exitValue();
  }
}
