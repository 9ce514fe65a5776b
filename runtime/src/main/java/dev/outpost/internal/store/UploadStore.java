package dev.outpost.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.outpost.DataRequestException;
import dev.outpost.FailedRequest;
import dev.outpost.Resolution;
import dev.outpost.internal.schema.Column;
import dev.outpost.internal.schema.Ddl;
import dev.outpost.model.EntityType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.Property;
import dev.outpost.model.ReferentialConstraint;
import dev.outpost.query.DataQuery;
import dev.outpost.query.ResourcePath;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store side of uploads (S5–S12, S14): which queued requests can go (FIFO; a request that
 * shares an entity with a failed one waits), how they are shaped (queue optimisation, undo local
 * creation, transaction builder), how they become {@code $batch} parts (local entity references
 * resolved to server keys or Content-IDs, ETags, repeatability headers), and what the back end's
 * answers do to the store: server keys and ETags mapped back (readLinks keep working), failures and
 * conflicts into the error archive, uploaded creates removed when asked. Every answer is recorded in
 * one transaction.
 */
public final class UploadStore {

    /** One request of a batch as the transport sends it. */
    public record Part(String method, String url, Map<String, String> headers, byte[] body, String contentId) {
    }

    /** A change set or a single request. */
    public record Unit(List<Part> parts, boolean changeSet) {
    }

    /** One response of a batch as the transport read it. */
    public record Answer(int status, Map<String, String> headers, byte[] body, String contentId) {
        String header(String name) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    /** How an upload is shaped. */
    public record Settings(boolean optimize, boolean undoLocalCreation, boolean transactionBuilder, boolean repeatable,
                           int requestsPerBatch) {
    }

    /** The requests of one {@code $batch}, as planned and rendered. */
    public static final class Wave {
        private final List<UploadPlanner.Unit> planned;
        private final List<Unit> units;

        Wave(List<UploadPlanner.Unit> planned, List<Unit> units) {
            this.planned = planned;
            this.units = units;
        }

        /** The units to send. */
        public List<Unit> units() {
            return units;
        }

        /** How many queue requests the wave carries (merged ones counted each). */
        public int requests() {
            int n = 0;
            for (UploadPlanner.Unit u : planned) {
                for (UploadPlanner.Outgoing o : u.parts()) {
                    n += o.sources.size();
                }
            }
            return n;
        }
    }

    /** What recording a wave's answers found. */
    public record Recorded(long succeeded, List<FailedRequest> failed, List<Long> conflicts, boolean stopped,
                           boolean repeatabilityAccepted) {
    }

    /** A request whose outcome is unknown and how to find out: a GET, relative to the service root. */
    public record InDoubt(long request, String url) {
    }

    private static final Pattern LID_REF = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\(\\$lid=(\\d+)\\)");
    static final String STATE_PENDING = "pending";
    static final String STATE_SENDING = "sending";
    static final String STATE_FAILED = "failed";

    private final Database db;
    private final Catalog catalog;
    private final EntityRows rows;
    private final RequestQueue queue;
    private final LocalState state;

    UploadStore(Database db, Catalog catalog, EntityRows rows, RequestQueue queue, LocalState state) {
        this.db = db;
        this.catalog = catalog;
        this.rows = rows;
        this.queue = queue;
        this.state = state;
    }

    // ---- selection -----------------------------------------------------------------------------

    /**
     * The requests an upload may send (S14), fixed when it starts: all, or those of the given
     * categories or entities together with every earlier request they depend on (one that shares
     * an entity with them), so nothing reaches the back end before what it needs. Null = all.
     */
    public Set<Long> select(Set<String> categories, List<String> readLinks) {
        if (categories == null && readLinks == null) {
            return null;
        }
        return db.read(c -> {
            List<StoredRequest> all = queue.all();
            Map<Long, Set<UploadPlanner.EntityRef>> index = index();
            Set<UploadPlanner.EntityRef> wanted = new HashSet<>();
            if (readLinks != null) {
                for (String link : readLinks) {
                    wanted.add(resolve(link));
                }
            }
            Set<Long> selected = new HashSet<>();
            Set<UploadPlanner.EntityRef> needed = new HashSet<>();
            for (int i = all.size() - 1; i >= 0; i--) {
                StoredRequest r = all.get(i);
                Set<UploadPlanner.EntityRef> touched = index.getOrDefault(r.id(), Set.of());
                boolean chosen = categories != null && r.uploadCategory() != null && categories.contains(r.uploadCategory())
                        || readLinks != null && touched.stream().anyMatch(wanted::contains);
                boolean dependency = touched.stream().anyMatch(needed::contains);
                if (chosen || dependency) {
                    selected.add(r.id());
                    needed.addAll(touched);
                }
            }
            return selected;
        });
    }

    private UploadPlanner.EntityRef resolve(String readLink) throws SQLException {
        ResourcePath path = DataQuery.parse(readLink).resource();
        Catalog.Set set = catalog.require(path.root());
        if (path.segments().size() != 2 || !(path.segments().get(1) instanceof ResourcePath.Key key)) {
            throw new DataRequestException(400, "'" + readLink + "' is not the readLink of an entity");
        }
        List<Object> values = rows.keyValues(set, key);
        long lid = values == null ? ((Number) key.parts().get(0).value().value()).longValue()
                : new ServerWriter(db, catalog, rows, state).lid(set, values);
        return new UploadPlanner.EntityRef(set.name(), lid);
    }

    private Map<Long, Set<UploadPlanner.EntityRef>> index() throws SQLException {
        Map<Long, Set<UploadPlanner.EntityRef>> index = new HashMap<>();
        try (ResultSet rs = db.prepare("SELECT \"request\", \"entity_set\", \"lid\" FROM \"$request_entities\"").executeQuery()) {
            while (rs.next()) {
                index.computeIfAbsent(rs.getLong(1), k -> new HashSet<>())
                        .add(new UploadPlanner.EntityRef(rs.getString(2), rs.getLong(3)));
            }
        }
        return index;
    }

    // ---- planning ------------------------------------------------------------------------------

    /**
     * Requests whose outcome is unknown (sent, but no answer came): each with the GET that tells
     * what the back end did, or none when sending again is safe.
     */
    public List<InDoubt> inDoubt() {
        return db.read(c -> {
            List<InDoubt> out = new ArrayList<>();
            for (StoredRequest r : queue.inState(STATE_SENDING)) {
                out.add(new InDoubt(r.id(), checkUrl(r)));
            }
            return out;
        });
    }

