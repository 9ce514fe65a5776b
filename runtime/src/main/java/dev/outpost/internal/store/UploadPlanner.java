package dev.outpost.internal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the requests an upload sends into the units of a {@code $batch}, FIFO: single requests
 * and change sets. Three algorithms, each off by default, can reshape the queue first, exactly as
 * the product they come from documents them:
 *
 * <ul>
 *   <li><b>Undo local creation (S10)</b>: an entity created and deleted again before its create was
 *       ever sent leaves no trace: every request that touches it is dropped, across change sets and
 *       unmodifiable requests.</li>
 *   <li><b>Transaction builder (S11)</b>: requests with the same transaction ID are pulled into one
 *       change set at the place of the first of them, as far as no request in between touches the
 *       same entities (else the group closes and a new one starts), with at most one unmodifiable
 *       request per entity in a change set.</li>
 *   <li><b>Request queue optimisation (S9)</b>: a create absorbs later updates of its entity, updates
 *       absorb later updates, a delete absorbs earlier updates, and a never-sent create followed by a
 *       delete disappears, but only between requests in the same transaction context (both in the
 *       same change set, or both outside any) that are not unmodifiable, and only when no other
 *       request touches the entity in between.</li>
 * </ul>
 *
 * <p>The plan is pure: it reads requests and their entity index and decides; the caller persists
 * the drops and sends the units.
 */
final class UploadPlanner {

    /** An entity a request touches. */
    record EntityRef(String set, long lid) {
    }

    /** One request as sent: its first queue request, all the queue requests it stands for, and its body. */
    static final class Outgoing {
        final StoredRequest request;
        final List<StoredRequest> sources = new ArrayList<>();
        ObjectNode body;
        StoredRequest.Kind kind;

        Outgoing(StoredRequest request) {
            this.request = request;
            this.sources.add(request);
            this.body = request.body() == null ? null : request.body().deepCopy();
            this.kind = request.kind();
        }

        /** A delete that absorbed earlier updates is sent as that delete. */
        StoredRequest sent() {
            return request;
        }
    }

    /** A unit of the batch: one request, or a change set. */
    record Unit(List<Outgoing> parts, boolean changeSet) {
    }

    /** The units to send, in order, and the queue requests to drop without sending. */
    record Plan(List<Unit> units, List<Long> dropped) {
    }

    private UploadPlanner() {
    }

    static Plan plan(List<StoredRequest> requests, Map<Long, Set<EntityRef>> entities, boolean optimize,
                     boolean undoLocalCreation, boolean transactionBuilder) {
        List<Long> dropped = new ArrayList<>();
        List<StoredRequest> kept = undoLocalCreation ? undoLocalCreation(requests, entities, dropped) : requests;
        List<Slot> slots = transactionBuilder ? buildTransactions(kept, entities) : slots(kept);
        if (optimize) {
            optimize(slots, entities, dropped);
        }
        List<Unit> units = new ArrayList<>();
        for (Slot s : slots) {
            List<Outgoing> parts = new ArrayList<>();
            for (Outgoing o : s.parts) {
                if (o != null) {
                    parts.add(o);
                }
            }
            if (!parts.isEmpty()) {
                units.add(new Unit(parts, s.group != null));
            }
        }
        return new Plan(units, dropped);
    }

    /** A place in the batch: one request outside any change set, or a change set (a group). */
    private static final class Slot {
        final String group;
        final List<Outgoing> parts = new ArrayList<>();

        Slot(String group) {
            this.group = group;
        }
    }

    /** The queue's own structure: consecutive requests of one local change set form a group. */
    private static List<Slot> slots(List<StoredRequest> requests) {
        List<Slot> slots = new ArrayList<>();
        Slot current = null;
        for (StoredRequest r : requests) {
            if (r.changeSet() == null) {
                Slot s = new Slot(null);
                s.parts.add(new Outgoing(r));
                slots.add(s);
                current = null;
                continue;
            }
            String group = "cs" + r.changeSet();
            if (current == null || !group.equals(current.group)) {
                current = new Slot(group);
                slots.add(current);
            }
            current.parts.add(new Outgoing(r));
        }
        return slots;
    }

