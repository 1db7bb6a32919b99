package dev.asyncdsl.examples.durable;

import dev.asyncdsl.jobrunr.DurableRuntime;
import java.io.IOException;
import java.time.Duration;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A worker process of the Celery case: runs the jobs of the shared database until its standard
 * input ends. Arguments: the database's JDBC URL, the worker's name, its number of threads.
 */
public final class ReportWorker {
  private ReportWorker() {}

  /** Starts the worker; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    JdbcConnectionPool database = JdbcConnectionPool.create(args[0], "sa", "");
    DurableRuntime runtime =
        DurableRuntime.builder()
            .dataSource(database)
            .name(args[1])
            .workers(Integer.parseInt(args[2]))
            .pollInterval(Duration.ofSeconds(5))
            .start();
    try {
      while (System.in.read() != -1) {
        // Works until the demo closes the pipe.
      }
    } finally {
      runtime.close();
      database.dispose();
    }
  }
}
