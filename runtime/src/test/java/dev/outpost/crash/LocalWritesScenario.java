package dev.outpost.crash;

import dev.outpost.ChangeSet;
import dev.outpost.DataRequestException;
import dev.outpost.DataService;
import dev.outpost.EntityValue;
import dev.outpost.OfflineStore;
import dev.outpost.RequestOptions;
import dev.outpost.ServerStates;
import dev.outpost.StoreOptions;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.StoreFingerprint;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Local writes (L1–L15) under SIGKILL: creates, deep inserts, related creates, updates,
 * deletes, links, change sets, undo, refused bad input, and server state arriving as a download
 * would (rebase). Its verdict is differential: the parent repeats the same steps on a reference
 * store that is never killed, and after each kill the store must equal the reference after the
 * acknowledged steps, or after one more step — never anything in between, never less.
 */
public final class LocalWritesScenario implements CrashScenario {

    /** The part no step touches; undoing its (no) changes rebuilds local state ({@link #rebuildProbe()}). */
    static final String PROBE = "Parts('PROBE')";

    private OfflineStore reference;
    private long seed;
    private int referenceSteps;

    @Override
    public ServiceModel model() {
        return CrashModel.model();
    }

    @Override
    public String rebuildProbe() {
        return PROBE;
    }

    // ---- the parent ------------------------------------------------------------------------------

    @Override
    public List<String> setUp(Path dir, long chainSeed) {
        reference = OfflineStore.open(StoreOptions.of(dir.resolve("reference.db"), model()));
        serverState(reference);
        seed = chainSeed;
        return List.of();
    }

    @Override
    public void initialize(OfflineStore store) {
        serverState(store);
    }

    @Override
    public int verify(OfflineStore store, int acknowledged, Random random) throws Exception {
        advance(acknowledged);
        Map<String, List<String>> actual = StoreFingerprint.comparable(store.file());
        Map<String, List<String>> afterAcknowledged = StoreFingerprint.comparable(reference.file());
        if (actual.equals(afterAcknowledged)) {
            return acknowledged;
        }
        String inFlight = advance(acknowledged + 1);
        Map<String, List<String>> afterNext = StoreFingerprint.comparable(reference.file());
        if (actual.equals(afterNext)) {
            return acknowledged + 1;
        }
        throw new AssertionError("after the kill the store is neither the state after the " + acknowledged
                + " acknowledged steps nor the state after step " + acknowledged + " (" + inFlight + ").\n"
                + "Compared with the state after the acknowledged steps:\n"
                + StoreFingerprint.difference(afterAcknowledged, actual)
                + "Compared with the state after step " + acknowledged + ":\n"
                + StoreFingerprint.difference(afterNext, actual));
    }

    private String advance(int steps) throws Exception {
        String last = "";
        while (referenceSteps < steps) {
            last = step(reference, CrashHarness.random(seed, referenceSteps), referenceSteps);
            referenceSteps++;
        }
        return last;
    }

    @Override
    public void tearDown() {
        if (reference != null) {
            reference.close();
        }
    }

    /** What a download brought before the first step: customers, parts, work orders with tasks and parts. */
    private static void serverState(OfflineStore store) {
        ServerStates.publish(store, "Customers", "{\"Id\":\"" + new UUID(0, 1) + "\",\"Name\":\"ACME\",\"City\":\"Lyon\"}",
                "{\"Id\":\"" + new UUID(0, 2) + "\",\"Name\":\"Globex\"}");
        ServerStates.publish(store, "Parts", "{\"PartNumber\":\"P-1\",\"Name\":\"Pump\",\"Stock\":4}",
                "{\"PartNumber\":\"P-2\",\"Name\":\"Valve\",\"Stock\":0}",
                "{\"PartNumber\":\"PROBE\",\"Name\":\"never touched\"}");
        ServerStates.publish(store, "WorkOrders",
                "{\"Id\":1,\"Title\":\"Fix boiler\",\"Priority\":2,\"Cost\":120.50,\"CustomerId\":\"" + new UUID(0, 1) + "\","
                        + "\"Parts\":[{\"PartNumber\":\"P-1\",\"Name\":\"Pump\",\"Stock\":4}]}",
                "{\"Id\":2,\"Title\":\"Inspect roof\",\"Priority\":3,\"Due\":\"2024-05-01\"}");
        ServerStates.publish(store, "Tasks", "{\"WorkOrderId\":1,\"LineNo\":1,\"Description\":\"Drain\",\"Done\":true}",
                "{\"WorkOrderId\":1,\"LineNo\":2,\"Description\":\"Replace valve\",\"Done\":false}",
                "{\"WorkOrderId\":2,\"LineNo\":1,\"Description\":\"Climb\"}");
    }

    // ---- the steps (child and reference) -----------------------------------------------------------

