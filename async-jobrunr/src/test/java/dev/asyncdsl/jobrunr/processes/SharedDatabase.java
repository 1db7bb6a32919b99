package dev.asyncdsl.jobrunr.processes;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.tools.Server;

/**
 * A database that several processes share: an H2 server on 127.0.0.1, or a fresh schema of a
 * PostgreSQL database. Closing it stops the server or drops the schema.
 */
abstract class SharedDatabase implements AutoCloseable {
  /** JobRunr's least poll interval on a database; a dead worker is noticed after four. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

  final String url;
  final String user;
  final String password;

  SharedDatabase(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  abstract String name();

  /** A connection pool to the database, for one process. */
  static DataSource pool(String url, String user, String password, int size) {
    if (url.startsWith("jdbc:h2:")) {
      JdbcConnectionPool pool = JdbcConnectionPool.create(url, user, password);
      pool.setMaxConnections(size);
      return pool;
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setPoolName("shared-" + UUID.randomUUID());
    return new HikariDataSource(config);
  }

  static void close(DataSource pool) {
    if (pool instanceof JdbcConnectionPool h2) {
      h2.dispose();
    } else if (pool instanceof HikariDataSource hikari) {
      hikari.close();
    }
  }

  /** An H2 database served over TCP on 127.0.0.1, on a free port, its files under {@code dir}. */
  static SharedDatabase h2Server(Path dir) throws SQLException {
    int port = freePort();
    Server server =
        Server.createTcpServer(
                "-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir", dir.toString())
            .start();
    return new SharedDatabase("jdbc:h2:tcp://127.0.0.1:" + port + "/jobs", "sa", "") {
      @Override
      String name() {
        return "h2-server";
      }

      @Override
      public void close() {
        server.stop();
      }
    };
  }

  /**
   * A new schema in the PostgreSQL database at {@code url}; the URL it gives selects it.
   *
   * @throws SQLException if the database cannot be reached
   */
  static SharedDatabase postgresSchema(String url, String user, String password)
      throws SQLException {
    String schema = "durable_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(url, user, password, "create schema " + schema);
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new SharedDatabase(schemaUrl, user, password) {
      @Override
      String name() {
        return "postgresql";
      }

      @Override
      public void close() throws SQLException {
        execute(url, user, password, "drop schema " + schema + " cascade");
      }
    };
  }

  static void execute(String url, String user, String password, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public abstract void close() throws SQLException;
}
