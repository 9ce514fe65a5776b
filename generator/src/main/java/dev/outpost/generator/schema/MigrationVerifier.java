package dev.outpost.generator.schema;

import dev.outpost.internal.schema.Ddl;
import dev.outpost.internal.schema.SchemaHistory;
import dev.outpost.internal.schema.StoreSchema;
import dev.outpost.internal.store.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Proves a service's schema history (G6): builds version 1 in a scratch SQLite file, applies every
 * migration in order, and compares the result with a fresh schema of the current
 * {@code $metadata} — tables, their column definitions (order aside) and indexes. A numbering gap,
 * a migration that fails, a difference, or a latest snapshot that is not the current schema fails
 * the verification, each with what to do.
 */
public final class MigrationVerifier {

    /**
     * The outcome.
     *
     * @param directory the history directory
     * @param versions how many versions the history has
     * @param problems what is wrong; empty when the history is proven
     */
    public record Verification(Path directory, int versions, List<String> problems) {
        public Verification {
            problems = List.copyOf(problems);
        }

        /** Whether the history is proven. */
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private MigrationVerifier() {
    }

    /**
     * Verifies the history in {@code directory} against the schema of the current {@code $metadata}.
     *
     * @throws UncheckedIOException if the scratch database cannot be created
     */
    public static Verification verify(Path directory, StoreSchema current) {
        Objects.requireNonNull(current, "current");
        List<SchemaHistoryDirectory.Version> versions;
        try {
            versions = SchemaHistoryDirectory.read(directory);
        } catch (SchemaHistoryException e) {
            return new Verification(directory, 0, List.of(e.getMessage()));
        }
        if (versions.isEmpty()) {
            return new Verification(directory, 0, List.of("there is no schema history in " + directory
                    + "; run the generate goal (it records version 1) and commit the directory"));
        }
        List<String> problems = new ArrayList<>();
        SchemaHistoryDirectory.Version latest = versions.get(versions.size() - 1);
        try {
            if (!latest.snapshot(directory).identityHash().equals(current.identityHash())) {
                problems.add(directory.resolve(SchemaHistory.snapshotFile(latest.number())) + " is not the schema of the"
                        + " current $metadata; run the generate goal to record the change, then commit the new files");
            }
            Map<String, String> migrated = build(versions.get(0).snapshot(directory), versions, directory, problems);
            if (migrated != null) {
                Map<String, String> fresh = build(current, List.of(), directory, problems);
                compare(migrated, fresh, latest.number(), problems);
            }
        } catch (SchemaHistoryException e) {
            problems.add(e.getMessage());
        }
        return new Verification(directory, versions.size(), problems);
    }

    /** Creates a schema, applies the migrations after version 1, and describes what is there; null if a statement fails. */
    private static Map<String, String> build(StoreSchema first, List<SchemaHistoryDirectory.Version> versions, Path dir,
                                             List<String> problems) {
        Path scratch;
        try {
            scratch = Files.createTempFile("outpost-verify-", ".db");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch database to verify migrations: " + e.getMessage(), e);
        }
        try (Database db = Database.open(scratch, false, 2)) {
            return db.exclusive(c -> {
                Database.execute(c, Ddl.create(first));
                for (SchemaHistoryDirectory.Version v : versions) {
                    if (v.number() == 1) {
                        continue;
                    }
                    for (String statement : v.migration(dir)) {
                        try (Statement s = c.createStatement()) {
                            s.execute(statement);
                        } catch (SQLException e) {
                            problems.add(dir.resolve(SchemaHistory.migrationFile(v.number())) + ": the statement '"
                                    + statement + "' fails on version " + (v.number() - 1) + ": " + e.getMessage()
                                    + "; restore the file from version control");
                            return null;
                        }
                    }
                }
                return describe(c);
            });
        } finally {
            for (String suffix : List.of("", "-wal", "-shm")) {
                try {
                    Files.deleteIfExists(Path.of(scratch + suffix));
                } catch (IOException ignored) {
                    // a scratch file left in the temporary directory does no harm
                }
            }
        }
    }

    /** Every table (by its column definitions, order aside) and index, by name. */
    private static Map<String, String> describe(Connection c) throws SQLException {
        Map<String, String> objects = new TreeMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite%'")) {
            while (rs.next()) {
                String type = rs.getString(1);
                String sql = rs.getString(3);
                objects.put(type + " \"" + rs.getString(2) + "\"", type.equals("table") ? columns(sql) : sql);
            }
        }
        return objects;
    }

    /** The column definitions of a CREATE TABLE statement, sorted, one a line. */
    static String columns(String createTable) {
        int open = createTable.indexOf('(');
        int close = createTable.lastIndexOf(')');
        String body = createTable.substring(open + 1, close);
        TreeSet<String> definitions = new TreeSet<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')') {
                depth--;
            } else if (!quoted && depth == 0 && ch == ',') {
                definitions.add(current.toString().strip());
                current.setLength(0);
                continue;
            }
            current.append(ch);
        }
        definitions.add(current.toString().strip());
        return String.join("\n", definitions) + (createTable.endsWith("WITHOUT ROWID") ? "\nWITHOUT ROWID" : "");
    }

    private static void compare(Map<String, String> migrated, Map<String, String> fresh, int version, List<String> problems) {
        int before = problems.size();
        TreeSet<String> names = new TreeSet<>(migrated.keySet());
        names.addAll(fresh.keySet());
        for (String name : names) {
            String m = migrated.get(name);
            String f = fresh.get(name);
            if (m == null) {
                problems.add(name + " is in a fresh store but not after the migrations up to version " + version);
            } else if (f == null) {
                problems.add(name + " exists after the migrations up to version " + version + " but not in a fresh store");
            } else if (!m.equals(f)) {
                problems.add(name + " differs: after the migrations up to version " + version + " it is\n      "
                        + m.replace("\n", "\n      ") + "\n    in a fresh store it is\n      " + f.replace("\n", "\n      "));
            }
        }
        if (problems.size() > before) {
            problems.add("the migrations do not produce the schema of version " + version + "; restore the history from"
                    + " version control, or delete the files from the first wrong migration on and run the generate"
                    + " goal again");
        }
    }
}
