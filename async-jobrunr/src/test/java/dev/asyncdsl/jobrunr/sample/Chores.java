package dev.asyncdsl.jobrunr.sample;

import dev.asyncdsl.Durable;
import io.opentelemetry.api.trace.Span;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.MDC;

/**
 * Short jobs that leave a row per run in the shared database: which job, which worker process, and
 * the context it ran in. A job whose worker died after the row was written runs again and leaves a
 * second row: duplicates are counted, not hidden.
 */
public class Chores {
  /** The database the runs are written to, set by the worker process at start. */
  public static volatile DataSource ledger;

  /** The worker process's name, written with each run. */
  public static volatile String worker = "";

  /** Creates the table of runs, and that of starts (a start without its run: work cut short). */
  public static void createLedger(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement runs =
            connection.prepareStatement(
                "create table if not exists chore_runs (chore int not null, worker varchar(64) not"
                    + " null, tenant varchar(64), trace_id varchar(64))");
        PreparedStatement starts =
            connection.prepareStatement(
                "create table if not exists chore_starts (chore int not null, worker varchar(64)"
                    + " not null)")) {
      runs.execute();
      starts.execute();
    }
  }

  /**
   * Records the start, sleeps 20 to 50 ms, as a short task does, then records the run.
   *
   * @param chore the chore's number
   * @throws Exception if the row cannot be written (the job then fails and is retried)
   */
  @Durable(retries = 5)
  public static void work(int chore) throws Exception {
    try (Connection connection = ledger.getConnection();
        PreparedStatement insert =
            connection.prepareStatement("insert into chore_starts (chore, worker) values (?, ?)")) {
      insert.setInt(1, chore);
      insert.setString(2, worker);
      insert.executeUpdate();
    }
    Thread.sleep(20 + chore % 31);
    try (Connection connection = ledger.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into chore_runs (chore, worker, tenant, trace_id) values (?, ?, ?, ?)")) {
      insert.setInt(1, chore);
      insert.setString(2, worker);
      insert.setString(3, MDC.get("tenant"));
      insert.setString(4, Span.current().getSpanContext().getTraceId());
      insert.executeUpdate();
    }
  }

  /**
   * Sleeps {@code millis}, as a task that waits on a remote service does; for the benchmark.
   *
   * @param millis how long
   * @throws InterruptedException if the job is stopped
   */
  @Durable
  public static void nap(int millis) throws InterruptedException {
    Thread.sleep(millis);
  }
}
