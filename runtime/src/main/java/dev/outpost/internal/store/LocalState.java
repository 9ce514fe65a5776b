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
        restoreServerState();
        replay();
    }

    /**
     * After an upload: the succeeded requests (already out of the queue) become server state. When
     * no remaining request touches what they changed, the local rows already are that state and
     * only their server images go; otherwise server state is restored, the succeeded requests are
     * applied to it as server state, and the remaining queue is replayed on top.
     */
    void advance(List<StoredRequest> succeeded, Map<String, List<Long>> touched) throws SQLException {
        if (succeeded.isEmpty()) {
            return;
        }
        boolean stillTouched = false;
        for (Map.Entry<String, List<Long>> e : touched.entrySet()) {
            for (long lid : e.getValue()) {
                if (queue.isTouched(e.getKey(), lid)) {
                    stillTouched = true;
                }
            }
        }
        if (!stillTouched) {
            for (Map.Entry<String, List<Long>> e : touched.entrySet()) {
                Catalog.Set set = catalog.require(e.getKey());
                for (long lid : e.getValue()) {
                    forgetServerImage(set, lid);
                }
            }
            return;
        }
        restoreServerState();
        for (StoredRequest r : succeeded) {
            try {
                applier.applyAsServer(r);
            } catch (dev.outpost.EntityNotFoundException e) {
                // the server applied it to an entity a download has since removed: nothing to apply
            }
        }
        replay();
    }

    /** The entity's local row is its server state now: its images (row and links) go, and it is no longer new. */
    private void forgetServerImage(Catalog.Set set, long lid) throws SQLException {
        List<String> sql = new ArrayList<>();
        sql.add("DELETE FROM " + Ddl.quote(set.table().serverTable()) + " WHERE \"$lid\" = ?");
        sql.add("UPDATE " + Ddl.quote(set.table().table()) + " SET \"$new\" = 0 WHERE \"$lid\" = ? AND \"$new\" = 1");
        for (LinkTable l : catalog.schema().linkTables()) {
            if (l.sourceSet().equals(set.name())) {
                sql.add("DELETE FROM " + Ddl.quote("$server." + l.table()) + " WHERE \"source$lid\" = ?");
            }
            if (l.targetSet().equals(set.name())) {
                sql.add("DELETE FROM " + Ddl.quote("$server." + l.table()) + " WHERE \"target$lid\" = ?");
            }
        }
        for (String statement : sql) {
            var p = db.prepare(statement);
            p.setLong(1, lid);
            p.executeUpdate();
        }
    }

    private void restoreServerState() throws SQLException {
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
    }

    private void replay() throws SQLException {
        queue.clearIndex();
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
     * related child of a removed parent stays, as a standalone create in the parent's place.
     */
    void undo(String set, long lid) throws SQLException {
        List<StoredRequest> touching = queue.touching(set, lid);
        // new: created by its own request, or deep-inserted in another entity's create
        boolean isNew = touching.stream().anyMatch(r -> (r.kind() == StoredRequest.Kind.CREATE
                || r.kind() == StoredRequest.Kind.CREATE_RELATED) && (own(r, set, lid)
                || r.body() != null && RequestApplier.nests(r.body(), set, lid)));
        List<Long> remove = new ArrayList<>();
        List<StoredRequest> promote = new ArrayList<>();
        // children created through a navigation that cascades (a Task under its WorkOrder) cannot outlive the
        // new parent: they are undone with it instead of staying as standalone creates
        List<StoredRequest> dependents = new ArrayList<>();
        for (StoredRequest r : touching) {
            // only an entity that disappears (a new one) takes other entities' references to it along:
            // a downloaded entity stays, and binds and links to it are the other entities' changes
            boolean linkToIt = isNew && r.kind().isLink() && set.equals(r.targetSet()) && r.targetLid() == lid;
            if (own(r, set, lid)) {
                remove.add(r.id());
                if (r.kind() == StoredRequest.Kind.CREATE) {
                    promote.add(r);
                }
            } else if (linkToIt) {
                remove.add(r.id());
            } else if (isNew && r.body() != null && (r.kind() == StoredRequest.Kind.CREATE
                    || r.kind() == StoredRequest.Kind.CREATE_RELATED)) {
                ObjectNode body = r.body().deepCopy();
                if (RequestApplier.scrub(body, set, lid)) {
                    queue.updateBody(r.id(), body);
                }
                if (isNew && r.kind() == StoredRequest.Kind.CREATE_RELATED && set.equals(r.targetSet()) && r.targetLid() == lid
                        && cascades(set, r.navigation())) {
                    dependents.add(r);
                } else if (isNew && r.kind() == StoredRequest.Kind.CREATE_RELATED && set.equals(r.targetSet())
                        && r.targetLid() == lid) {
                    // the parent disappears: the child stays, as a create in its own entity set
                    queue.replace(new StoredRequest(r.id(), r.requestId(), StoredRequest.Kind.CREATE, "POST", r.entitySet(),
                            r.entitySet(), r.lid(), null, null, 0, r.headers(), body, r.ifMatch(), r.base(), r.changeSet(),
                            r.contentId(), r.transactionId(), r.uploadCategory(), r.customTag(), r.unmodifiable(),
                            r.removeAfterUpload(), r.state(), r.firstSent(), r.created()));
                }
            }
        }
        queue.delete(remove);
        // latest first, so that inserting at an earlier position does not move a later one
        promote.sort(java.util.Comparator.comparingLong(StoredRequest::id).reversed());
        List<Links.Touched> gone = new ArrayList<>();
        for (StoredRequest parent : promote) {
            for (ObjectNode child : children(parent.body(), field -> cascades(parent.entitySet(), field))) {
                gone.add(new Links.Touched(catalog.require(child.path(RequestApplier.SET).asText()),
                        child.get(RequestApplier.LID).asLong()));
            }
            List<ObjectNode> children = children(parent.body(), field -> !cascades(parent.entitySet(), field));
            for (int i = children.size() - 1; i >= 0; i--) {
                ObjectNode child = children.get(i);
                String childSet = child.path(RequestApplier.SET).asText();
                queue.insertAt(parent.id(), new StoredRequest(0, java.util.UUID.randomUUID().toString(),
                        StoredRequest.Kind.CREATE, "POST", childSet, childSet, child.get(RequestApplier.LID).asLong(), null,
                        null, 0, parent.headers(), child.deepCopy(), null, null, parent.changeSet(), null,
                        parent.transactionId(), parent.uploadCategory(), parent.customTag(), parent.unmodifiable(),
                        parent.removeAfterUpload(), "pending", null, parent.created()));
            }
        }
        rebuild();
        // what went with the parent takes its own later requests (an update or delete of it) along
        for (StoredRequest child : dependents) {
            undo(child.entitySet(), child.lid());
        }
        for (Links.Touched child : gone) {
            undo(child.set().name(), child.lid());
        }
    }

    /** Whether the targets of this navigation of the set's type go when its entity goes ({@link Links#cascadesOnDelete}). */
    private boolean cascades(String set, String navigation) {
        Catalog.Set s = catalog.require(set);
        return s.model().navigationProperty(s.entityType(), navigation)
                .map(nav -> Links.cascadesOnDelete(s.model(), nav)).orElse(false);
    }

    private static boolean own(StoredRequest r, String set, long lid) {
        return r.entitySet().equals(set) && r.lid() == lid;
    }

    /** The deep-inserted children of a create body, under the navigations {@code keep} accepts. */
    private static List<ObjectNode> children(ObjectNode body, java.util.function.Predicate<String> keep) {
        List<ObjectNode> children = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!keep.test(field.getKey())) {
                continue;
            }
            JsonNode v = field.getValue();
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
        return children;
    }
}
