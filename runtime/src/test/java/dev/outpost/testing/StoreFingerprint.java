package dev.outpost.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a store file holds, read over a separate JDBC connection (so the store's own connection
 * and caches cannot hide anything): every table's rows in rowid order, as text. Tests compare
 * fingerprints before and after a refused operation to prove it changed nothing.
 */
public final class StoreFingerprint {

    private StoreFingerprint() {
    }

    /**
     * Columns whose values differ between two stores that went through the same changes: random
     * request IDs and wall-clock times.
     */
    public static final Set<String> VOLATILE = Set.of("$requests.request_id", "$requests.created", "$events.time",
            "$errors.time");

    /** Every table (system tables included) and its rows, each row as its columns' text joined by {@code |}. */
    public static Map<String, List<String>> tables(Path file) {
        return tables(file, Set.of(), false);
    }

    /**
     * The contents two stores must share when they went through the same changes, in any number
     * of processes: {@link #VOLATILE} columns are left out and rows are sorted (a rebuilt table
     * may hold its rows in another physical order).
     */
    public static Map<String, List<String>> comparable(Path file) {
        Map<String, List<String>> tables = tables(file, VOLATILE, true);
        // SQLite adds a counter of 0 when rows are copied into an empty AUTOINCREMENT table; it
        // promises nothing that a missing counter does not
        tables.computeIfPresent("sqlite_sequence", (t, rows) -> rows.stream().filter(r -> !r.endsWith("|0")).toList());
        return tables;
    }

    /**
     * Like {@link #comparable(Path)}, also leaving out these columns ({@code table.column}) and
     * every table whose name starts with one of {@code tablePrefixes}.
     */
    public static Map<String, List<String>> comparable(Path file, Set<String> columns, Set<String> tablePrefixes) {
        Set<String> leaveOut = new java.util.HashSet<>(VOLATILE);
        leaveOut.addAll(columns);
        Map<String, List<String>> tables = tables(file, leaveOut, true);
        tables.keySet().removeIf(t -> tablePrefixes.stream().anyMatch(t::startsWith));
        tables.computeIfPresent("sqlite_sequence", (t, rows) -> rows.stream().filter(r -> !r.endsWith("|0")).toList());
        return tables;
    }

    /** The first difference between two {@link #tables} results, for failure messages; empty when equal. */
    public static String difference(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        StringBuilder out = new StringBuilder();
        Set<String> names = new java.util.TreeSet<>(expected.keySet());
        names.addAll(actual.keySet());
        for (String table : names) {
            List<String> e = expected.getOrDefault(table, List.of());
            List<String> a = actual.getOrDefault(table, List.of());
            if (!e.equals(a)) {
                List<String> missing = new ArrayList<>(e);
                missing.removeAll(a);
                List<String> extra = new ArrayList<>(a);
                extra.removeAll(e);
                out.append("table ").append(table).append(": expected ").append(e.size()).append(" rows, found ")
                        .append(a.size()).append("; missing ").append(missing).append("; unexpected ").append(extra)
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static Map<String, List<String>> tables(Path file, Set<String> leaveOut, boolean sorted) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    boolean[] left = new boolean[columns + 1];
                    for (int i = 1; i <= columns; i++) {
                        left[i] = leaveOut.contains(table + "." + rs.getMetaData().getColumnName(i));
                    }
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            Object v = left[i] ? "~" : rs.getObject(i);
                            row.append(i > 1 ? "|" : "").append(v instanceof byte[] b ? HexFormat.of().formatHex(b)
                                    : String.valueOf(v));
                        }
                        rows.add(row.toString());
                    }
                }
                if (sorted) {
                    rows.sort(null);
                }
                out.put(table, rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** A SHA-256 of {@link #tables}: equal fingerprints mean equal contents. */
    public static String of(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, List<String>> t : tables(file).entrySet()) {
                digest.update(t.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                for (String row : t.getValue()) {
                    digest.update(row.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) '\n');
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
