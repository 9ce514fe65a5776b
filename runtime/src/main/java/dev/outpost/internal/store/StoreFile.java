package dev.outpost.internal.store;

import dev.outpost.StoreException;
import dev.outpost.internal.schema.Ddl;
import dev.outpost.internal.schema.SchemaDiff;
import dev.outpost.internal.schema.SchemaHistory;
import dev.outpost.internal.schema.SchemaMapper;
import dev.outpost.internal.schema.StoreSchema;
import dev.outpost.model.ServiceModel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a store file for a service model, checking itself on open: a new file gets the schema;
 * an existing one must belong to the same service; a changed model is migrated in one exclusive
 * transaction when the change is additive and refused, element by element, when it is not.
 *
 * <p>When the application packages the service's schema history (G6, {@link SchemaHistory}, found
 * through the context class loader), versions are numbered as in that history, and a store at an
 * older packaged version is migrated with the packaged, build-verified statements; otherwise the
 * migration is computed from the stored snapshot.
 */
public final class StoreFile {

    private StoreFile() {
    }

    /** What opening found and did. */
    public record Opened(Catalog catalog, int schemaVersion, List<String> migration) {
    }

    /** Opens, creates or migrates the store in {@code db} for the model. */
    public static Opened open(Database db, ServiceModel model) {
        StoreSchema schema = SchemaMapper.map(model);
        SchemaHistory history = SchemaHistory.load(classLoader(), schema.service());
        return db.exclusive(c -> {
            Map<String, String> meta = readMeta(c);
            if (meta == null) {
                Database.execute(c, SystemSchema.createTables());
                Database.execute(c, Ddl.create(schema));
                Map<String, String> fresh = new LinkedHashMap<>();
                fresh.put("format", String.valueOf(StoreSchema.FORMAT_VERSION));
                fresh.put("system.version", String.valueOf(SystemSchema.VERSION));
                fresh.put("service", schema.service());
                int version = history.versionWithHash(schema.identityHash()).map(SchemaHistory.Version::number).orElse(1);
                fresh.put("schema.version", String.valueOf(version));
                fresh.put("schema.hash", schema.identityHash());
                fresh.put("schema.json", schema.toJson());
                writeMeta(c, fresh);
                return new Opened(new Catalog(model, schema), version, List.of());
            }
            String service = meta.get("service");
            if (!schema.service().equals(service)) {
                throw new StoreException("the store file " + db.file() + " belongs to the service '" + service
                        + "', not to '" + schema.service() + "'; open it with that service's $metadata, or use another"
                        + " store file for this service");
            }
            int system = Integer.parseInt(meta.getOrDefault("system.version", "1"));
            if (system < SystemSchema.VERSION) {
                Database.execute(c, SystemSchema.upgrade(system));
                writeMeta(c, Map.of("system.version", String.valueOf(SystemSchema.VERSION)));
            }
            int version = Integer.parseInt(meta.getOrDefault("schema.version", "1"));
            if (schema.identityHash().equals(meta.get("schema.hash"))) {
                return new Opened(new Catalog(model, schema), version, List.of());
            }
            Optional<SchemaHistory.Version> packaged = packagedTarget(history, meta.get("schema.hash"), schema);
            if (packaged.isPresent()) {
                List<String> statements = packagedMigration(history, meta.get("schema.hash"), packaged.get());
                Database.execute(c, statements);
                writeMeta(c, versionMeta(packaged.get().number(), schema));
                return new Opened(new Catalog(model, schema), packaged.get().number(), statements);
            }
            StoreSchema stored = StoreSchema.fromJson(meta.get("schema.json"));
            SchemaDiff diff = SchemaDiff.between(stored, schema);
            if (!diff.isAdditive()) {
                throw new StoreException("the service's $metadata changed in ways the store cannot migrate ("
                        + db.file() + ", schema version " + version + "):\n  - " + String.join("\n  - ", diff.incompatible())
                        + "\nOnly additive changes migrate in place. Upload pending changes with the old model, then"
                        + " delete the store file and download again, or restore the removed elements.");
            }
            Database.execute(c, diff.migration());
            writeMeta(c, versionMeta(version + 1, schema));
            return new Opened(new Catalog(model, schema), version + 1, diff.migration());
        });
    }

    private static Map<String, String> versionMeta(int version, StoreSchema schema) {
        Map<String, String> updated = new LinkedHashMap<>();
        updated.put("schema.version", String.valueOf(version));
        updated.put("schema.hash", schema.identityHash());
        updated.put("schema.json", schema.toJson());
        return updated;
    }

    /** The packaged version of the model's schema, if the history also holds the stored one as an older version. */
    private static Optional<SchemaHistory.Version> packagedTarget(SchemaHistory history, String storedHash,
                                                                  StoreSchema schema) {
        Optional<SchemaHistory.Version> from = history.versionWithHash(storedHash);
        Optional<SchemaHistory.Version> to = history.versionWithHash(schema.identityHash());
        return from.isPresent() && to.isPresent() && to.get().number() > from.get().number() ? to : Optional.empty();
    }

    /** The packaged statements from the stored version up to the target, in order. */
    private static List<String> packagedMigration(SchemaHistory history, String storedHash, SchemaHistory.Version to) {
        int from = history.versionWithHash(storedHash).orElseThrow().number();
        List<String> statements = new ArrayList<>();
        for (SchemaHistory.Version v : history.versions().subList(from, to.number())) {
            statements.addAll(v.migration());
        }
        return statements;
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : StoreFile.class.getClassLoader();
    }

    private static Map<String, String> readMeta(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '$meta'");
             ResultSet rs = p.executeQuery()) {
            rs.next();
            if (rs.getInt(1) == 0) {
                try (PreparedStatement any = c.prepareStatement(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'");
                     ResultSet tables = any.executeQuery()) {
                    tables.next();
                    if (tables.getInt(1) > 0) {
                        throw new StoreException("the file is a SQLite database but not an Outpost store (it has no"
                                + " $meta table); pass a new or an Outpost store file");
                    }
                }
                return null;
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT \"key\", \"value\" FROM \"$meta\"");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        return meta;
    }

    private static void writeMeta(Connection c, Map<String, String> values) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO \"$meta\" (\"key\", \"value\") VALUES (?, ?) ON CONFLICT (\"key\") DO UPDATE SET \"value\" = excluded.\"value\"")) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                p.setString(1, e.getKey());
                p.setString(2, e.getValue());
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
