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

/**
 * What a store file holds, read over a separate JDBC connection (so the store's own connection
 * and caches cannot hide anything): every table's rows in rowid order, as text. Tests compare
 * fingerprints before and after a refused operation to prove it changed nothing.
 */
public final class StoreFingerprint {

    private StoreFingerprint() {
    }

    /** Every table (system tables included) and its rows, each row as its columns' text joined by {@code |}. */
    public static Map<String, List<String>> tables(Path file) {
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
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(i > 1 ? "|" : "").append(rs.getObject(i) instanceof byte[] b
                                    ? HexFormat.of().formatHex(b) : String.valueOf(rs.getObject(i)));
                        }
                        rows.add(row.toString());
                    }
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
