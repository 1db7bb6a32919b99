package dev.asyncdsl.jobrunr;

import dev.asyncdsl.jobrunr.internal.JsonMappers;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.JsonMapper;

/**
 * JobRunr started for durable jobs in this process: a storage, a worker pool (or none, for a
 * process that only enqueues) and, if asked, the dashboard. One runtime runs per process at a time;
 * closing it stops them all.
 *
 * <pre>{@code
 * try (DurableRuntime jobs = DurableRuntime.builder()
 *     .dataSource(dataSource)          // PostgreSQL, H2, MySQL, ...: the tables are created
 *     .workers(8)
 *     .dashboard(8000)
 *     .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Jobs are stored as JSON with Jackson 2 (and its {@code java.time} module), which this module
 * brings.
 */
public final class DurableRuntime implements AutoCloseable {
  private final StorageProvider storage;
  private final BackgroundJobServer server;
  private final int dashboardPort;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DurableRuntime(StorageProvider storage, BackgroundJobServer server, int dashboardPort) {
    this.storage = storage;
    this.server = server;
    this.dashboardPort = dashboardPort;
  }

  /**
   * A builder whose defaults give the embedded runtime: in-memory storage (jobs live as long as the
   * process), a worker pool of JobRunr's default size in this process, no dashboard.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The JSON mapper a runtime stores jobs with: Jackson 2, set so that every argument type a
   * durable method accepts reads back equal (decimals keep their digits, dates keep their offset
   * and zone). An application that configures JobRunr itself should use it too: {@code
   * JobRunr.configure().useJsonMapper(DurableRuntime.jsonMapper())}.
   *
   * @return a new mapper
   */
  public static JsonMapper jsonMapper() {
    return JsonMappers.jackson();
  }

  /**
   * The storage jobs are kept in.
   *
   * @return the storage
   */
  public StorageProvider storage() {
    return storage;
  }

  /**
   * The worker pool of this process, if it runs one.
   *
   * @return JobRunr's background job server, or empty when the process only enqueues
   */
  public Optional<BackgroundJobServer> server() {
    return Optional.ofNullable(server);
  }

  /**
   * The address of the dashboard, if this runtime serves it.
   *
   * @return {@code http://localhost:<port>/dashboard}, or empty
   */
  public Optional<URI> dashboard() {
    return dashboardPort == 0
        ? Optional.empty()
        : Optional.of(URI.create("http://localhost:" + dashboardPort + "/dashboard"));
  }

  /**
   * Stops the workers (a job still running is interrupted after JobRunr's grace period, and runs
   * again on another worker), the dashboard and the storage. Futures from {@link
   * DurableJobs#completion} still pending fail with {@link IllegalStateException}. Closing a closed
   * runtime does nothing.
   */
  @Override
  public void close() {
    // JobRunr.destroy() stops whichever JobRunr is configured now: a second close must not stop
    // a runtime started after this one was closed.
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      JobRunr.destroy();
    } finally {
      try {
        storage.close();
      } finally {
        DurableJobs.stopped(this, storage);
      }
    }
  }

  /**
   * Waits for the worker pool to finish starting: JobRunr starts it on a thread of its own, and a
   * pool stopped while it starts may leave threads behind.
   */
  private static void awaitStarted(BackgroundJobServer server) {
    if (server == null) {
      return;
    }
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!(server.isAnnounced() && server.isRunning()) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** How long {@link Builder#start()} waits for the worker pool to start. */
  private static final Duration STARTUP = Duration.ofSeconds(30);

  /** What a {@link DurableRuntime} runs; {@link #start()} starts it. */
  public static final class Builder {
    private StorageProvider storage;
    private int workers = -1;
    private Duration pollInterval;
    private int dashboardPort;
    private String name;

    private Builder() {}

    /**
     * Keeps jobs in {@code provider}, e.g. {@code new H2StorageProvider(dataSource)}.
     *
     * @param provider the storage
     * @return this builder
     */
    public Builder storage(StorageProvider provider) {
      this.storage = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * Keeps jobs in the database {@code dataSource} reaches (PostgreSQL, H2, MySQL, MariaDB,
     * Oracle, SQL Server, ...); JobRunr creates its tables if they are missing. Every process that
     * shares the database shares the jobs. Give it a pooled data source.
     *
     * @param dataSource the database
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      return storage(SqlStorageProviderFactory.using(Objects.requireNonNull(dataSource)));
    }

    /**
     * Runs {@code count} worker threads in this process; 0 runs none (the process only enqueues and
     * waits). By default JobRunr sizes the pool from the processors.
     *
     * @param count the number of jobs this process runs at once
     * @return this builder
     */
    public Builder workers(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("workers must be >= 0, was " + count);
      }
      this.workers = count;
      return this;
    }

    /**
     * How often the workers look for due work and tell the storage they are alive; a worker that
     * stays silent for four intervals is taken for dead, and its jobs run again elsewhere.
     * JobRunr's default is 15 seconds, its least 5 seconds for a database and 200 ms in memory.
     *
     * @param interval the poll interval
     * @return this builder
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * Serves JobRunr's dashboard on {@code port}, at {@code http://host:port/dashboard}.
     *
     * @param port the HTTP port
     * @return this builder
     */
    public Builder dashboard(int port) {
      if (port <= 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 1..65535, was " + port);
      }
      this.dashboardPort = port;
      return this;
    }

    /**
     * The name this process's worker pool shows in the dashboard.
     *
     * @param name the server name; by default the host name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Configures JobRunr and starts it.
     *
     * @return the running runtime; close it to stop
     * @throws IllegalStateException if JobRunr runs already in this process
     */
    public DurableRuntime start() {
      StorageProvider provider = storage != null ? storage : new InMemoryStorageProvider();
      JobRunrConfiguration configuration =
          JobRunr.configure().useJsonMapper(jsonMapper()).useStorageProvider(provider);
      if (workers != 0) {
        BackgroundJobServerConfiguration server =
            BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration();
        if (workers > 0) {
          server.andWorkerCount(workers);
        }
        if (pollInterval != null) {
          server.andPollInterval(pollInterval);
        }
        if (name != null) {
          server.andName(name);
        }
        configuration.useBackgroundJobServer(server);
      }
      if (dashboardPort != 0) {
        configuration.useDashboard(dashboardPort);
      }
      JobRunrConfiguration.JobRunrConfigurationResult result = configuration.initialize();
      awaitStarted(result.getBackgroundJobServer());
      DurableRuntime runtime =
          new DurableRuntime(provider, result.getBackgroundJobServer(), dashboardPort);
      DurableJobs.started(provider);
      return runtime;
    }
  }
}
