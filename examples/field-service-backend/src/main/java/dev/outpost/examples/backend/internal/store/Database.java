package dev.outpost.examples.backend.internal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The back end's SQLite file behind one connection. Every request runs in one transaction while
 * holding the lock, so requests see each other's effects in a single order and the version
 * counter (which orders changes for delta links) needs no further coordination.
 */
public final class Database implements AutoCloseable {

  /** Work done inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Path file;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock(true);
  private long lastVersion;
  private int savepoints;

  public Database(Path file) {
    this.file = file;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("PRAGMA synchronous=NORMAL");
        statement.execute("PRAGMA cache_size=-65536");
      }
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open the back end's database " + file + ": " + e.getMessage()
          + ". Check that the directory exists and is writable.", e);
    }
  }

  /** The SQLite file. */
  public Path file() {
    return file;
  }

  /**
   * Runs {@code work} in a transaction that commits when it returns and rolls back when it
   * throws. A call made inside another transaction on the same thread runs under a savepoint of
   * it, so that its own failure undoes only its own work.
   */
  public <T> T transaction(Work<T> work) {
    return transaction(work, result -> true);
  }

  /**
   * Like {@link #transaction(Work)}, but a result that {@code keep} rejects is rolled back too:
   * requests answer errors as responses rather than exceptions, and their work must not stay.
   */
  public <T> T transaction(Work<T> work, Predicate<T> keep) {
    lock.lock();
    try {
      return lock.getHoldCount() > 1 ? underSavepoint(work, keep) : inNewTransaction(work, keep);
    } catch (SQLException e) {
      throw new StoreException("Database work failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private <T> T inNewTransaction(Work<T> work, Predicate<T> keep) throws SQLException {
    try {
      T result = work.run(connection);
      if (keep.test(result)) {
        connection.commit();
      } else {
        connection.rollback();
      }
      return result;
    } catch (RuntimeException | SQLException | Error e) {
      rollbackQuietly(e);
      throw e;
    }
  }

  private <T> T underSavepoint(Work<T> work, Predicate<T> keep) throws SQLException {
    String name = "sp" + (++savepoints);
    execute("SAVEPOINT " + name);
    try {
      T result = work.run(connection);
      if (!keep.test(result)) {
        execute("ROLLBACK TO " + name);
      }
      execute("RELEASE " + name);
      return result;
    } catch (RuntimeException | SQLException | Error e) {
      execute("ROLLBACK TO " + name);
      execute("RELEASE " + name);
      throw e;
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Whether the calling thread is inside a transaction. */
  public boolean inTransaction() {
    return lock.isHeldByCurrentThread();
  }

  /**
   * The next value of the change counter: every written row gets a new one, so a row's version
   * is both its ETag and its place in the order of changes that delta links follow.
   */
  public long nextVersion() {
    requireTransaction();
    return ++lastVersion;
  }

  /** The version of the newest change made so far. */
  public long lastVersion() {
    requireTransaction();
    return lastVersion;
  }

  void startVersionsAt(long version) {
    lastVersion = Math.max(lastVersion, version);
  }

  long queryLong(String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  private void requireTransaction() {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("Versions are handed out only inside Database.transaction(...)");
    }
  }

  private void rollbackQuietly(Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("Cannot close the database " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
