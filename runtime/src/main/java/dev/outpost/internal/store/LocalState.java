package dev.outpost.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.internal.schema.Ddl;
import dev.outpost.internal.schema.EntityTable;
import dev.outpost.internal.schema.LinkTable;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Recomputes local state as the server state plus the queued requests (invariant 3): restores
 * every entity's server image, drops entities created locally, and replays the queue in order
 * through the same {@link RequestApplier} that made the changes. Undo and download rebase use it.
 */
final class LocalState {

    private final Database db;
    private final Catalog catalog;
    private final RequestQueue queue;
    private final RequestApplier applier;

    LocalState(Database db, Catalog catalog, RequestQueue queue, RequestApplier applier) {
        this.db = db;
        this.catalog = catalog;
        this.queue = queue;
        this.applier = applier;
    }

    /** Restores server state and replays every queued request; must run inside a write transaction. */
    void rebuild() throws SQLException {
        var c = db.prepare("SELECT 1").getConnection();
        List<String> sql = new ArrayList<>();
        for (LinkTable l : catalog.schema().linkTables()) {
            String link = Ddl.quote(l.table());
            String source = Ddl.quote(l.sourceSet());
            String target = Ddl.quote(l.targetSet());
            String sourceServer = Ddl.quote("$server." + l.sourceSet());
            String targetServer = Ddl.quote("$server." + l.targetSet());
            sql.add("DELETE FROM " + link + " WHERE \"source$lid\" IN (SELECT \"$lid\" FROM " + source
                    + " WHERE \"$new\" = 1 UNION SELECT \"$lid\" FROM " + sourceServer + ") OR \"target$lid\" IN"
                    + " (SELECT \"$lid\" FROM " + target + " WHERE \"$new\" = 1 UNION SELECT \"$lid\" FROM " + targetServer + ")");
            sql.add("INSERT OR IGNORE INTO " + link + " SELECT * FROM " + Ddl.quote("$server." + l.table()));
            sql.add("DELETE FROM " + Ddl.quote("$server." + l.table()));
        }
        for (EntityTable t : catalog.schema().tables()) {
            String main = Ddl.quote(t.table());
            String server = Ddl.quote(t.serverTable());
            sql.add("DELETE FROM " + main + " WHERE \"$new\" = 1 OR \"$lid\" IN (SELECT \"$lid\" FROM " + server + ")");
            sql.add("INSERT INTO " + main + " SELECT * FROM " + server);
            sql.add("DELETE FROM " + server);
        }
        Database.execute(c, sql);
        for (StoredRequest r : queue.all()) {
            try {
                RequestApplier.Applied applied = applier.apply(r);
                queue.index(r.id(), applied.modified(), applied.referenced());
            } catch (dev.outpost.EntityNotFoundException e) {
                // the server deleted what the request changes: it stays queued and will fail on upload,
                // landing in the error archive; locally the entity is gone
                queue.index(r.id(), Map.of(r.entitySet(), List.of(r.lid())), Map.of());
            }
        }
    }