    @Override
    public String step(OfflineStore store, Random r, int number) {
        DataService service = new DataService(store);
        int kind = r.nextInt(100);
        try {
            return doStep(store, service, r, number, kind);
        } catch (DataRequestException e) {
            // a valid-looking step the state makes invalid (an entity deleted meanwhile, ...): the
            // store refuses it and changes nothing, which the comparison with the reference checks
            return "refused (" + e.status() + "): " + e.getMessage();
        }
    }

    private String doStep(OfflineStore store, DataService service, Random r, int n, int kind) {
        if (kind < 10) {
            EntityValue c = new EntityValue(CrashModel.CUSTOMER).setValue("Id", new UUID(1, n)).setValue("Name", "C" + n);
            service.createEntity(c, "Customers", RequestOptions.defaults());
            return "create " + c.readLink();
        }
        if (kind < 22) {
            EntityValue wo = workOrder(r, n);
            EntityValue customer = pick(service, "Customers", r);
            if (customer != null && r.nextBoolean()) {
                wo.bindEntity("Customer", customer);
            }
            service.createEntity(wo, "WorkOrders", RequestOptions.defaults());
            return "create " + wo.readLink();
        }
        if (kind < 28) {
            EntityValue wo = workOrder(r, n);
            List<EntityValue> tasks = new ArrayList<>();
            for (int i = 1 + r.nextInt(3); i > 0; i--) {
                tasks.add(task(i, n));
            }
            wo.setRelatedList("Tasks", tasks);
            if (r.nextBoolean()) {
                wo.setRelated("Customer", new EntityValue(CrashModel.CUSTOMER).setValue("Id", new UUID(2, n))
                        .setValue("Name", "deep " + n));
            }
            service.createEntity(wo, "WorkOrders", RequestOptions.defaults());
            return "deep insert " + wo.readLink() + " with " + tasks.size() + " tasks";
        }
        if (kind < 36) {
            EntityValue parent = pick(service, "WorkOrders", r);
            if (parent == null) {
                return "no work order";
            }
            EntityValue t = task(100 + n, n);
            service.createRelatedEntity(t, parent, "Tasks");
            return "create " + t.readLink() + " under " + parent.readLink();
        }
        if (kind < 48) {
            EntityValue wo = pick(service, "WorkOrders", r);
            if (wo == null) {
                return "no work order";
            }
            if (r.nextBoolean()) {
                wo.setValue("Title", "T" + n + " " + "x".repeat(r.nextInt(60)));
            }
            if (r.nextBoolean()) {
                wo.setValue("Priority", r.nextInt(5));
            }
            wo.setValue("Cost", BigDecimal.valueOf(r.nextInt(100_000), 2));
            service.updateEntity(wo);
            return "update " + wo.readLink();
        }
        if (kind < 53) {
            EntityValue t = pick(service, "Tasks", r);
            if (t == null) {
                return "no task";
            }
            t.setValue("Done", r.nextBoolean()).setValue("Description", "D" + n);
            service.updateEntity(t);
            return "update " + t.readLink();
        }
        if (kind < 60) {
            String set = List.of("Tasks", "WorkOrders", "Customers", "Parts").get(r.nextInt(4));
            EntityValue e = pick(service, set, r);
            if (e == null) {
                return "nothing to delete in " + set;
            }
            service.deleteEntity(e);
            return "delete " + e.readLink();
        }
        if (kind < 68) {
            EntityValue wo = pick(service, "WorkOrders", r);
            EntityValue part = pick(service, "Parts", r);
            EntityValue customer = pick(service, "Customers", r);
            if (wo == null) {
                return "no work order";
            }
            switch (r.nextInt(4)) {
                case 0 -> {
                    if (part == null) {
                        return "no part";
                    }
                    service.createLink(wo, "Parts", part);
                    return "link " + wo.readLink() + " to " + part.readLink();
                }
                case 1 -> {
                    List<EntityValue> linked = service.executeQuery(DataQuery.parse(wo.readLink() + "?$expand=Parts"))
                            .entities().get(0).getRelatedList("Parts").stream().filter(p -> !PROBE.equals(p.readLink()))
                            .toList();
                    if (linked.isEmpty()) {
                        return "no linked part";
                    }
                    EntityValue p = linked.get(r.nextInt(linked.size()));
                    service.deleteLink(wo, "Parts", p);
                    return "unlink " + wo.readLink() + " from " + p.readLink();
                }
                case 2 -> {
                    if (customer == null) {
                        return "no customer";
                    }
                    service.updateLink(wo, "Customer", customer);
                    return "set customer of " + wo.readLink() + " to " + customer.readLink();
                }
                default -> {
                    service.deleteLink(wo, "Customer", null);
                    return "clear customer of " + wo.readLink();
                }
            }
        }
        if (kind < 72) {
            EntityValue p = new EntityValue(CrashModel.PART).setValue("PartNumber", "N-" + n).setValue("Name", "part " + n)
                    .setValue("Stock", r.nextInt(10));
            service.createEntity(p, "Parts", RequestOptions.defaults());
            return "create " + p.readLink();
        }
        if (kind < 82) {
            return changeSet(service, r, n);
        }
        if (kind < 90) {
            Set<String> pending = new LinkedHashSet<>();
            for (EntityValue q : service.executeQuery(DataQuery.parse("RequestQueue?$orderby=RequestID")).entities()) {
                pending.add((String) q.getValue("AffectedEntityReadLink"));
            }
            if (pending.isEmpty()) {
                return "nothing to undo";
            }
            String readLink = new ArrayList<>(pending).get(r.nextInt(pending.size()));
            service.undoPendingChanges(readLink);
            return "undo " + readLink;
        }
        if (kind < 95) {
            return download(store, r, n);
        }
        return badInput(service, r, n);
    }