    /** The GET that shows whether a request took effect, or null when resending it is harmless. */
    private String checkUrl(StoredRequest r) throws SQLException {
        Catalog.Set set = catalog.require(r.entitySet());
        TableInfo info = rows.info(set);
        switch (r.kind()) {
            case CREATE, CREATE_RELATED -> {
                List<Object> key = rows.keyOf(info, r.lid());
                String predicate = key == null || !clientKey(info) ? null : rows.keyPredicate(info, key);
                if (predicate != null) {
                    return set.name() + "(" + predicate + ")";
                }
                String filter = sameValues(info, r.body());
                if (filter == null) {
                    return null;
                }
                String base = set.name();
                if (r.kind() == StoredRequest.Kind.CREATE_RELATED) {
                    String parent = keyUrl(catalog.require(r.targetSet()), r.targetLid());
                    if (parent == null) {
                        return null;
                    }
                    base = parent + "/" + r.navigation();
                }
                return base + "?$filter=" + filter + "&$top=10";
            }
            case UPDATE, DELETE -> {
                return keyUrl(set, r.lid());
            }
            default -> {
                return null; // links: adding or removing the same link twice ends the same way
            }
        }
    }

    /** A filter matching an entity with the same primitive property values as a create's body, or null. */
    private String sameValues(TableInfo info, ObjectNode body) {
        if (body == null) {
            return null;
        }
        List<String> terms = new ArrayList<>();
        EntityType type = info.set.entityType();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Property p = info.model.property(type, f.getKey()).orElse(null);
            ValueType vt = info.types.get(List.of(f.getKey()));
            if (p == null || p.isComputed() || !(vt instanceof ValueType.Primitive prim) || f.getValue().isNull()
                    || !f.getValue().isValueNode()) {
                continue;
            }
            switch (prim.type().family()) {
                case STRING, BOOLEAN, INTEGER, DECIMAL, DATE, GUID -> {
                    Object value = rows.codec().fromJson(vt, f.getValue(), dev.outpost.spi.ValueFactory.DYNAMIC, p.name());
                    terms.add(p.name() + " eq " + dev.outpost.internal.url.LiteralFormat.format(
                            new dev.outpost.query.Expr.Literal(prim.type(), value)));
                }
                default -> {
                    // floating point, time and binary values are no reliable match
                }
            }
        }
        return terms.isEmpty() ? null : String.join(" and ", terms);
    }

    /** Whether the key is given by the client (no part is computed by the server). */
    private static boolean clientKey(TableInfo info) {
        for (var ref : info.key) {
            Property p = info.model.property(info.set.entityType(), ref.path()).orElse(null);
            if (p == null || p.isComputed()) {
                return false;
            }
        }
        return !info.key.isEmpty();
    }

    /**
     * Settles a request whose outcome was unknown with the answer to its check (status and body of
     * the GET from {@link #inDoubt()}; status 0 when there was no check): the back end did apply it
     * (recorded as succeeded), did not (it goes out again), or cannot tell (it fails, naming the
     * candidates, for the user to resolve).
     */
    public void settle(long requestId, int status, byte[] body) {
        db.write(c -> {
            StoredRequest r = request(requestId);
            if (r == null || !STATE_SENDING.equals(r.state())) {
                return null;
            }
            JsonNode json = body == null || body.length == 0 ? null : parseOrNull(body);
            switch (r.kind()) {
                case CREATE, CREATE_RELATED -> {
                    if (status == 200 && json != null && json.has("value")) {
                        List<ObjectNode> unknown = new ArrayList<>();
                        Catalog.Set set = catalog.require(r.entitySet());
                        for (JsonNode e : json.get("value")) {
                            if (e instanceof ObjectNode o && !knownLocally(set, o)) {
                                unknown.add(o);
                            }
                        }
                        if (unknown.size() == 1) {
                            applySuccess(List.of(new Done(r, 201, Map.of(), unknown.get(0))));
                        } else if (unknown.isEmpty()) {
                            setState(List.of(r.id()), STATE_PENDING);
                        } else {
                            fail(r, 0, "OutcomeUnknown", "the connection broke after this create was sent, and the back end"
                                    + " holds " + unknown.size() + " entities that match it; resolve with keep-server if one"
                                    + " of them is it, or keep-local to create it again", null, false, null);
                        }
                    } else if (status == 200 && json instanceof ObjectNode o) {
                        applySuccess(List.of(new Done(r, 201, Map.of(), o)));
                    } else {
                        setState(List.of(r.id()), STATE_PENDING);
                    }
                }
                case UPDATE -> {
                    if (status == 200 && json instanceof ObjectNode server && (applied(r, server)
                            || appliedLater(r, server))) {
                        applySuccess(List.of(new Done(r, 200, Map.of(), server)));
                    } else {
                        setState(List.of(r.id()), STATE_PENDING);
                    }
                }
                case DELETE -> {
                    if (status == 404) {
                        applySuccess(List.of(new Done(r, 204, Map.of(), null)));
                    } else {
                        setState(List.of(r.id()), STATE_PENDING);
                    }
                }
                default -> setState(List.of(r.id()), STATE_PENDING);
            }
            return null;
        });
    }

    /** Whether the store holds an entity with this entity's key already (so it is not the one created). */
    private boolean knownLocally(Catalog.Set set, ObjectNode entity) throws SQLException {
        TableInfo info = rows.info(set);
        Map<String, Object> values = rows.serverColumns(info, set.entityType(), entity, set.name());
        List<Object> key = new ArrayList<>();
        for (Column col : info.keyColumns) {
            key.add(values.get(col.name()));
        }
        return !key.contains(null) && new ServerWriter(db, catalog, rows, state).lid(set, key) > 0;
    }

    /** Whether the server's entity has the values an update set. */
    private boolean applied(StoredRequest r, ObjectNode server) {
        if (r.body() == null) {
            return false;
        }
        Catalog.Set set = catalog.require(r.entitySet());
        TableInfo info = rows.info(set);
        ObjectNode sent = r.body().deepCopy();
        RequestBodies.strip(sent);
        ObjectNode theirs = server.deepCopy();
        theirs.retain(iterable(sent.fieldNames()));
        try {
            return rows.serverColumns(info, set.entityType(), sent, set.name())
                    .equals(rows.serverColumns(info, set.entityType(), theirs, set.name()));
        } catch (DataRequestException e) {
            return false;
        }
    }