    /**
     * Drops an entity's pending requests and recomputes local state (L12). Requests of other
     * entities that refer to a new entity that disappears lose that reference: a deep-inserted or
     * related child of a removed parent stays, as a standalone create.
     */
    void undo(String set, long lid) throws SQLException {
        boolean isNew = false;
        List<Long> remove = new ArrayList<>();
        List<StoredRequest> touching = queue.touching(set, lid);
        for (StoredRequest r : touching) {
            boolean own = r.entitySet().equals(set) && r.lid() == lid;
            boolean linkToIt = r.kind().isLink() && set.equals(r.targetSet()) && r.targetLid() == lid;
            if (own && (r.kind() == StoredRequest.Kind.CREATE || r.kind() == StoredRequest.Kind.CREATE_RELATED)) {
                isNew = true;
            }
            if (own && r.kind() == StoredRequest.Kind.CREATE) {
                promoteChildren(r);
                remove.add(r.id());
            } else if (own || linkToIt) {
                remove.add(r.id());
            }
        }
        for (StoredRequest r : touching) {
            if (remove.contains(r.id())) {
                continue;
            }
            if (r.body() != null && (r.kind() == StoredRequest.Kind.CREATE || r.kind() == StoredRequest.Kind.CREATE_RELATED)) {
                ObjectNode body = r.body().deepCopy();
                if (RequestApplier.scrub(body, set, lid)) {
                    queue.updateBody(r.id(), body);
                }
            }
            if (isNew && r.kind() == StoredRequest.Kind.CREATE_RELATED && set.equals(r.targetSet()) && r.targetLid() == lid) {
                // the parent disappears: the child stays, as a create in its own entity set
                queue.replace(new StoredRequest(r.id(), r.requestId(), StoredRequest.Kind.CREATE, "POST", r.entitySet(),
                        r.entitySet(), r.lid(), null, null, 0, r.headers(), r.body(), r.ifMatch(), r.base(), r.changeSet(),
                        r.contentId(), r.transactionId(), r.uploadCategory(), r.customTag(), r.unmodifiable(),
                        r.removeAfterUpload(), r.state(), r.firstSent(), r.created()));
            }
        }
        queue.delete(remove);
        rebuild();
    }

    /** A create with deep-inserted children is undone: the children become creates of their own, in place. */
    private void promoteChildren(StoredRequest parent) throws SQLException {
        Iterator<Map.Entry<String, JsonNode>> fields = parent.body().fields();
        List<ObjectNode> children = new ArrayList<>();
        while (fields.hasNext()) {
            JsonNode v = fields.next().getValue();
            if (v.isObject() && v.has(RequestApplier.LID)) {
                children.add((ObjectNode) v);
            } else if (v.isArray()) {
                v.forEach(child -> {
                    if (child.isObject() && child.has(RequestApplier.LID)) {
                        children.add((ObjectNode) child);
                    }
                });
            }
        }
        for (ObjectNode child : children) {
            String childSet = child.path(RequestApplier.SET).asText();
            long childLid = child.get(RequestApplier.LID).asLong();
            StoredRequest create = new StoredRequest(0, java.util.UUID.randomUUID().toString(), StoredRequest.Kind.CREATE,
                    "POST", childSet, childSet, childLid, null, null, 0, parent.headers(), child.deepCopy(), null, null,
                    parent.changeSet(), null, parent.transactionId(), parent.uploadCategory(), parent.customTag(),
                    parent.unmodifiable(), parent.removeAfterUpload(), "pending", null, parent.created());
            // keep the child's queue position just after its former parent: append, then move before later requests
            long id = queue.append(create, Map.of(), Map.of());
            moveBefore(id, parent.id());
        }
    }

    /** Moves a request to the queue position right after {@code anchor}, shifting nothing else. */
    private void moveBefore(long id, long anchor) throws SQLException {
        // ids are the FIFO order; a fractional position is not possible, so renumber the tail
        var c = db.prepare("SELECT 1").getConnection();
        Database.execute(c, List.of(
                "UPDATE \"$requests\" SET \"id\" = -\"id\" WHERE \"id\" > " + anchor + " AND \"id\" != " + id,
                "UPDATE \"$request_entities\" SET \"request\" = -\"request\" WHERE \"request\" > " + anchor
                        + " AND \"request\" != " + id,
                "UPDATE \"$errors\" SET \"request\" = -\"request\" WHERE \"request\" > " + anchor + " AND \"request\" != " + id,
                "UPDATE \"$requests\" SET \"id\" = " + (anchor + 1) + " WHERE \"id\" = " + id,
                "UPDATE \"$request_entities\" SET \"request\" = " + (anchor + 1) + " WHERE \"request\" = " + id,
                "UPDATE \"$requests\" SET \"id\" = -\"id\" + 1 WHERE \"id\" < 0",
                "UPDATE \"$request_entities\" SET \"request\" = -\"request\" + 1 WHERE \"request\" < 0",
                "UPDATE \"$errors\" SET \"request\" = -\"request\" + 1 WHERE \"request\" < 0"));
    }
}