    // ---- S10 -----------------------------------------------------------------------------------

    private static List<StoredRequest> undoLocalCreation(List<StoredRequest> requests, Map<Long, Set<EntityRef>> entities,
                                                         List<Long> dropped) {
        Set<EntityRef> undone = new HashSet<>();
        Map<EntityRef, StoredRequest> creates = new HashMap<>();
        for (StoredRequest r : requests) {
            EntityRef own = new EntityRef(r.entitySet(), r.lid());
            boolean isCreate = r.kind() == StoredRequest.Kind.CREATE || r.kind() == StoredRequest.Kind.CREATE_RELATED;
            if (isCreate && r.firstSent() == null) {
                creates.put(own, r);
            } else if (r.kind() == StoredRequest.Kind.DELETE && creates.containsKey(own)) {
                undone.add(own);
            }
        }
        if (undone.isEmpty()) {
            return requests;
        }
        List<StoredRequest> kept = new ArrayList<>();
        for (StoredRequest r : requests) {
            boolean touches = false;
            for (EntityRef e : entities.getOrDefault(r.id(), Set.of())) {
                touches |= undone.contains(e);
            }
            touches |= undone.contains(new EntityRef(r.entitySet(), r.lid()));
            if (touches) {
                dropped.add(r.id());
            } else {
                kept.add(r);
            }
        }
        return kept;
    }

    // ---- S11 -----------------------------------------------------------------------------------

    private static List<Slot> buildTransactions(List<StoredRequest> requests, Map<Long, Set<EntityRef>> entities) {
        List<Slot> slots = new ArrayList<>();
        Map<String, Slot> open = new LinkedHashMap<>();
        Slot localChangeSet = null;
        for (StoredRequest r : requests) {
            Set<EntityRef> touched = touched(r, entities);
            if (r.changeSet() != null || r.transactionId() == null) {
                // not grouped by ID: it stays where it is, and closes every open group it touches
                String group = r.changeSet() == null ? null : "cs" + r.changeSet();
                if (group != null && localChangeSet != null && group.equals(localChangeSet.group)) {
                    localChangeSet.parts.add(new Outgoing(r));
                } else {
                    Slot s = new Slot(group);
                    s.parts.add(new Outgoing(r));
                    slots.add(s);
                    localChangeSet = group == null ? null : s;
                }
                closeTouching(open, touched, entities, r.transactionId());
                continue;
            }
            localChangeSet = null;
            Slot group = open.get(r.transactionId());
            if (group != null && (blockedSince(slots, group, touched, entities) || unmodifiableTwice(group, r, entities))) {
                open.remove(r.transactionId());
                group = null;
            }
            if (group == null) {
                group = new Slot("tx:" + r.transactionId() + "#" + slots.size());
                slots.add(group);
                open.put(r.transactionId(), group);
            }
            group.parts.add(new Outgoing(r));
            closeTouching(open, touched, entities, r.transactionId());
        }
        return slots;
    }