    private static EntityValue workOrder(Random r, int n) {
        EntityValue wo = new EntityValue(CrashModel.WORK_ORDER).setValue("Title", "W" + n).setValue("Priority", r.nextInt(5));
        if (r.nextBoolean()) {
            wo.setValue("Cost", BigDecimal.valueOf(r.nextInt(1_000_000), 2));
        }
        if (r.nextBoolean()) {
            wo.setValue("Due", LocalDate.of(2024, 1 + r.nextInt(12), 1 + r.nextInt(28)));
        }
        return wo;
    }

    private static EntityValue task(int line, int n) {
        return new EntityValue(CrashModel.TASK).setValue("LineNo", line).setValue("Description", "task " + n + "." + line);
    }

    /** A random entity of the set, never the probe; the query order (by local ID) makes the pick repeatable. */
    private static EntityValue pick(DataService service, String set, Random r) {
        List<EntityValue> all = service.executeQuery(DataQuery.parse(set)).entities().stream()
                .filter(e -> !PROBE.equals(e.readLink())).toList();
        return all.isEmpty() ? null : all.get(r.nextInt(all.size()));
    }

    private String changeSet(DataService service, Random r, int n) {
        ChangeSet changes = new ChangeSet();
        EntityValue parent = workOrder(r, n);
        changes.createEntity(parent, "WorkOrders", RequestOptions.defaults());
        List<String> what = new ArrayList<>(List.of("create work order"));
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            switch (r.nextInt(4)) {
                case 0 -> {
                    changes.createRelatedEntity(task(i, n), parent, "Tasks");
                    what.add("create task");
                }
                case 1 -> {
                    EntityValue wo = pick(service, "WorkOrders", r);
                    if (wo != null) {
                        changes.updateEntity(wo.setValue("Priority", r.nextInt(5)));
                        what.add("update " + wo.readLink());
                    }
                }
                case 2 -> {
                    EntityValue part = pick(service, "Parts", r);
                    if (part != null) {
                        changes.createLink(parent, "Parts", part);
                        what.add("link " + part.readLink());
                    }
                }
                default -> {
                    // a change that fails makes the whole change set fail: nothing of it may remain
                    changes.updateEntity(r.nextBoolean() ? parent : new EntityValue(CrashModel.WORK_ORDER)
                            .setValue("Title", "x".repeat(101)));
                    what.add("an update that may fail");
                }
            }
        }
        service.applyChanges(changes);
        return "change set: " + String.join(", ", what);
    }

    /** Server state as a download would bring it: a changed work order or customer, or a deleted task. */
    private static String download(OfflineStore store, Random r, int n) {
        switch (r.nextInt(3)) {
            case 0 -> {
                int id = 1 + r.nextInt(2);
                ServerStates.publish(store, "WorkOrders", "{\"Id\":" + id + ",\"Title\":\"server " + n + "\",\"Priority\":"
                        + r.nextInt(5) + "}");
                return "download of WorkOrders(" + id + ")";
            }
            case 1 -> {
                ServerStates.publish(store, "Customers", "{\"Id\":\"" + new UUID(0, 1 + r.nextInt(2)) + "\",\"Name\":\"server "
                        + n + "\"}");
                return "download of a customer";
            }
            default -> {
                ServerStates.deleted(store, "Tasks", "{\"WorkOrderId\":1,\"LineNo\":" + (1 + r.nextInt(2)) + "}");
                return "download of a deleted task";
            }
        }
    }

    /** Input the store must refuse without changing anything; any other outcome fails the step. */
    private static String badInput(DataService service, Random r, int n) {
        EntityValue wo = switch (r.nextInt(3)) {
            case 0 -> new EntityValue(CrashModel.WORK_ORDER).setValue("Title", "x".repeat(101));
            case 1 -> new EntityValue(CrashModel.WORK_ORDER).setValue("Title", "t").setValue("Nope", 1);
            default -> new EntityValue(CrashModel.WORK_ORDER).setValue("Title", "t").setValue("Cost", new BigDecimal("1.234"));
        };
        try {
            service.createEntity(wo, "WorkOrders", RequestOptions.defaults());
        } catch (DataRequestException expected) {
            return "refused bad input " + n;
        }
        throw new IllegalStateException("the store accepted bad input: " + wo);
    }
}
