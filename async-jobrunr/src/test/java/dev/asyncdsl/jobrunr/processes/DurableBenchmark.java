package dev.asyncdsl.jobrunr.processes;

import dev.asyncdsl.jobrunr.DurableRuntime;
import dev.asyncdsl.jobrunr.sample.Chores;
import dev.asyncdsl.jobrunr.sample.ChoresJobs;
import dev.asyncdsl.jobrunr.sample.Errands;
import dev.asyncdsl.jobrunr.sample.ErrandsJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.BackgroundJob;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.jobrunr.storage.StorageProvider;

/**
 * Measures durable jobs, printing one line per measurement:
 *
 * <ol>
 *   <li>the cost of one enqueue, the generated typed request ({@code ErrandsJobs.remember(label)})
 *       against JobRunr's own {@code BackgroundJob.enqueue(() -> errands.remember(label))}, on
 *       in-memory storage so that the enqueue path itself is measured;
 *   <li>enqueue throughput into a shared database (an H2 server on 127.0.0.1, or PostgreSQL);
 *   <li>end-to-end jobs per second with one and with two worker processes of 4 threads, on jobs
 *       that sleep 100 ms: from the first enqueue until the storage counts every job succeeded.
 * </ol>
 *
 * <p>Run it with the test class path (see BENCHMARKS.md); arguments: none for an H2 server, or
 * {@code postgres URL USER PASSWORD}.
 */
public final class DurableBenchmark {
  private static final int ENQUEUES = 20_000;
  private static final int ROUNDS = 5;
  private static final int JOBS = 1_000;
  private static final int THREADS_PER_WORKER = 4;
  private static final int NAP_MILLIS = 100;

  private DurableBenchmark() {}

  public static void main(String[] args) throws Exception {
    enqueueCost();
    Path temp = Files.createTempDirectory("durable-benchmark");
    try (SharedDatabase database = database(args, temp)) {
      enqueueCostOn(database);
    }
    for (int workers : new int[] {1, 2}) {
      try (SharedDatabase database = database(args, temp)) {
        endToEnd(database, workers, temp);
      }
    }
  }

  private static SharedDatabase database(String[] args, Path temp) throws Exception {
    if (args.length > 0 && args[0].equals("postgres")) {
      return SharedDatabase.postgresSchema(args[1], args[2], args[3]);
    }
    return SharedDatabase.h2Server(Files.createTempDirectory(temp, "h2"));
  }

  private static void enqueueCost() {
    StorageProvider storage = new InMemoryStorageProvider();
    DurableRuntime runtime = DurableRuntime.builder().storage(storage).workers(0).start();
    try {
      Errands errands = new Errands();
      double[] typed = new double[ROUNDS];
      double[] lambda = new double[ROUNDS];
      for (int round = -2; round < ROUNDS; round++) { // two rounds of warm-up each
        long start = System.nanoTime();
        for (int i = 0; i < ENQUEUES; i++) {
          ErrandsJobs.remember("label " + i);
        }
        long typedNanos = System.nanoTime() - start;
        forget(storage);
        start = System.nanoTime();
        for (int i = 0; i < ENQUEUES; i++) {
          String label = "label " + i;
          BackgroundJob.enqueue(() -> errands.remember(label));
        }
        long lambdaNanos = System.nanoTime() - start;
        forget(storage);
        if (round >= 0) {
          typed[round] = (double) typedNanos / ENQUEUES / 1_000;
          lambda[round] = (double) lambdaNanos / ENQUEUES / 1_000;
        }
      }
      print(
          "enqueue, in-memory storage: typed request %.1f us/job, BackgroundJob.enqueue(lambda)"
              + " %.1f us/job (median of %d rounds of %,d)",
          median(typed), median(lambda), ROUNDS, ENQUEUES);
    } finally {
      runtime.close();
    }
  }

  private static void enqueueCostOn(SharedDatabase database) throws Exception {
    DataSource pool = SharedDatabase.pool(database.url, database.user, database.password, 4);
    DurableRuntime runtime = DurableRuntime.builder().dataSource(pool).workers(0).start();
    try {
      Errands errands = new Errands();
      int jobs = 2_000;
      double[] typed = new double[ROUNDS];
      double[] lambda = new double[ROUNDS];
      for (int round = -1; round < ROUNDS; round++) { // one round of warm-up each
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
          ErrandsJobs.remember("label " + i);
        }
        long typedNanos = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
          String label = "label " + i;
          BackgroundJob.enqueue(() -> errands.remember(label));
        }
        long lambdaNanos = System.nanoTime() - start;
        if (round >= 0) {
          typed[round] = (double) typedNanos / jobs / 1_000;
          lambda[round] = (double) lambdaNanos / jobs / 1_000;
        }
      }
      print(
          "enqueue, %s: typed request %.0f us/job, BackgroundJob.enqueue(lambda) %.0f us/job"
              + " (median of %d rounds of %,d)",
          database.name(), median(typed), median(lambda), ROUNDS, jobs);
    } finally {
      runtime.close();
      SharedDatabase.close(pool);
    }
  }

  /** Drops the jobs enqueued so far: each round starts with an empty storage. */
  private static void forget(StorageProvider storage) {
    storage.deleteJobsPermanently(StateName.ENQUEUED, Instant.now().plusSeconds(60));
    System.gc();
  }

  private static void endToEnd(SharedDatabase database, int workerCount, Path temp)
      throws Exception {
    DataSource pool = SharedDatabase.pool(database.url, database.user, database.password, 4);
    List<Process> workers = new ArrayList<>();
    try (DurableRuntime enqueuer = DurableRuntime.builder().dataSource(pool).workers(0).start()) {
      Chores.createLedger(pool);
      StorageProvider storage = enqueuer.storage();
      for (int i = 0; i < workerCount; i++) {
        workers.add(startWorker(database, "worker-" + i, temp));
      }
      while (storage.getBackgroundJobServers().size() < workerCount) {
        Thread.sleep(20);
      }
      long start = System.nanoTime();
      for (int job = 0; job < JOBS; job++) {
        ChoresJobs.nap(NAP_MILLIS);
      }
      long enqueued = System.nanoTime() - start;
      while (storage.countJobs(StateName.SUCCEEDED) < JOBS) {
        Thread.sleep(20);
      }
      long done = System.nanoTime() - start;
      print(
          "%s, %d worker process(es) x %d threads, jobs of %d ms: enqueue %,.0f jobs/s; end to end"
              + " %,d jobs in %.2f s = %,.0f jobs/s",
          database.name(),
          workerCount,
          THREADS_PER_WORKER,
          NAP_MILLIS,
          JOBS / (enqueued / 1e9),
          JOBS,
          done / 1e9,
          JOBS / (done / 1e9));
    } finally {
      for (Process worker : workers) {
        worker.destroyForcibly();
        worker.waitFor();
      }
      SharedDatabase.close(pool);
    }
  }

  private static Process startWorker(SharedDatabase database, String name, Path temp)
      throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            WorkerMain.class.getName(),
            database.url,
            database.user,
            database.password,
            name,
            Integer.toString(THREADS_PER_WORKER))
        .redirectOutput(temp.resolve(name + ".out").toFile())
        .redirectError(temp.resolve(name + ".err").toFile())
        .start();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  @SuppressWarnings("SystemOut")
  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
