package dev.outpost.generator.schema;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What generation did to a service's schema history (G6).
 *
 * @param directory the service's history directory, for example {@code src/main/outpost/FieldService}
 * @param version the version of the current {@code $metadata}'s schema
 * @param kind whether the history started, stayed or grew
 * @param added the files written to the directory, by name ({@code 3.json}, {@code 2-to-3.sql})
 * @param migration the statements of the new migration; empty unless a version was added after the first
 */
public record SchemaChange(Path directory, int version, Kind kind, List<String> added, List<String> migration) {

    /** How the history changed. */
    public enum Kind {
        /** There was no history: version 1 is the current schema. */
        FIRST_VERSION,
        /** The current schema is the latest version already. */
        UNCHANGED,
        /** An additive change: a new snapshot and the migration to it were added. */
        NEW_VERSION
    }

    public SchemaChange {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(kind, "kind");
        added = List.copyOf(added);
        migration = List.copyOf(migration);
    }

    /** One line for a build log. */
    public String describe() {
        return switch (kind) {
            case FIRST_VERSION -> "schema version 1 recorded in " + directory;
            case UNCHANGED -> "schema version " + version + " unchanged (" + directory + ")";
            case NEW_VERSION -> "schema version " + version + " added to " + directory + " with a migration of "
                    + migration.size() + " statement" + (migration.size() == 1 ? "" : "s") + " (" + added + ")";
        };
    }
}
