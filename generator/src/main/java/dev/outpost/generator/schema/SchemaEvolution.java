package dev.outpost.generator.schema;

import dev.outpost.generator.output.GeneratedFile;
import dev.outpost.internal.schema.SchemaDiff;
import dev.outpost.internal.schema.SchemaHistory;
import dev.outpost.internal.schema.StoreSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps a service's schema history in step with its {@code $metadata} (G6): the first run records
 * version 1; an additive change adds the next snapshot and the migration to it (computed by the
 * runtime's {@link SchemaDiff}); a removed, renamed or retyped element refuses generation, naming
 * each one. The whole history is also packaged as resources
 * ({@code META-INF/outpost/schema/<entity container>/}) for the store to apply on open.
 *
 * <p>Planning reads only; {@link Plan#write()} adds the new files, so that a run refused for
 * another reason (another service, a validation finding) changes nothing.
 */
public final class SchemaEvolution {

    private SchemaEvolution() {
    }

    /** What generation will do to one service's history. */
    public static final class Plan {
        private final Path directory;
        private final SchemaChange change;
        private final Map<String, String> newFiles;
        private final List<GeneratedFile> resources;
        private final String refusal;

        private Plan(Path directory, SchemaChange change, Map<String, String> newFiles, List<GeneratedFile> resources,
                     String refusal) {
            this.directory = directory;
            this.change = change;
            this.newFiles = newFiles;
            this.resources = resources;
            this.refusal = refusal;
        }

        /** Why the change cannot be made (a non-additive change), naming each element and what to do. */
        public Optional<String> refusal() {
            return Optional.ofNullable(refusal);
        }

        /**
         * What happens to the history.
         *
         * @throws IllegalStateException if the plan is a refusal
         */
        public SchemaChange change() {
            if (refusal != null) {
                throw new IllegalStateException(refusal);
            }
            return change;
        }

        /** The history packaged as resources, every version including a new one. */
        public List<GeneratedFile> resources() {
            return resources;
        }

        /**
         * Writes the new snapshot and migration, if any, into the history directory.
         *
         * @throws UncheckedIOException if a file cannot be written
         */
        public void write() {
            change();
            try {
                for (Map.Entry<String, String> f : newFiles.entrySet()) {
                    Files.createDirectories(directory);
                    Files.writeString(directory.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the schema history in " + directory + ": " + e.getMessage()
                        + "; check that the directory is writable", e);
            }
        }
    }

    /**
     * Plans the history of one service.
     *
     * @param directory the service's history directory, such as {@code src/main/outpost/FieldService}
     * @param current the schema of the current {@code $metadata}
     * @param document the {@code $metadata} document's name, for messages
     * @throws SchemaHistoryException if the directory's files are misnumbered or unreadable
     */
    public static Plan plan(Path directory, StoreSchema current, String document) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(current, "current");
        List<SchemaHistoryDirectory.Version> versions = SchemaHistoryDirectory.read(directory);
        Map<String, String> files = new LinkedHashMap<>();
        for (SchemaHistoryDirectory.Version v : versions) {
            if (v.migrationSql() != null) {
                files.put(SchemaHistory.migrationFile(v.number()), v.migrationSql());
            }
            files.put(SchemaHistory.snapshotFile(v.number()), v.snapshotJson());
        }
        Map<String, String> newFiles = new LinkedHashMap<>();
        SchemaChange change;
        if (versions.isEmpty()) {
            newFiles.put(SchemaHistory.snapshotFile(1), current.toJson());
            change = new SchemaChange(directory, 1, SchemaChange.Kind.FIRST_VERSION, List.copyOf(newFiles.keySet()), List.of());
        } else {
            SchemaHistoryDirectory.Version latest = versions.get(versions.size() - 1);
            StoreSchema previous = latest.snapshot(directory);
            if (previous.identityHash().equals(current.identityHash())) {
                change = new SchemaChange(directory, latest.number(), SchemaChange.Kind.UNCHANGED, List.of(), List.of());
            } else {
                SchemaDiff diff = SchemaDiff.between(previous, current);
                if (!diff.isAdditive()) {
                    return new Plan(directory, null, Map.of(), List.of(), refusal(directory, latest.number(), document, diff));
                }
                int next = latest.number() + 1;
                newFiles.put(SchemaHistory.migrationFile(next), SchemaHistory.migrationText(current.service(), next,
                        diff.migration()));
                newFiles.put(SchemaHistory.snapshotFile(next), current.toJson());
                change = new SchemaChange(directory, next, SchemaChange.Kind.NEW_VERSION,
                        List.copyOf(newFiles.keySet()), diff.migration());
            }
        }
        files.putAll(newFiles);
        List<GeneratedFile> resources = new ArrayList<>();
        String root = SchemaHistory.resourceDirectory(current.service());
        files.forEach((name, text) -> resources.add(GeneratedFile.text(GeneratedFile.Kind.RESOURCE, root + name, text)));
        resources.sort(null);
        return new Plan(directory, change, newFiles, List.copyOf(resources), null);
    }

    private static String refusal(Path directory, int version, String document, SchemaDiff diff) {
        return "the $metadata " + document + " changed in ways an installed store cannot migrate to, compared with"
                + " schema version " + version + " (" + directory.resolve(SchemaHistory.snapshotFile(version)) + "):\n  - "
                + String.join("\n  - ", diff.incompatible()) + "\n"
                + "Stores on devices keep their data across application updates only through additive changes (new"
                + " entity sets, properties, navigations). Either restore these elements in the $metadata (a rename"
                + " is a removal plus an addition: keep the old element), or, if the break is intended, start a new"
                + " schema history by deleting " + directory + " and generating again; installed stores of the old"
                + " schema then refuse to open and must be deleted after uploading their pending changes.";
    }
}
