package dev.outpost.internal.store;

import dev.outpost.model.Annotations;
import dev.outpost.model.EntityContainer;
import dev.outpost.model.EntitySet;
import dev.outpost.model.EntityType;
import dev.outpost.model.Facets;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.Property;
import dev.outpost.model.PropertyRef;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.Schema;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.SourceLocation;
import dev.outpost.model.TypeRef;

import java.util.ArrayList;
import java.util.List;

/**
 * The store's own tables (request queue, error archive, event log, metadata) and the read-only
 * entity sets {@code EventLog}, {@code ErrorArchive} and {@code RequestQueue} that expose them:
 * views over the tables, described by a small built-in model in namespace {@code Outpost}, so
 * the same query engine answers them and nothing can write through them.
 */
final class SystemSchema {

    static final String NAMESPACE = "Outpost";
    static final int VERSION = 3;

    private SystemSchema() {
    }

    /** The tables sync keeps (system version 2): defining queries, staged pages, memberships, removals after upload. */
    private static final List<String> SYNC_TABLES = List.of(
            "CREATE TABLE IF NOT EXISTS \"$defining_queries\" (\"name\" TEXT PRIMARY KEY, \"url\" TEXT NOT NULL,"
                    + " \"kind\" TEXT NOT NULL, \"delta_link\" TEXT, \"next_link\" TEXT, \"pages\" INTEGER NOT NULL DEFAULT 0,"
                    + " \"delta\" INTEGER NOT NULL DEFAULT 0, \"last_download\" TEXT)",
            "CREATE TABLE IF NOT EXISTS \"$staging\" (\"id\" INTEGER PRIMARY KEY, \"query\" TEXT NOT NULL,"
                    + " \"page\" INTEGER NOT NULL, \"removed\" INTEGER NOT NULL, \"body\" TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS \"$membership\" (\"entity_set\" TEXT NOT NULL, \"lid\" INTEGER NOT NULL,"
                    + " \"query\" TEXT NOT NULL, PRIMARY KEY (\"entity_set\", \"lid\", \"query\")) WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS \"$remove_after_upload\" (\"entity_set\" TEXT NOT NULL, \"lid\" INTEGER NOT NULL,"
                    + " PRIMARY KEY (\"entity_set\", \"lid\")) WITHOUT ROWID");

    /**
     * Version 3 keeps each request's entity index in its own row ({@code $requests.entities}) instead
     * of a table of its own: a local write then changes one page fewer, which is a fifth of what
     * its commit writes. The index is read from a temporary table built at open ({@link #requestIndex()}).
     */
    private static final List<String> REQUEST_INDEX_IN_ROWS = List.of(
            "ALTER TABLE \"$requests\" ADD COLUMN \"entities\" TEXT",
            "UPDATE \"$requests\" SET \"entities\" = (SELECT json_group_array(json_array(re.\"entity_set\", re.\"lid\","
                    + " re.\"role\")) FROM main.\"$request_entities\" re WHERE re.\"request\" = \"$requests\".\"id\")",
            "DROP TABLE main.\"$request_entities\"");

    /** What brings a store of an older system version up to this one. */
    static List<String> upgrade(int from) {
        List<String> statements = new ArrayList<>();
        if (from < 2) {
            statements.addAll(SYNC_TABLES);
        }
        if (from < 3) {
            statements.addAll(REQUEST_INDEX_IN_ROWS);
        }
        return statements;
    }

    /**
     * Builds the entity index of the request queue for this connection: a temporary (in-memory)
     * table {@code $request_entities} filled from each request's {@code entities} column, a JSON
     * array of {@code [entity set, local ID, role]}, and kept filled by temporary triggers on every
     * insert of a request and every update of its column. Unqualified names resolve to the
     * temporary table first, so queries read it as {@code "$request_entities"}. Column and table
     * change in the same statement, so they cannot disagree, and a crash loses nothing: the rows
     * are the durable copy.
     */
    static List<String> requestIndex() {
        String fill = "INSERT OR IGNORE INTO temp.\"$request_entities\" (\"entity_set\", \"lid\", \"request\", \"role\")"
                + " SELECT e.\"value\" ->> 0, e.\"value\" ->> 1, %1$s, e.\"value\" ->> 2 FROM %2$s json_each(%3$s) e";
        String onChange = " ON main.\"$requests\" WHEN NEW.\"entities\" IS NOT NULL BEGIN "
                + String.format(fill, "NEW.\"id\"", "", "NEW.\"entities\"") + "; END";
        return List.of("CREATE TEMP TABLE IF NOT EXISTS \"$request_entities\" (\"entity_set\" TEXT NOT NULL,"
                        + " \"lid\" INTEGER NOT NULL, \"request\" INTEGER NOT NULL, \"role\" TEXT NOT NULL,"
                        + " PRIMARY KEY (\"entity_set\", \"lid\", \"request\", \"role\")) WITHOUT ROWID",
                "DELETE FROM temp.\"$request_entities\"",
                String.format(fill, "r.\"id\"", "main.\"$requests\" r,", "r.\"entities\""),
                "CREATE TEMP TRIGGER IF NOT EXISTS \"$request_entities.insert\" AFTER INSERT" + onChange,
                "CREATE TEMP TRIGGER IF NOT EXISTS \"$request_entities.update\" AFTER UPDATE OF \"entities\"" + onChange);
    }

