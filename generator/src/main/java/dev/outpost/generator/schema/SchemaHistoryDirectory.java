package dev.outpost.generator.schema;

import dev.outpost.internal.schema.SchemaHistory;
import dev.outpost.internal.schema.StoreSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A service's schema history as kept in the source tree: {@code 1.json}, {@code 2.json}, ... and
 * {@code 1-to-2.sql}, ... in one directory (the layout of {@link SchemaHistory}). Reading checks
 * the numbering: snapshots from 1 without gaps, one migration to each version after the first,
 * nothing else that looks like a version.
 */
final class SchemaHistoryDirectory {

    private static final Pattern SNAPSHOT = Pattern.compile("(\\d+)\\.json");
    private static final Pattern MIGRATION = Pattern.compile("(\\d+)-to-(\\d+)\\.sql");

    /** One version's files as text. */
    record Version(int number, String snapshotJson, String migrationSql) {
        StoreSchema snapshot(Path dir) {
            try {
                return StoreSchema.fromJson(snapshotJson);
            } catch (IllegalArgumentException e) {
                throw new SchemaHistoryException(dir.resolve(SchemaHistory.snapshotFile(number)) + ": " + e.getMessage()
                        + "; restore the file from version control, it must not be edited");
            }
        }

        List<String> migration(Path dir) {
            try {
                return migrationSql == null ? List.of()
                        : SchemaHistory.parseMigration(dir.resolve(SchemaHistory.migrationFile(number)).toString(), migrationSql);
            } catch (IllegalArgumentException e) {
                throw new SchemaHistoryException(e.getMessage());
            }
        }
    }

    private SchemaHistoryDirectory() {
    }

    /**
     * Reads the history; an absent directory is an empty history.
     *
     * @throws SchemaHistoryException naming every numbering problem: a gap, a missing or extra
     *     migration, a migration that skips versions
     */
    static List<Version> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Map<Integer, String> snapshots = new TreeMap<>();
        Map<Integer, String> migrations = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                Matcher s = SNAPSHOT.matcher(name);
                Matcher m = MIGRATION.matcher(name);
                if (s.matches()) {
                    snapshots.put(Integer.parseInt(s.group(1)), Files.readString(f, StandardCharsets.UTF_8));
                } else if (m.matches()) {
                    int from = Integer.parseInt(m.group(1));
                    int to = Integer.parseInt(m.group(2));
                    if (to != from + 1) {
                        problems.add(name + " migrates from version " + from + " to " + to
                                + "; a migration goes from one version to the next, such as " + from + "-to-" + (from + 1) + ".sql");
                    } else {
                        migrations.put(to, Files.readString(f, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema history in " + dir + ": " + e.getMessage(), e);
        }
        int expected = 1;
        for (int n : snapshots.keySet()) {
            if (n != expected) {
                problems.add("version " + expected + " is missing: the snapshots are " + snapshots.keySet()
                        + "; versions are numbered from 1 without gaps");
                break;
            }
            expected++;
        }
        for (int n : snapshots.keySet()) {
            if (n > 1 && !migrations.containsKey(n)) {
                problems.add(SchemaHistory.migrationFile(n) + " is missing: every version after the first needs"
                        + " the migration to it");
            }
        }
        for (int n : migrations.keySet()) {
            if (!snapshots.containsKey(n) || !snapshots.containsKey(n - 1)) {
                problems.add(SchemaHistory.migrationFile(n) + " has no snapshot " + SchemaHistory.snapshotFile(n)
                        + (n - 1 >= 1 ? " or " + SchemaHistory.snapshotFile(n - 1) : ""));
            }
        }
        if (!problems.isEmpty()) {
            throw new SchemaHistoryException("the schema history in " + dir + " is not in order:\n  - "
                    + String.join("\n  - ", problems) + "\nRestore the files from version control.");
        }
        List<Version> versions = new ArrayList<>();
        snapshots.forEach((n, json) -> versions.add(new Version(n, json, migrations.get(n))));
        return versions;
    }
}
