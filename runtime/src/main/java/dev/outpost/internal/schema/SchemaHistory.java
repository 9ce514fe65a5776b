package dev.outpost.internal.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The schema history of one service (G6): a JSON snapshot per version ({@code 1.json},
 * {@code 2.json}, ...) and the migration SQL between consecutive versions ({@code 1-to-2.sql}, ...).
 * The build keeps it in the application's source tree and packages it under
 * {@code META-INF/outpost/schema/<service>/}, where {@code <service>} is the entity container's
 * qualified name; a store that opens at an older version applies the packaged migrations.
 *
 * <p>A migration file holds SQL statements, each ending with {@code ;} at the end of a line;
 * lines starting with {@code --} are comments.
 *
 * @param versions the versions in order, numbered from 1 without gaps
 */
public record SchemaHistory(List<Version> versions) {

    /** Where the build packages the history of a service. */
    public static final String RESOURCE_ROOT = "META-INF/outpost/schema/";

    /**
     * One version.
     *
     * @param number the version number, from 1
     * @param snapshot the schema of this version
     * @param migration the statements that migrate the previous version to this one (empty for version 1)
     */
    public record Version(int number, StoreSchema snapshot, List<String> migration) {
        public Version {
            migration = List.copyOf(migration);
        }
    }

    public SchemaHistory {
        versions = List.copyOf(versions);
    }

    /** The file name of a version's snapshot: {@code 3.json}. */
    public static String snapshotFile(int version) {
        return version + ".json";
    }

    /** The file name of the migration to a version from the one before: {@code 2-to-3.sql}. */
    public static String migrationFile(int toVersion) {
        return (toVersion - 1) + "-to-" + toVersion + ".sql";
    }

    /** The resource directory of a service's packaged history, ending in {@code /}. */
    public static String resourceDirectory(String service) {
        return RESOURCE_ROOT + service + "/";
    }

    /** The version whose snapshot has this identity hash. */
    public Optional<Version> versionWithHash(String identityHash) {
        return versions.stream().filter(v -> v.snapshot().identityHash().equals(identityHash)).findFirst();
    }

    /**
     * The text of a migration file: a comment naming the service and versions, then one
     * statement a line.
     */
    public static String migrationText(String service, int toVersion, List<String> statements) {
        StringBuilder s = new StringBuilder("-- Outpost schema migration of ").append(service).append(" from version ")
                .append(toVersion - 1).append(" to ").append(toVersion).append(".\n")
                .append("-- Generated from an additive $metadata change; a store at version ").append(toVersion - 1)
                .append(" applies it in one transaction when it opens.\n");
        for (String statement : statements) {
            s.append(statement).append(";\n");
        }
        return s.toString();
    }

    /**
     * The statements of a migration file.
     *
     * @param name the file's name, for error messages
     * @throws IllegalArgumentException if the file ends inside a statement
     */
    public static List<String> parseMigration(String name, String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 0;
        int start = 0;
        for (String raw : text.split("\n", -1)) {
            line++;
            String l = raw.strip();
            if (current.length() == 0 && (l.isEmpty() || l.startsWith("--"))) {
                continue;
            }
            if (current.length() == 0) {
                start = line;
            } else {
                current.append('\n');
            }
            current.append(l);
            if (l.endsWith(";")) {
                statements.add(current.substring(0, current.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            throw new IllegalArgumentException(name + ":" + start + ": the statement that starts here does not end"
                    + " with ';' at the end of a line; end every statement with ';'");
        }
        return statements;
    }

    /**
     * Reads a service's packaged history from a class loader: {@code 1.json}, then each next
     * version that has both a snapshot and a migration.
     *
     * @return the history; empty when nothing is packaged for the service
     * @throws IllegalStateException if a packaged file cannot be read or parsed
     */
    public static SchemaHistory load(ClassLoader loader, String service) {
        String dir = resourceDirectory(service);
        List<Version> versions = new ArrayList<>();
        for (int n = 1; ; n++) {
            String snapshot = resource(loader, dir + snapshotFile(n));
            if (snapshot == null) {
                break;
            }
            List<String> migration = List.of();
            if (n > 1) {
                String sql = resource(loader, dir + migrationFile(n));
                if (sql == null) {
                    throw new IllegalStateException("the packaged schema history of " + service + " has "
                            + snapshotFile(n) + " but no " + migrationFile(n) + " in " + dir
                            + "; rebuild the application (its build verifies the history)");
                }
                migration = parseMigration(dir + migrationFile(n), sql);
            }
            try {
                versions.add(new Version(n, StoreSchema.fromJson(snapshot), migration));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(dir + snapshotFile(n) + ": " + e.getMessage(), e);
            }
        }
        return new SchemaHistory(versions);
    }

    private static String resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged resource " + name + ": " + e.getMessage(), e);
        }
    }
}