    /**
     * Whether a later update of the same entity, sent in the same lost exchange, shows on the
     * server: the back end runs a batch in order, so this one ran before it, and its values were
     * overwritten, not missed. Sending it again would put the older values back over the later ones.
     */
    private boolean appliedLater(StoredRequest r, ObjectNode server) throws SQLException {
        for (StoredRequest later : queue.inState(STATE_SENDING)) {
            if (later.id() > r.id() && later.kind() == StoredRequest.Kind.UPDATE
                    && later.entitySet().equals(r.entitySet()) && later.lid() == r.lid() && applied(later, server)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /**
     * The next {@code $batch} of an upload: the first units, FIFO, that can go now, marked as being
     * sent; null when nothing is left. A unit that refers to an entity whose key comes only from a
     * create earlier in the same batch (outside its change set) waits for the next batch. Requests
     * dropped by queue optimisation or undo local creation leave the queue here (counted in
     * {@code dropped}).
     */
    public Wave nextWave(Set<Long> selection, long horizon, Settings settings, String clientId, long[] dropped) {
        return db.write(c -> {
            List<StoredRequest> sendable = sendable(selection, horizon);
            if (sendable.isEmpty()) {
                return null;
            }
            Map<Long, Set<UploadPlanner.EntityRef>> index = index();
            UploadPlanner.Plan plan = UploadPlanner.plan(sendable, index, settings.optimize(), settings.undoLocalCreation(),
                    settings.transactionBuilder());
            if (!plan.dropped().isEmpty()) {
                queue.delete(plan.dropped());
                state.rebuild();
                dropped[0] += plan.dropped().size();
            }
            List<UploadPlanner.Unit> planned = new ArrayList<>();
            List<Unit> units = new ArrayList<>();
            Set<UploadPlanner.EntityRef> createdInBatch = new HashSet<>();
            Set<UploadPlanner.EntityRef> changedInBatch = new HashSet<>();
            int count = 0;
            int contentId = 0;
            for (UploadPlanner.Unit u : plan.units()) {
                int size = u.parts().size();
                if (count > 0 && count + size > settings.requestsPerBatch()) {
                    break;
                }
                Map<UploadPlanner.EntityRef, String> cids = new HashMap<>();
                List<Part> parts = new ArrayList<>();
                boolean ok = true;
                Set<UploadPlanner.EntityRef> changedHere = new HashSet<>();
                for (UploadPlanner.Outgoing o : u.parts()) {
                    String cid = u.changeSet() ? String.valueOf(++contentId) : null;
                    Part part = render(o, cids, createdInBatch, changedInBatch, changedHere, cid, clientId, settings);
                    if (part == null) {
                        ok = false;
                        break;
                    }
                    parts.add(part);
                    UploadPlanner.EntityRef own = new UploadPlanner.EntityRef(o.request.entitySet(), o.request.lid());
                    if (o.kind == StoredRequest.Kind.CREATE || o.kind == StoredRequest.Kind.CREATE_RELATED) {
                        if (cid != null) {
                            cids.put(own, cid);
                        }
                        createdHere(o, createdInBatch);
                    }
                    changedHere.add(own);
                }
                if (!ok) {
                    if (units.isEmpty()) {
                        // the first unit cannot be sent: what it refers to will never have a key in this upload
                        for (UploadPlanner.Outgoing o : u.parts()) {
                            for (StoredRequest s : o.sources) {
                                fail(s, 0, "UnresolvedReference", "the request refers to an entity that has no key on"
                                        + " the back end and whose create is not waiting to be sent (it failed, or the"
                                        + " entity is gone); fix or undo the referenced entity first", null, false, null);
                            }
                        }
                        continue;
                    }
                    break;
                }
                changedInBatch.addAll(changedHere);
                planned.add(u);
                units.add(new Unit(parts, u.changeSet()));
                count += size;
            }
            if (units.isEmpty()) {
                return sendable(selection, horizon).isEmpty() ? null : new Wave(List.of(), List.of());
            }
            List<Long> ids = new ArrayList<>();
            for (UploadPlanner.Unit u : planned) {
                for (UploadPlanner.Outgoing o : u.parts()) {
                    o.sources.forEach(s -> ids.add(s.id()));
                }
            }
            PreparedStatement p = db.prepare("UPDATE \"$requests\" SET \"state\" = ?, \"first_sent\" = coalesce(\"first_sent\", ?)"
                    + " WHERE \"id\" = ?");
            String now = ValueCodec.instantText(OffsetDateTime.now(ZoneOffset.UTC));
            for (long id : ids) {
                p.setString(1, STATE_SENDING);
                p.setString(2, now);
                p.setLong(3, id);
                p.addBatch();
            }
            p.executeBatch();
            return new Wave(planned, units);
        });
    }

    /** Pending requests, FIFO, that do not share an entity with a failed one (or one waiting on a failed one). */
    private List<StoredRequest> sendable(Set<Long> selection, long horizon) throws SQLException {
        Map<Long, Set<UploadPlanner.EntityRef>> index = index();
        Set<UploadPlanner.EntityRef> poisoned = new HashSet<>();
        List<StoredRequest> out = new ArrayList<>();
        for (StoredRequest r : queue.all()) {
            Set<UploadPlanner.EntityRef> touched = index.getOrDefault(r.id(), Set.of());
            boolean blocked = STATE_FAILED.equals(r.state()) || touched.stream().anyMatch(poisoned::contains);
            if (blocked) {
                poisoned.addAll(touched);
                continue;
            }
            if (STATE_PENDING.equals(r.state()) && r.id() <= horizon && (selection == null || selection.contains(r.id()))) {
                out.add(r);
            }
        }
        return out;
    }

    private static void createdHere(UploadPlanner.Outgoing o, Set<UploadPlanner.EntityRef> into) {
        into.add(new UploadPlanner.EntityRef(o.request.entitySet(), o.request.lid()));
        if (o.body != null) {
            children(o.body, into);
        }
    }

    private static void children(JsonNode node, Set<UploadPlanner.EntityRef> into) {
        if (node instanceof ObjectNode obj) {
            if (obj.has(RequestApplier.LID) && obj.has(RequestApplier.SET)) {
                into.add(new UploadPlanner.EntityRef(obj.get(RequestApplier.SET).asText(), obj.get(RequestApplier.LID).asLong()));
            }
            obj.forEach(child -> children(child, into));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> children(child, into));
        }
    }

    /**
     * One request as a batch part, or null when an entity it refers to has no usable key yet: one
     * created earlier in this batch outside the unit's change set, or one never created.
     */
    private Part render(UploadPlanner.Outgoing o, Map<UploadPlanner.EntityRef, String> cids,
                        Set<UploadPlanner.EntityRef> createdInBatch, Set<UploadPlanner.EntityRef> changedInBatch,
                        Set<UploadPlanner.EntityRef> changedInUnit, String contentId, String clientId, Settings settings)
            throws SQLException {
        StoredRequest r = o.sent();
        String url = references(r.url(), cids, createdInBatch, true);
        if (url == null) {
            return null;
        }
        byte[] body = null;
        if (o.body != null) {
            ObjectNode json = o.body.deepCopy();
            if (!bodyReferences(json, cids, createdInBatch)) {
                return null;
            }
            RequestBodies.strip(json);
            body = json.toString().getBytes(StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.put("Accept", "application/json");
        boolean entityWrite = !r.kind().isLink() && r.kind() != StoredRequest.Kind.DELETE;
        if (entityWrite) {
            headers.put("Prefer", "return=representation");
        }
        UploadPlanner.EntityRef own = new UploadPlanner.EntityRef(r.entitySet(), r.lid());
        if (r.kind() == StoredRequest.Kind.UPDATE || r.kind() == StoredRequest.Kind.DELETE) {
            String etag = currentIfMatch(o);
            if (changedInUnit.contains(own) || changedInBatch.contains(own)) {
                // an earlier request of this batch created or changed it: its ETag is not known yet, and that
                // request checked (or made) the state this one was made on
                etag = "*";
            }
            if (etag != null) {
                headers.put("If-Match", etag);
            }
        }
        if (settings.repeatable()) {
            headers.put("Repeatability-Client-ID", clientId);
            headers.put("Repeatability-Request-ID", r.requestId());
            String firstSent = r.firstSent() != null ? r.firstSent() : ValueCodec.instantText(OffsetDateTime.now(ZoneOffset.UTC));
            headers.put("Repeatability-First-Sent", httpDate(firstSent));
        }
        for (StoredRequest s : o.sources) {
            headers.putAll(s.headers());
        }
        return new Part(r.method(), url, headers, body, contentId);
    }

    /** The If-Match of a (possibly merged) request: that of its first source, as the queue now holds it. */
    private String currentIfMatch(UploadPlanner.Outgoing o) throws SQLException {
        StoredRequest first = o.sources.get(0);
        PreparedStatement p = db.prepare("SELECT \"if_match\" FROM \"$requests\" WHERE \"id\" = ?");
        p.setLong(1, first.id());
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getString(1) : first.ifMatch();
        }
    }

    private static String httpDate(String instantText) {
        OffsetDateTime t = OffsetDateTime.parse(instantText);
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atZoneSameInstant(ZoneOffset.UTC))
                .replace("Z", "GMT");
    }

    /**
     * Replaces {@code Set($lid=n)} references: by {@code Set(key)} when the key is known and
     * usable, by {@code $<Content-ID>} at the start of a URL when the entity is created earlier in
     * the same change set; null when neither.
     */
    private String references(String text, Map<UploadPlanner.EntityRef, String> cids,
                              Set<UploadPlanner.EntityRef> createdInBatch, boolean atStartMayBeContentId)
            throws SQLException {
        Matcher m = LID_REF.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            UploadPlanner.EntityRef ref = new UploadPlanner.EntityRef(m.group(1), Long.parseLong(m.group(2)));
            String replacement;
            String cid = cids.get(ref);
            if (cid != null && (m.start() == 0 && atStartMayBeContentId)) {
                replacement = "$" + cid;
            } else if (cid != null) {
                replacement = null; // a Content-ID only starts a URL
            } else if (createdInBatch.contains(ref)) {
                replacement = null; // its key comes with the answer to this batch
            } else {
                String key = usableKeyUrl(ref);
                replacement = key;
            }
            if (replacement == null) {
                return null;
            }
            out.append(text, last, m.start()).append(replacement);
            last = m.end();
        }
        return out.append(text.substring(last)).toString();
    }

    /** Resolves references in {@code @odata.bind} and {@code @odata.id} values of a body (deep-inserted children included). */
    private boolean bodyReferences(ObjectNode body, Map<UploadPlanner.EntityRef, String> cids,
                                   Set<UploadPlanner.EntityRef> createdInBatch) throws SQLException {
        List<String> fields = iterable(body.fieldNames());
        for (String field : fields) {
            JsonNode value = body.get(field);
            if (field.endsWith("@odata.bind") || field.equals("@odata.id")) {
                if (value.isTextual()) {
                    String resolved = bindReference(value.asText(), cids, createdInBatch);
                    if (resolved == null) {
                        return false;
                    }
                    body.set(field, TextNode.valueOf(resolved));
                } else if (value instanceof ArrayNode array) {
                    for (int i = 0; i < array.size(); i++) {
                        String resolved = bindReference(array.get(i).asText(), cids, createdInBatch);
                        if (resolved == null) {
                            return false;
                        }
                        array.set(i, TextNode.valueOf(resolved));
                    }
                }
            } else if (value instanceof ObjectNode child) {
                if (!bodyReferences(child, cids, createdInBatch)) {
                    return false;
                }
            } else if (value instanceof ArrayNode array) {
                for (JsonNode element : array) {
                    if (element instanceof ObjectNode child && !bodyReferences(child, cids, createdInBatch)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private String bindReference(String reference, Map<UploadPlanner.EntityRef, String> cids,
                                 Set<UploadPlanner.EntityRef> createdInBatch) throws SQLException {
        Matcher m = LID_REF.matcher(reference);
        if (m.matches()) {
            String cid = cids.get(new UploadPlanner.EntityRef(m.group(1), Long.parseLong(m.group(2))));
            if (cid != null) {
                return "$" + cid;
            }
        }
        return references(reference, cids, createdInBatch, false);
    }

    /**
     * {@code Set(key)} for an entity the back end knows under that key: one that is not new, or a
     * new one whose key the client gives (no computed part); null otherwise.
     */
    private String usableKeyUrl(UploadPlanner.EntityRef ref) throws SQLException {
        Catalog.Set set = catalog.require(ref.set());
        TableInfo info = rows.info(set);
        if (rows.isNew(info, ref.lid()) && !clientKey(info)) {
            return null;
        }
        return keyUrl(set, ref.lid());
    }

    private String keyUrl(Catalog.Set set, long lid) throws SQLException {
        TableInfo info = rows.info(set);
        List<Object> key = rows.keyOf(info, lid);
        String predicate = key == null ? null : rows.keyPredicate(info, key);
        return predicate == null ? null : set.name() + "(" + predicate + ")";
    }

    // ---- recording answers ---------------------------------------------------------------------

    /** A request the back end applied, with its answer. */
    private record Done(StoredRequest request, int status, Map<String, String> headers, ObjectNode body) {
    }

    /**
     * Records the answers to a wave in one transaction. Units the back end did not process (it
     * stops at the first failure) go back to the queue as they were.
     */
    public Recorded record(Wave wave, List<List<Answer>> answers) {
        return db.write(c -> {
            List<Done> done = new ArrayList<>();
            List<FailedRequest> failed = new ArrayList<>();
            List<Long> conflicts = new ArrayList<>();
            List<Long> untouched = new ArrayList<>();
            boolean accepted = false;
            boolean stopped = false;
            for (int i = 0; i < wave.planned.size(); i++) {
                UploadPlanner.Unit unit = wave.planned.get(i);
                if (i >= answers.size()) {
                    stopped = true;
                    unit.parts().forEach(o -> o.sources.forEach(s -> untouched.add(s.id())));
                    continue;
                }
                List<Answer> got = answers.get(i);
                for (Answer a : got) {
                    accepted |= "accepted".equalsIgnoreCase(a.header("Repeatability-Result"));
                }
                boolean allGood = got.size() == unit.parts().size() && got.stream().allMatch(a -> a.status() / 100 == 2);
                if (allGood) {
                    for (int p = 0; p < unit.parts().size(); p++) {
                        UploadPlanner.Outgoing o = unit.parts().get(p);
                        Answer a = got.get(p);
                        ObjectNode body = a.body().length == 0 ? null : parseOrNull(a.body()) instanceof ObjectNode n ? n : null;
                        for (int s = 0; s < o.sources.size(); s++) {
                            // a merged request's answer is the answer of its last source
                            done.add(new Done(o.sources.get(s), a.status(), a.headers(), s == o.sources.size() - 1 ? body : null));
                        }
                    }
                    continue;
                }
                Answer failure = got.stream().filter(a -> a.status() / 100 != 2).findFirst().orElse(got.get(got.size() - 1));
                UploadPlanner.Outgoing culprit = culprit(wave, i, failure);
                for (UploadPlanner.Outgoing o : unit.parts()) {
                    for (StoredRequest s : o.sources) {
                        if (o == culprit || culprit == null) {
                            Responses e = Responses.of(failure.body());
                            boolean conflict = failure.status() == 412;
                            long errorId = fail(s, failure.status(), e.code, e.message != null ? e.message
                                    : "the back end answered " + failure.status(), e.inner, conflict, null);
                            failed.add(failedRequest(errorId, s, failure.status(), e.code, e.message, conflict));
                            if (conflict) {
                                conflicts.add(s.id());
                            }
                        } else {
                            long errorId = fail(s, failure.status(), "ChangeSetFailed", "not applied: another request of"
                                    + " its change set failed with " + failure.status() + " and the back end rolled the"
                                    + " change set back", null, false, null);
                            failed.add(failedRequest(errorId, s, failure.status(), "ChangeSetFailed", null, false));
                        }
                    }
                }
                stopped = true; // the back end stops at the first failure: later units have no answers
            }
            setState(untouched, STATE_PENDING);
            applySuccess(done);
            return new Recorded(done.size(), failed, conflicts, stopped, accepted);
        });
    }

    /** Puts every request of a wave back to pending (the batch itself was refused, e.g. 400 for the whole batch). */
    public void unsent(Wave wave) {
        db.write(c -> {
            List<Long> ids = new ArrayList<>();
            wave.planned.forEach(u -> u.parts().forEach(o -> o.sources.forEach(s -> ids.add(s.id()))));
            setState(ids, STATE_PENDING);
            return null;
        });
    }

    /**
     * The request of a unit that failed: the only one outside a change set; in a change set the one
     * whose Content-ID the failure carries; null when the back end did not say (every request of
     * the change set then carries the error).
     */
    private static UploadPlanner.Outgoing culprit(Wave wave, int unit, Answer failure) {
        UploadPlanner.Unit planned = wave.planned.get(unit);
        if (!planned.changeSet()) {
            return planned.parts().get(0);
        }
        List<Part> parts = wave.units.get(unit).parts();
        for (int p = 0; p < parts.size(); p++) {
            if (failure.contentId() != null && failure.contentId().equals(parts.get(p).contentId())) {
                return planned.parts().get(p);
            }
        }
        return null;
    }

    private FailedRequest failedRequest(long errorId, StoredRequest s, int status, String code, String message,
                                        boolean conflict) {
        return new FailedRequest(errorId, s.id(), s.method(), s.url(), StoredRequest.lidUrl(s.entitySet(), s.lid()), status,
                code, message != null ? message : "the back end answered " + status, conflict);
    }

    /** The parsed parts of an OData error body. */
    private record Responses(String code, String message, String inner) {
        static Responses of(byte[] body) {
            JsonNode json = parseOrNull(body);
            JsonNode error = json == null ? null : json.path("error");
            if (error == null || !error.isObject()) {
                String text = new String(body, StandardCharsets.UTF_8).trim();
                return new Responses(null, text.isEmpty() ? null : text.substring(0, Math.min(2000, text.length())), null);
            }
            JsonNode inner = error.has("innererror") ? error.get("innererror") : error.get("details");
            return new Responses(error.path("code").isValueNode() ? error.path("code").asText(null) : null,
                    error.path("message").isValueNode() ? error.path("message").asText(null) : null,
                    inner == null || inner.isNull() ? null : inner.toString());
        }
    }

    private static JsonNode parseOrNull(byte[] body) {
        try {
            return ValueCodec.JSON.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Marks a request failed, with its error in the archive; returns the error's ID. */
    private long fail(StoredRequest r, int status, String code, String message, String inner, boolean conflict,
                      String serverState) throws SQLException {
        setState(List.of(r.id()), STATE_FAILED);
        rows.execute("DELETE FROM \"$errors\" WHERE \"request\" = ?", r.id());
        PreparedStatement p = db.prepare("INSERT INTO \"$errors\" (\"request\", \"http_status\", \"code\", \"message\","
                + " \"inner_error\", \"conflict\", \"server_state\", \"time\") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        p.setLong(1, r.id());
        if (status > 0) {
            p.setInt(2, status);
        } else {
            p.setNull(2, java.sql.Types.INTEGER);
        }
        p.setString(3, code);
        p.setString(4, message);
        p.setString(5, inner);
        p.setInt(6, conflict ? 1 : 0);
        p.setString(7, serverState);
        p.setString(8, ValueCodec.instantText(OffsetDateTime.now(ZoneOffset.UTC)));
        return db.insert(p);
    }

    private void setState(List<Long> ids, String newState) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        PreparedStatement p = db.prepare("UPDATE \"$requests\" SET \"state\" = ? WHERE \"id\" = ?");
        for (long id : ids) {
            p.setString(1, newState);
            p.setLong(2, id);
            p.addBatch();
        }
        p.executeBatch();
    }

    private StoredRequest request(long id) throws SQLException {
        return queue.byId(id);
    }

    /**
     * What applied requests do to the store: they leave the queue and become server state; new
     * entities get their server keys (so {@code Set($lid=n)} and {@code Set(key)} both resolve),
     * answers' entity states and ETags are written, later queued requests of the same entity take
     * the new ETag, and entities created with removeCreatedEntityAfterUpload leave once nothing
     * refers to them any more (S12).
     */
    private void applySuccess(List<Done> done) throws SQLException {
        if (done.isEmpty()) {
            return;
        }
        Map<Long, Set<UploadPlanner.EntityRef>> index = index();
        Map<String, List<Long>> touched = new LinkedHashMap<>();
        List<StoredRequest> succeeded = new ArrayList<>();
        for (Done d : done) {
            succeeded.add(d.request());
            for (UploadPlanner.EntityRef e : index.getOrDefault(d.request().id(), Set.of())) {
                List<Long> lids = touched.computeIfAbsent(e.set(), k -> new ArrayList<>());
                if (!lids.contains(e.lid())) {
                    lids.add(e.lid());
                }
            }
        }
        queue.delete(succeeded.stream().map(StoredRequest::id).toList());
        rows.execute("DELETE FROM \"$errors\" WHERE \"request\" NOT IN (SELECT \"id\" FROM \"$requests\")");
        state.advance(succeeded, touched);
        ServerWriter writer = new ServerWriter(db, catalog, rows, state);
        boolean keysForQueued = false;
        for (Done d : done) {
            StoredRequest r = d.request();
            Catalog.Set set = catalog.require(r.entitySet());
            TableInfo info = rows.info(set);
            switch (r.kind()) {
                case CREATE, CREATE_RELATED -> {
                    adoptKeys(set, r.lid(), d.body(), d.headers(), r.body());
                    keysForQueued |= queue.isTouched(set.name(), r.lid());
                    if (d.body() != null) {
                        writer.upsert(set, d.body());
                    } else {
                        etag(info, r.lid(), d.headers());
                    }
                    if (r.removeAfterUpload()) {
                        rows.execute("INSERT OR IGNORE INTO \"$remove_after_upload\" (\"entity_set\", \"lid\") VALUES (?, ?)",
                                set.name(), r.lid());
                    }
                }
                case UPDATE -> {
                    if (d.body() != null && rows.keyOf(info, r.lid()) != null) {
                        writer.upsert(set, d.body());
                    } else {
                        etag(info, r.lid(), d.headers());
                    }
                }
                default -> {
                    // deletes and links: the local state already shows them
                }
            }
            String newTag = d.body() != null && d.body().hasNonNull("@odata.etag") ? d.body().get("@odata.etag").asText()
                    : header(d.headers(), "ETag");
            if (newTag != null && (r.kind() == StoredRequest.Kind.UPDATE || r.kind() == StoredRequest.Kind.CREATE
                    || r.kind() == StoredRequest.Kind.CREATE_RELATED) && queue.isTouched(set.name(), r.lid())) {
                // later requests of this entity were made on the state this request produced
                rows.execute("UPDATE \"$requests\" SET \"if_match\" = ? WHERE \"id\" IN (SELECT \"request\" FROM"
                        + " \"$request_entities\" WHERE \"entity_set\" = ? AND \"lid\" = ?) AND \"entity_set\" = ? AND \"lid\" = ?"
                        + " AND \"kind\" IN ('update', 'delete') AND (\"if_match\" IS NULL OR \"if_match\" = ?)",
                        newTag, set.name(), r.lid(), set.name(), r.lid(), r.ifMatch() == null ? "" : r.ifMatch());
            }
        }
        writer.finish();
        if (keysForQueued) {
            // queued requests refer to an entity that has only now got its server key (a task created
            // under it waits for the next wave): replayed, they give the dependents that key (invariant 3)
            state.rebuild();
        }
        removeAfterUpload();
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private void etag(TableInfo info, long lid, Map<String, String> headers) throws SQLException {
        String tag = header(headers, "ETag");
        if (tag != null) {
            rows.execute("UPDATE " + info.quoted + " SET \"$etag\" = ? WHERE \"$lid\" = ?", tag, lid);
            rows.execute("UPDATE " + Ddl.quote(info.table.serverTable()) + " SET \"$etag\" = ? WHERE \"$lid\" = ?", tag, lid);
        }
    }

    /**
     * Gives a created entity (and its deep-inserted children) the keys the back end assigned: from
     * the answer's body, or its {@code OData-EntityId}/{@code Location}; children without keys in
     * the answer get the parts their referential constraints take from the parent.
     */
    private void adoptKeys(Catalog.Set set, long lid, ObjectNode answer, Map<String, String> headers, ObjectNode sent)
            throws SQLException {
        TableInfo info = rows.info(set);
        List<Object> key = null;
        if (answer != null) {
            Map<String, Object> values = rows.serverColumns(info, set.entityType(), keyOnly(info, answer), set.name());
            key = new ArrayList<>();
            for (Column c : info.keyColumns) {
                key.add(values.get(c.name()));
            }
        }
        if (key == null || key.contains(null)) {
            String id = header(headers, "OData-EntityId");
            if (id == null) {
                id = header(headers, "Location");
            }
            if (id != null) {
                int at = id.lastIndexOf(set.name() + "(");
                if (at >= 0) {
                    ResourcePath path = DataQuery.parse(id.substring(at)).resource();
                    if (path.segments().size() == 2 && path.segments().get(1) instanceof ResourcePath.Key k) {
                        key = rows.keyValues(set, k);
                    }
                }
            }
        }
        if (key != null && !key.contains(null)) {
            setKey(info, lid, key);
        }
        if (sent == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            NavigationProperty nav = f.getKey().indexOf('@') >= 0 ? null
                    : info.model.navigationProperty(set.entityType(), f.getKey()).orElse(null);
            if (nav == null) {
                continue;
            }
            Catalog.Set childSet = catalog.require(catalog.relationship(set, nav.name()).targetSet());
            List<JsonNode> sentChildren = new ArrayList<>();
            if (f.getValue().isArray()) {
                f.getValue().forEach(sentChildren::add);
            } else if (f.getValue().isObject()) {
                sentChildren.add(f.getValue());
            }
            JsonNode answered = answer == null ? null : answer.get(f.getKey());
            List<JsonNode> answeredChildren = new ArrayList<>();
            if (answered != null && answered.isArray()) {
                answered.forEach(answeredChildren::add);
            } else if (answered != null && answered.isObject()) {
                answeredChildren.add(answered);
            }
            for (int i = 0; i < sentChildren.size(); i++) {
                JsonNode child = sentChildren.get(i);
                if (!child.has(RequestApplier.LID)) {
                    continue;
                }
                long childLid = child.get(RequestApplier.LID).asLong();
                ObjectNode childAnswer = i < answeredChildren.size() && answeredChildren.get(i) instanceof ObjectNode o ? o : null;
                if (childAnswer == null) {
                    fromParent(set, lid, nav, childSet, childLid);
                }
                adoptKeys(childSet, childLid, childAnswer, Map.of(), (ObjectNode) child);
            }
        }
    }

    /** Fills a child's key parts that a referential constraint of its partner takes from the parent's key. */
    private void fromParent(Catalog.Set parentSet, long parentLid, NavigationProperty nav, Catalog.Set childSet, long childLid)
            throws SQLException {
        if (nav.partner() == null) {
            return;
        }
        NavigationProperty partner = childSet.model().navigationProperty(childSet.entityType(), nav.partner()).orElse(null);
        if (partner == null) {
            return;
        }
        TableInfo parentInfo = rows.info(parentSet);
        TableInfo childInfo = rows.info(childSet);
        for (ReferentialConstraint rc : partner.referentialConstraints()) {
            var from = parentInfo.byPath.get(List.of(rc.referencedProperty()));
            var to = childInfo.byPath.get(List.of(rc.property()));
            if (from != null && to != null) {
                rows.execute("UPDATE " + childInfo.quoted + " SET " + Ddl.quote(to.name()) + " = (SELECT "
                        + Ddl.quote(from.name()) + " FROM " + parentInfo.quoted + " WHERE \"$lid\" = ?) WHERE \"$lid\" = ? AND "
                        + Ddl.quote(to.name()) + " IS NULL", parentLid, childLid);
            }
        }
        rows.execute("UPDATE " + childInfo.quoted + " SET \"$new\" = 0 WHERE \"$lid\" = ?", childLid);
    }

    private static ObjectNode keyOnly(TableInfo info, ObjectNode entity) {
        ObjectNode key = ValueCodec.NODES.objectNode();
        for (var ref : info.key) {
            JsonNode v = entity.get(ref.path());
            if (v != null) {
                key.set(ref.path(), v);
            }
        }
        return key;
    }

    private void setKey(TableInfo info, long lid, List<Object> key) throws SQLException {
        StringBuilder set = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < info.keyColumns.size(); i++) {
            set.append(i > 0 ? ", " : "").append(Ddl.quote(info.keyColumns.get(i).name())).append(" = ?");
            params.add(key.get(i));
        }
        params.add(lid);
        rows.execute("UPDATE " + info.quoted + " SET " + set + ", \"$new\" = 0 WHERE \"$lid\" = ?", params.toArray());
        rows.execute("UPDATE " + Ddl.quote(info.table.serverTable()) + " SET " + set + ", \"$new\" = 0 WHERE \"$lid\" = ?",
                params.toArray());
    }

    /** S12: uploaded entities marked for removal leave the store once no queued request touches them. */
    private void removeAfterUpload() throws SQLException {
        List<UploadPlanner.EntityRef> marked = new ArrayList<>();
        try (ResultSet rs = db.prepare("SELECT \"entity_set\", \"lid\" FROM \"$remove_after_upload\"").executeQuery()) {
            while (rs.next()) {
                marked.add(new UploadPlanner.EntityRef(rs.getString(1), rs.getLong(2)));
            }
        }
        ServerWriter writer = null;
        for (UploadPlanner.EntityRef e : marked) {
            if (queue.isTouched(e.set(), e.lid())) {
                continue;
            }
            if (writer == null) {
                writer = new ServerWriter(db, catalog, rows, state);
            }
            Catalog.Set set = catalog.require(e.set());
            TableInfo info = rows.info(set);
            rows.delete(info, e.lid());
            rows.execute("DELETE FROM " + Ddl.quote(info.table.serverTable()) + " WHERE \"$lid\" = ?", e.lid());
            for (var l : catalog.schema().linkTables()) {
                for (String table : List.of(l.table(), "$server." + l.table())) {
                    if (l.sourceSet().equals(set.name())) {
                        rows.execute("DELETE FROM " + Ddl.quote(table) + " WHERE \"source$lid\" = ?", e.lid());
                    }
                    if (l.targetSet().equals(set.name())) {
                        rows.execute("DELETE FROM " + Ddl.quote(table) + " WHERE \"target$lid\" = ?", e.lid());
                    }
                }
            }
            writer.unreference(set, e.lid());
            rows.execute("DELETE FROM \"$remove_after_upload\" WHERE \"entity_set\" = ? AND \"lid\" = ?", e.set(), e.lid());
        }
    }

    // ---- conflicts and resolution --------------------------------------------------------------

    /** The GET (relative to the service root) that reads the current server state of a failed request's entity. */
    public String entityUrl(long requestId) {
        return db.read(c -> {
            StoredRequest r = request(requestId);
            return r == null ? null : keyUrl(catalog.require(r.entitySet()), r.lid());
        });
    }

    /**
     * S8: keeps the server's current state with a conflict (412) and merges by itself when the
     * two sides changed different properties: the server state becomes the entity's server image
     * (local changes rebased on it), the request takes the server's ETag and goes out again.
     * Returns whether it merged.
     */
    public boolean conflict(long requestId, byte[] serverEntity) {
        return db.write(c -> {
            StoredRequest r = request(requestId);
            JsonNode json = parseOrNull(serverEntity);
            if (r == null || !(json instanceof ObjectNode server)) {
                return false;
            }
            rows.execute("UPDATE \"$errors\" SET \"server_state\" = ? WHERE \"request\" = ?", server.toString(), requestId);
            if (r.unmodifiable() || overlap(r, server).isEmpty() == false) {
                return false;
            }
            merge(r, server);
            return true;
        });
    }

    /** The properties both the local change and the server changed (to different values). */
    private List<String> overlap(StoredRequest r, ObjectNode server) {
        List<String> both = new ArrayList<>();
        if (r.kind() != StoredRequest.Kind.UPDATE || r.body() == null) {
            return both;
        }
        Catalog.Set set = catalog.require(r.entitySet());
        TableInfo info = rows.info(set);
        ObjectNode base = r.base() == null ? ValueCodec.NODES.objectNode() : r.base();
        for (String name : iterable(r.body().fieldNames())) {
            if (name.indexOf('@') >= 0) {
                continue;
            }
            ObjectNode before = ValueCodec.NODES.objectNode();
            before.set(name, base.has(name) ? base.get(name) : ValueCodec.NODES.nullNode());
            ObjectNode now = ValueCodec.NODES.objectNode();
            now.set(name, server.has(name) ? server.get(name) : ValueCodec.NODES.nullNode());
            ObjectNode mine = ValueCodec.NODES.objectNode();
            mine.set(name, r.body().get(name));
            try {
                Map<String, Object> b = rows.serverColumns(info, set.entityType(), before, set.name());
                Map<String, Object> n = rows.serverColumns(info, set.entityType(), now, set.name());
                Map<String, Object> m = rows.serverColumns(info, set.entityType(), mine, set.name());
                if (!b.equals(n) && !n.equals(m)) {
                    both.add(name);
                }
            } catch (DataRequestException e) {
                both.add(name);
            }
        }
        return both;
    }

    /** Takes the server's state as the entity's new base and sends the request again with its ETag. */
    private void merge(StoredRequest r, ObjectNode server) throws SQLException {
        Catalog.Set set = catalog.require(r.entitySet());
        String etag = server.hasNonNull("@odata.etag") ? server.get("@odata.etag").asText() : null;
        ServerWriter writer = new ServerWriter(db, catalog, rows, state);
        writer.upsert(set, server);
        writer.finish();
        rows.execute("UPDATE \"$requests\" SET \"if_match\" = ?, \"state\" = ? WHERE \"entity_set\" = ? AND \"lid\" = ?"
                + " AND \"state\" = ?", etag, STATE_PENDING, set.name(), r.lid(), STATE_FAILED);
        rows.execute("DELETE FROM \"$errors\" WHERE \"request\" IN (SELECT \"id\" FROM \"$requests\" WHERE \"entity_set\" = ?"
                + " AND \"lid\" = ?)", set.name(), r.lid());
    }

    /**
     * Resolves a failed request from the error archive (S8): keep-local sends it again (for a
     * conflict, over the server's state), keep-server drops the entity's pending changes and takes
     * the server's state, merge keeps both when they changed different properties.
     */
    public void resolve(long errorId, Resolution resolution) {
        db.write(c -> {
            PreparedStatement p = db.prepare("SELECT \"request\", \"conflict\", \"server_state\" FROM \"$errors\" WHERE \"id\" = ?");
            p.setLong(1, errorId);
            long requestId;
            String serverState;
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new dev.outpost.EntityNotFoundException("ErrorArchive(" + errorId + ")");
                }
                requestId = rs.getLong(1);
                serverState = rs.getString(3);
            }
            StoredRequest r = request(requestId);
            ObjectNode server = serverState == null ? null : (ObjectNode) ValueCodec.parse(serverState);
            switch (resolution) {
                case KEEP_LOCAL -> {
                    if (server != null) {
                        merge(r, server);
                    } else {
                        rows.execute("UPDATE \"$requests\" SET \"state\" = ? WHERE \"id\" = ?", STATE_PENDING, requestId);
                        rows.execute("DELETE FROM \"$errors\" WHERE \"id\" = ?", errorId);
                    }
                }
                case MERGE -> {
                    if (server == null) {
                        throw new DataRequestException(409, "error " + errorId + " is not a conflict; merge needs the"
                                + " server's state (resolve with keep-local or keep-server)");
                    }
                    List<String> both = overlap(r, server);
                    if (!both.isEmpty()) {
                        throw new DataRequestException(409, "error " + errorId + ": the local change and the server both"
                                + " changed " + both + "; resolve with keep-local or keep-server");
                    }
                    merge(r, server);
                }
                case KEEP_SERVER -> {
                    Catalog.Set set = catalog.require(r.entitySet());
                    List<Long> drop = new ArrayList<>();
                    for (StoredRequest t : queue.touching(set.name(), r.lid())) {
                        drop.add(t.id());
                    }
                    drop.add(r.id());
                    queue.delete(new ArrayList<>(new LinkedHashSet<>(drop)));
                    ServerWriter writer = new ServerWriter(db, catalog, rows, state);
                    if (server != null) {
                        writer.upsert(set, server);
                    }
                    state.rebuild();
                    writer.finish();
                }
            }
            return null;
        });
    }

    /** The newest request in the queue: an upload sends what was queued when it started, nothing made later. */
    public long horizon() {
        return db.read(c -> {
            try (ResultSet rs = db.prepare("SELECT coalesce(max(\"id\"), 0) FROM \"$requests\"").executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * How many requests this upload would send at most (the total a progress bar shows): the
     * sendable ones within the selection up to the horizon. Optimisation may send fewer.
     */
    public long pendingCount(Set<Long> selection, long horizon) {
        return db.read(c -> (long) sendable(selection, horizon).size());
    }

    /** How many selected requests wait because they share an entity with a failed request (S6: "not sent"). */
    public long heldBack(Set<Long> selection) {
        return db.read(c -> {
            Map<Long, Set<UploadPlanner.EntityRef>> index = index();
            Set<UploadPlanner.EntityRef> poisoned = new HashSet<>();
            long held = 0;
            for (StoredRequest r : queue.all()) {
                Set<UploadPlanner.EntityRef> touched = index.getOrDefault(r.id(), Set.of());
                if (STATE_FAILED.equals(r.state())) {
                    poisoned.addAll(touched);
                } else if (touched.stream().anyMatch(poisoned::contains)) {
                    poisoned.addAll(touched);
                    if (selection == null || selection.contains(r.id())) {
                        held++;
                    }
                }
            }
            return held;
        });
    }

    /** Whether any request is being sent (an upload runs, or one stopped with an unknown outcome). */
    public boolean sending() {
        return db.read(c -> {
            try (ResultSet rs = db.prepare("SELECT count(*) FROM \"$requests\" WHERE \"state\" = 'sending'").executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        });
    }
}
