package dev.asyncdsl.examples.durable;

import dev.asyncdsl.jobrunr.DurableJobs;
import dev.asyncdsl.jobrunr.DurableRuntime;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.tools.Server;
import org.jobrunr.jobs.JobId;
import org.jobrunr.jobs.states.ProcessingState;

/**
 * The seed post's Celery case, beyond one process: long tasks enqueued as durable jobs into one
 * database (an H2 server started here), two worker processes on this machine running them, and this
 * process printing each job as it finishes, with JobRunr's dashboard served meanwhile.
 */
public final class CeleryCase {
  private static final int REPORTS = 12;
  private static final int THREADS_PER_WORKER = 3;

  private CeleryCase() {}

  /** Runs the case, printing as it goes. */
  public static void run() throws Exception {
    Path files = Files.createTempDirectory("asyncdsl-celery-case");
    Server h2 =
        Server.createTcpServer(
                "-tcpPort",
                Integer.toString(freePort()),
                "-ifNotExists",
                "-baseDir",
                files.toString())
            .start();
    String url = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/jobs";
    JdbcConnectionPool database = JdbcConnectionPool.create(url, "sa", "");
    List<Process> workers = new ArrayList<>();
    try (DurableRuntime runtime =
        DurableRuntime.builder().dataSource(database).workers(0).dashboard(freePort()).start()) {
      System.out.println("jobs stored in an H2 server at " + url);
      System.out.println("JobRunr dashboard: " + runtime.dashboard().orElseThrow());

      long start = System.nanoTime();
      List<JobId> jobs = new ArrayList<>();
      for (int report = 1; report <= REPORTS; report++) {
        jobs.add(SlowReportsJobs.build(report, Duration.ofMillis(1000 + 100L * (report % 5))));
      }
      System.out.println("enqueued " + REPORTS + " reports of 1 to 1.4 s each; starting 2 workers");
      for (String name : List.of("worker-1", "worker-2")) {
        workers.add(startWorker(url, name, files));
      }

      AtomicInteger finished = new AtomicInteger();
      List<CompletableFuture<JobId>> completions = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        int report = i + 1;
        completions.add(
            DurableJobs.completion(jobs.get(i))
                .whenComplete(
                    (id, failure) ->
                        System.out.printf(
                            Locale.ROOT,
                            "  report %2d %s by %s (%d/%d, %.1f s)%n",
                            report,
                            failure == null ? "done" : "FAILED",
                            workerOf(runtime, id),
                            finished.incrementAndGet(),
                            REPORTS,
                            (System.nanoTime() - start) / 1e9)));
      }
      CompletableFuture.allOf(completions.toArray(CompletableFuture[]::new))
          .get(2, TimeUnit.MINUTES);

      Map<String, Integer> perWorker = new TreeMap<>();
      jobs.forEach(id -> perWorker.merge(workerOf(runtime, id), 1, Integer::sum));
      System.out.printf(
          Locale.ROOT,
          "all %d reports done in %.1f s, shared by the two processes: %s%n",
          REPORTS,
          (System.nanoTime() - start) / 1e9,
          perWorker);
    } finally {
      for (Process worker : workers) {
        worker.destroyForcibly();
        worker.waitFor(10, TimeUnit.SECONDS);
      }
      database.dispose();
      h2.stop();
    }
  }

  private static String workerOf(DurableRuntime runtime, JobId id) {
    return runtime
        .storage()
        .getJobById(id)
        .getLastJobStateOfType(ProcessingState.class)
        .map(ProcessingState::getServerName)
        .orElse("?");
  }

  private static Process startWorker(String url, String name, Path files) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    String logging = System.getProperty("logback.configurationFile");
    if (logging != null) {
      command.add("-Dlogback.configurationFile=" + logging); // the worker logs as the demo does
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ReportWorker.class.getName(),
            url,
            name,
            Integer.toString(THREADS_PER_WORKER)));
    return new ProcessBuilder(command)
        .redirectOutput(files.resolve(name + ".log").toFile())
        .redirectErrorStream(true)
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