    /** Creates the system tables of a new store. */
    static List<String> createTables() {
        List<String> all = new ArrayList<>(baseTables());
        all.addAll(SYNC_TABLES);
        return all;
    }

    private static List<String> baseTables() {
        return List.of(
                "CREATE TABLE \"$meta\" (\"key\" TEXT PRIMARY KEY, \"value\" TEXT NOT NULL)",
                "CREATE TABLE \"$requests\" (\"id\" INTEGER PRIMARY KEY, \"request_id\" TEXT NOT NULL,"
                        + " \"kind\" TEXT NOT NULL, \"method\" TEXT NOT NULL, \"url\" TEXT NOT NULL,"
                        + " \"entity_set\" TEXT NOT NULL, \"lid\" INTEGER NOT NULL, \"navigation\" TEXT,"
                        + " \"target_set\" TEXT, \"target_lid\" INTEGER, \"headers\" TEXT NOT NULL, \"body\" TEXT,"
                        + " \"if_match\" TEXT, \"base\" TEXT, \"change_set\" INTEGER, \"content_id\" TEXT,"
                        + " \"transaction_id\" TEXT, \"upload_category\" TEXT, \"custom_tag\" TEXT,"
                        + " \"unmodifiable\" INTEGER NOT NULL DEFAULT 0, \"remove_after_upload\" INTEGER NOT NULL DEFAULT 0,"
                        + " \"state\" TEXT NOT NULL DEFAULT 'pending', \"first_sent\" TEXT, \"created\" TEXT NOT NULL,"
                        + " \"entities\" TEXT)",
                "CREATE TABLE \"$errors\" (\"id\" INTEGER PRIMARY KEY, \"request\" INTEGER NOT NULL UNIQUE,"
                        + " \"http_status\" INTEGER, \"code\" TEXT, \"message\" TEXT, \"inner_error\" TEXT,"
                        + " \"conflict\" INTEGER NOT NULL DEFAULT 0, \"server_state\" TEXT, \"time\" TEXT NOT NULL)",
                "CREATE TABLE \"$events\" (\"id\" INTEGER PRIMARY KEY, \"type\" TEXT NOT NULL, \"time\" TEXT NOT NULL,"
                        + " \"details\" TEXT)",
                "CREATE VIEW \"$view.EventLog\" AS SELECT \"id\" AS \"$lid\", 'Outpost.EventLogEntry' AS \"$type\","
                        + " NULL AS \"$etag\", NULL AS \"$media\", 0 AS \"$new\", 0 AS \"$local\", \"id\" AS \"ID\","
                        + " \"type\" AS \"Type\", \"time\" AS \"Time\", 0 AS \"Time$offset\", \"details\" AS \"Details\""
                        + " FROM \"$events\" WHERE \"id\" > (SELECT coalesce(max(\"id\"), 0) - 100 FROM \"$events\")",
                "CREATE VIEW \"$view.ErrorArchive\" AS SELECT e.\"id\" AS \"$lid\", 'Outpost.ErrorArchiveEntry' AS \"$type\","
                        + " NULL AS \"$etag\", NULL AS \"$media\", 0 AS \"$new\", 0 AS \"$local\", e.\"id\" AS \"ErrorID\","
                        + " r.\"id\" AS \"RequestID\", r.\"custom_tag\" AS \"CustomTag\", e.\"http_status\" AS \"HTTPStatusCode\","
                        + " e.\"code\" AS \"Code\", e.\"message\" AS \"Message\", e.\"inner_error\" AS \"InnerError\","
                        + " r.\"method\" AS \"RequestMethod\", r.\"url\" AS \"RequestURL\", outpost_public_body(r.\"body\") AS \"RequestBody\","
                        + " r.\"entity_set\" AS \"AffectedEntitySet\","
                        + " r.\"entity_set\" || '($lid=' || r.\"lid\" || ')' AS \"AffectedEntityReadLink\","
                        + " e.\"conflict\" AS \"Conflict\", e.\"server_state\" AS \"ServerState\", e.\"time\" AS \"Time\","
                        + " 0 AS \"Time$offset\" FROM \"$errors\" e JOIN \"$requests\" r ON r.\"id\" = e.\"request\"",
                "CREATE VIEW \"$view.RequestQueue\" AS SELECT \"id\" AS \"$lid\", 'Outpost.RequestQueueEntry' AS \"$type\","
                        + " NULL AS \"$etag\", NULL AS \"$media\", 0 AS \"$new\", 0 AS \"$local\", \"id\" AS \"RequestID\","
                        + " \"method\" AS \"Method\", \"url\" AS \"URL\", outpost_public_body(\"body\") AS \"Body\", \"custom_tag\" AS \"CustomTag\","
                        + " \"state\" AS \"Status\", \"change_set\" AS \"ChangeSet\", \"content_id\" AS \"ContentID\","
                        + " \"transaction_id\" AS \"TransactionID\", \"upload_category\" AS \"UploadCategory\","
                        + " \"unmodifiable\" AS \"Unmodifiable\", \"entity_set\" AS \"AffectedEntitySet\","
                        + " \"entity_set\" || '($lid=' || \"lid\" || ')' AS \"AffectedEntityReadLink\","
                        + " \"created\" AS \"Created\", 0 AS \"Created$offset\" FROM \"$requests\"");
    }

