package dev.outpost.internal.store;

import dev.outpost.StoreException;
import org.sqlite.Collation;
import org.sqlite.SQLiteConfig;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's SQLite connection: WAL journal, the {@code DECIMAL} collation that compares
 * decimal text exactly, and one write lock, so that each local write is one transaction
 * committed before the call returns (invariant 2).
 */
public final class Database implements AutoCloseable {

    /** What to do while a transaction runs. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    /** Prepared statements by SQL, least recently used first; the oldest is closed beyond {@link #STATEMENTS}. */
    private final java.util.Map<String, PreparedStatement> statements = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= STATEMENTS) {
                return false;
            }
            columnIndexes.remove(eldest.getKey());
            try {
                eldest.getValue().close();
            } catch (SQLException ignored) {
                // closing a cached statement cannot lose data
            }
            return true;
        }
    };
    /** How many prepared statements stay cached: queries of many shapes must not hold memory without bound. */
    static final int STATEMENTS = 512;

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) a store file.
     *
     * @param synchronousFull fsync every commit (survives power loss, about half as fast); the
     *     default NORMAL survives process crashes, which is what WAL guarantees without fsync
     * @param cacheMebibytes SQLite page cache size
     */
    public static Database open(Path file, boolean synchronousFull, int cacheMebibytes) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synchronousFull ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.setCacheSize(-1024 * cacheMebibytes);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // the store reads new rowids itself, only after its inserts (see insert); the driver's own
        // generated-keys support would prepare and run a "SELECT last_insert_rowid()" after every
        // INSERT, UPDATE and DELETE
        config.setGetGeneratedKeys(false);
        config.enforceForeignKeys(false);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            Collation.create(c, "DECIMAL", new DecimalCollation());
            SqlFunctions.register(c);
            c.setAutoCommit(true);
            return new Database(file, c);
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot open the store file " + file + ": " + e.getMessage()
                    + "; check the path and that no other process holds it", e);
        }
    }

    /** The store file. */
    public Path file() {
        return file;
    }

    /** Runs work in one transaction under the write lock; commits on success, rolls back on any failure. */
    public <T> T write(Work<T> work) {
        lock.lock();
        try {
            return transaction("BEGIN IMMEDIATE", work);
        } finally {
            lock.unlock();
        }
    }

    /** Runs work in an exclusive transaction (schema migrations). */
    public <T> T exclusive(Work<T> work) {
        lock.lock();
        try {
            return transaction("BEGIN EXCLUSIVE", work);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs read-only work under the lock. Every change goes through this connection under the
     * same lock, and one process owns a store, so the work sees one consistent, committed state
     * without a transaction of its own.
     */
    public <T> T read(Work<T> work) {
        lock.lock();
        try {
            return run(work);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the current thread holds the write lock (inside {@link #write}). */
    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    private <T> T transaction(String begin, Work<T> work) {
        if (inTransaction) {
            return run(work);
        }
        try {
            prepare(begin).execute();
        } catch (SQLException e) {
            throw new StoreException("cannot start a transaction on " + file + ": " + e.getMessage(), e);
        }
        inTransaction = true;
        boolean ok = false;
        try {
            T result = run(work);
            prepare("COMMIT").execute();
            ok = true;
            return result;
        } catch (SQLException e) {
            throw new StoreException("cannot commit to " + file + ": " + e.getMessage(), e);
        } finally {
            inTransaction = false;
            if (!ok) {
                try {
                    prepare("ROLLBACK").execute();
                } catch (SQLException ignored) {
                    // the original failure is what the caller needs to see
                }
            }
        }
    }

    private boolean inTransaction;

    private <T> T run(Work<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            String m = e.getMessage();
            if (m != null && m.contains(SqlFunctions.BAD_VALUE)) {
                throw new dev.outpost.DataRequestException(400, m.substring(m.indexOf(SqlFunctions.BAD_VALUE)
                        + SqlFunctions.BAD_VALUE.length()).replaceFirst("\\)$", ""), e);
            }
            throw new StoreException("SQLite failed on " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A prepared statement for this SQL, reused across calls; bind every parameter. Use it only
     * inside {@link #write} or {@link #read} (the lock makes the shared statement safe).
     */
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement p = statements.get(sql);
        if (p == null) {
            p = connection.prepareStatement(sql);
            statements.put(sql, p);
        }
        return p; // callers bind every parameter each time, so earlier values need no clearing
    }

    /**
     * Runs a prepared single-row INSERT and returns the new row's rowid. Reads it with
     * {@code last_insert_rowid()} rather than {@code RETURNING}, which costs SQLite an ephemeral
     * table and an extra pass per insert (a replica of a local create took a sixth longer with
     * it). Call it under the lock, like {@link #prepare}: the rowid is the connection's last
     * insert, and triggers' inserts do not change it once they end.
     */
    public long insert(PreparedStatement insert) throws SQLException {
        insert.executeUpdate();
        return lastInsertRowid();
    }

    /** The rowid of this connection's last INSERT (under the lock, like {@link #insert}). */
    public long lastInsertRowid() throws SQLException {
        try (java.sql.ResultSet rs = prepare("SELECT last_insert_rowid()").executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private final java.util.Map<String, java.util.Map<String, Integer>> columnIndexes = new java.util.HashMap<>();

    /**
     * The positions of a query's result columns by label, read from SQLite once per statement
     * (each label is a native call).
     */
    public java.util.Map<String, Integer> columnIndex(String sql, java.sql.ResultSet rs) throws SQLException {
        java.util.Map<String, Integer> index = columnIndexes.get(sql);
        if (index == null) {
            index = new java.util.HashMap<>();
            java.sql.ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                index.putIfAbsent(md.getColumnLabel(i), i);
            }
            columnIndexes.put(sql, index);
        }
        return index;
    }

    /** Forgets cached statements (after schema changes). */
    public void clearStatements() {
        for (PreparedStatement p : statements.values()) {
            try {
                p.close();
            } catch (SQLException ignored) {
                // closing a cached statement cannot lose data
            }
        }
        statements.clear();
        columnIndexes.clear();
    }

    /** Executes statements one by one (DDL). */
    public static void execute(Connection c, Iterable<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Runs {@code PRAGMA integrity_check}; returns "ok" when the file is sound. */
    public String integrityCheck() {
        return read(c -> {
            try (PreparedStatement p = c.prepareStatement("PRAGMA integrity_check");
                 var rs = p.executeQuery()) {
                StringBuilder out = new StringBuilder();
                while (rs.next()) {
                    out.append(out.length() > 0 ? "\n" : "").append(rs.getString(1));
                }
                return out.toString();
            }
        });
    }

    @Override
    public void close() {
        lock.lock();
        try {
            clearStatements();
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Compares decimal text exactly (10.5 equals 10.50; 9 sorts before 10); non-numbers sort after numbers, by text. */
    static final class DecimalCollation extends Collation {
        @Override
        protected int xCompare(String a, String b) {
            BigDecimal x = parse(a);
            BigDecimal y = parse(b);
            if (x != null && y != null) {
                return x.compareTo(y);
            }
            if (x != null) {
                return -1;
            }
            if (y != null) {
                return 1;
            }
            return a.compareTo(b);
        }

        private static BigDecimal parse(String s) {
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
