package dev.asyncdsl.jobrunr.processes;

import dev.asyncdsl.jobrunr.DurableRuntime;
import dev.asyncdsl.jobrunr.sample.Chores;
import java.io.IOException;
import javax.sql.DataSource;

/**
 * A worker process: runs the jobs of the shared database with a pool of worker threads until its
 * standard input ends (or it is killed).
 *
 * <p>Arguments: JDBC URL, user, password, worker name, worker threads.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws IOException {
    DataSource dataSource = SharedDatabase.pool(args[0], args[1], args[2], 12);
    Chores.ledger = dataSource;
    Chores.worker = args[3];
    DurableRuntime runtime =
        DurableRuntime.builder()
            .dataSource(dataSource)
            .workers(Integer.parseInt(args[4]))
            .pollInterval(SharedDatabase.POLL_INTERVAL)
            .name(args[3])
            .start();
    try {
      while (System.in.read() != -1) {
        // Runs until the parent closes the pipe, or kills it.
      }
    } finally {
      runtime.close();
      SharedDatabase.close(dataSource);
    }
  }
}