    /** Whether a request placed after the group's slot touches any of these entities (moving past it would reorder). */
    private static boolean blockedSince(List<Slot> slots, Slot group, Set<EntityRef> touched,
                                        Map<Long, Set<EntityRef>> entities) {
        int at = slots.indexOf(group);
        for (int i = at + 1; i < slots.size(); i++) {
            for (Outgoing o : slots.get(i).parts) {
                for (EntityRef e : touched(o.request, entities)) {
                    if (touched.contains(e)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Only one unmodifiable request per entity goes into one change set. */
    private static boolean unmodifiableTwice(Slot group, StoredRequest r, Map<Long, Set<EntityRef>> entities) {
        if (!r.unmodifiable()) {
            return false;
        }
        EntityRef own = new EntityRef(r.entitySet(), r.lid());
        for (Outgoing o : group.parts) {
            if (o.request.unmodifiable() && new EntityRef(o.request.entitySet(), o.request.lid()).equals(own)) {
                return true;
            }
        }
        return false;
    }

    /** Groups of other transactions that a request touches can no longer take requests from behind it. */
    private static void closeTouching(Map<String, Slot> open, Set<EntityRef> touched, Map<Long, Set<EntityRef>> entities,
                                      String own) {
        open.entrySet().removeIf(e -> {
            if (e.getKey().equals(own)) {
                return false;
            }
            for (Outgoing o : e.getValue().parts) {
                for (EntityRef x : touched(o.request, entities)) {
                    if (touched.contains(x)) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    private static Set<EntityRef> touched(StoredRequest r, Map<Long, Set<EntityRef>> entities) {
        Set<EntityRef> all = new HashSet<>(entities.getOrDefault(r.id(), Set.of()));
        all.add(new EntityRef(r.entitySet(), r.lid()));
        if (r.targetSet() != null && r.targetLid() > 0) {
            all.add(new EntityRef(r.targetSet(), r.targetLid()));
        }
        return all;
    }

    // ---- S9 ------------------------------------------------------------------------------------

    /** Where an entity's mergeable chain is: the outgoing request and its slot. */
    private record Chain(Slot slot, int index) {
        Outgoing outgoing() {
            return slot.parts.get(index);
        }
    }

    private static void optimize(List<Slot> slots, Map<Long, Set<EntityRef>> entities, List<Long> dropped) {
        Map<EntityRef, Chain> chains = new HashMap<>();
        for (Slot slot : slots) {
            for (int i = 0; i < slot.parts.size(); i++) {
                Outgoing o = slot.parts.get(i);
                StoredRequest r = o.request;
                EntityRef own = new EntityRef(r.entitySet(), r.lid());
                Set<EntityRef> touched = touched(r, entities);
                Chain chain = chains.get(own);
                boolean sameContext = chain != null && (chain.slot == slot || chain.slot.group == null && slot.group == null);
                boolean mergeable = chain != null && sameContext && !r.unmodifiable() && !chain.outgoing().request.unmodifiable();
                if (r.kind() == StoredRequest.Kind.UPDATE && mergeable && chain.outgoing().body != null && r.body() != null) {
                    // a create or update absorbs a later update of its entity
                    chain.outgoing().body.setAll(r.body().deepCopy());
                    chain.outgoing().sources.add(r);
                    slot.parts.set(i, null);
                    forgetOthers(chains, touched, own);
                    continue;
                }
                if (r.kind() == StoredRequest.Kind.DELETE && mergeable) {
                    Outgoing c = chain.outgoing();
                    boolean neverSentCreate = (c.kind == StoredRequest.Kind.CREATE || c.kind == StoredRequest.Kind.CREATE_RELATED)
                            && c.sources.stream().allMatch(s -> s.firstSent() == null);
                    if (neverSentCreate) {
                        // create … delete: neither is sent
                        c.sources.forEach(s -> dropped.add(s.id()));
                        dropped.add(r.id());
                        chain.slot.parts.set(chain.index, null);
                        slot.parts.set(i, null);
                        chains.remove(own);
                        forgetOthers(chains, touched, own);
                        continue;
                    }
                    if (c.kind == StoredRequest.Kind.UPDATE) {
                        // updates before a delete are not sent; they leave the queue with the delete
                        Outgoing delete = new Outgoing(r);
                        delete.sources.clear();
                        delete.sources.addAll(c.sources);
                        delete.sources.add(r);
                        chain.slot.parts.set(chain.index, null);
                        slot.parts.set(i, delete);
                        chains.remove(own);
                        forgetOthers(chains, touched, own);
                        continue;
                    }
                }
                // this request starts (or ends) the chains of what it touches
                for (EntityRef e : touched) {
                    chains.remove(e);
                }
                if (r.kind() == StoredRequest.Kind.CREATE || r.kind() == StoredRequest.Kind.CREATE_RELATED
                        || r.kind() == StoredRequest.Kind.UPDATE) {
                    chains.put(own, new Chain(slot, i));
                }
            }
        }
    }

    /** A merged request touched other entities (a deep insert, say): their chains end here. */
    private static void forgetOthers(Map<EntityRef, Chain> chains, Set<EntityRef> touched, EntityRef own) {
        for (EntityRef e : touched) {
            if (!e.equals(own)) {
                chains.remove(e);
            }
        }
    }
}
