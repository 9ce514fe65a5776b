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
    static final int VERSION = 2;

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

    /** What brings a store of an older system version up to this one. */
    static List<String> upgrade(int from) {
        return from < 2 ? SYNC_TABLES : List.of();
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
                        + " \"state\" TEXT NOT NULL DEFAULT 'pending', \"first_sent\" TEXT, \"created\" TEXT NOT NULL)",
                "CREATE TABLE \"$request_entities\" (\"entity_set\" TEXT NOT NULL, \"lid\" INTEGER NOT NULL,"
                        + " \"request\" INTEGER NOT NULL, \"role\" TEXT NOT NULL,"
                        + " PRIMARY KEY (\"entity_set\", \"lid\", \"request\", \"role\")) WITHOUT ROWID",
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