    /** The model of the read-only system entity sets. */
    static ServiceModel model() {
        QualifiedName eventType = new QualifiedName(NAMESPACE, "EventLogEntry");
        QualifiedName errorType = new QualifiedName(NAMESPACE, "ErrorArchiveEntry");
        QualifiedName queueType = new QualifiedName(NAMESPACE, "RequestQueueEntry");
        EntityType event = type(eventType, "ID",
                p("ID", PrimitiveType.INT64, false), p("Type", PrimitiveType.STRING, false),
                p("Time", PrimitiveType.DATE_TIME_OFFSET, true), p("Details", PrimitiveType.STRING, true));
        EntityType error = type(errorType, "ErrorID",
                p("ErrorID", PrimitiveType.INT64, false), p("RequestID", PrimitiveType.INT64, false),
                p("CustomTag", PrimitiveType.STRING, true),
                p("HTTPStatusCode", PrimitiveType.INT32, true), p("Code", PrimitiveType.STRING, true),
                p("Message", PrimitiveType.STRING, true), p("InnerError", PrimitiveType.STRING, true),
                p("RequestMethod", PrimitiveType.STRING, false), p("RequestURL", PrimitiveType.STRING, false),
                p("RequestBody", PrimitiveType.STRING, true), p("AffectedEntitySet", PrimitiveType.STRING, false),
                p("AffectedEntityReadLink", PrimitiveType.STRING, false), p("Conflict", PrimitiveType.BOOLEAN, false),
                p("ServerState", PrimitiveType.STRING, true), p("Time", PrimitiveType.DATE_TIME_OFFSET, false));
        EntityType queue = type(queueType, "RequestID",
                p("RequestID", PrimitiveType.INT64, false), p("Method", PrimitiveType.STRING, false),
                p("URL", PrimitiveType.STRING, false), p("Body", PrimitiveType.STRING, true),
                p("CustomTag", PrimitiveType.STRING, true), p("Status", PrimitiveType.STRING, false),
                p("ChangeSet", PrimitiveType.INT64, true), p("ContentID", PrimitiveType.STRING, true),
                p("TransactionID", PrimitiveType.STRING, true), p("UploadCategory", PrimitiveType.STRING, true),
                p("Unmodifiable", PrimitiveType.BOOLEAN, false), p("AffectedEntitySet", PrimitiveType.STRING, false),
                p("AffectedEntityReadLink", PrimitiveType.STRING, false), p("Created", PrimitiveType.DATE_TIME_OFFSET, false));
        List<EntitySet> sets = new ArrayList<>();
        sets.add(new EntitySet("EventLog", eventType, List.of(), true, Annotations.NONE, SourceLocation.UNKNOWN));
        sets.add(new EntitySet("ErrorArchive", errorType, List.of(), true, Annotations.NONE, SourceLocation.UNKNOWN));
        sets.add(new EntitySet("RequestQueue", queueType, List.of(), true, Annotations.NONE, SourceLocation.UNKNOWN));
        return ServiceModel.builder("outpost:system")
                .schema(new Schema(NAMESPACE, null, Annotations.NONE, SourceLocation.UNKNOWN))
                .entityType(event).entityType(error).entityType(queue)
                .container(new EntityContainer(new QualifiedName(NAMESPACE, "System"), null, sets, List.of(), List.of(),
                        Annotations.NONE, SourceLocation.UNKNOWN))
                .build();
    }

    /** The view that serves a system entity set. */
    static String view(String entitySet) {
        return "$view." + entitySet;
    }

    private static EntityType type(QualifiedName name, String key, Property... properties) {
        return new EntityType(name, null, false, false, false, List.of(new PropertyRef(key, null)), List.of(properties),
                List.of(), Annotations.NONE, SourceLocation.UNKNOWN);
    }

    private static Property p(String name, PrimitiveType type, boolean nullable) {
        return new Property(name, new TypeRef(type.qualifiedName(), false), nullable, Facets.NONE, null,
                Annotations.NONE, SourceLocation.UNKNOWN);
    }
}
