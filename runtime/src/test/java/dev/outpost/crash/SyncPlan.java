package dev.outpost.crash;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What the steps of a {@link SyncScenario} chain do, decided from the seed alone (never from a
 * store), so that the child that runs them and the parent that checks them agree on every
 * step, and what the entities the steps made should look like after any number of steps. Every
 * entity a step creates carries a marker chosen by the client (a work order's title, a task's
 * description, a customer's key), so the back end's rows can be counted per marker even where
 * the back end chooses keys.
 */
public final class SyncPlan {

    /** Seeded customers that steps may bind work orders to; customer 1 is the rebuild probe and never touched. */
    static final List<UUID> SEEDED = List.of(new UUID(0x5eedL, 2), new UUID(0x5eedL, 3));
    static final long CREATED = 0xc4a5L;

    /** What one step does. */
    public sealed interface Op {
    }

    public record Upload() implements Op {
    }

    public record Download() implements Op {
    }

    public record Nothing(String why) implements Op {
    }

    public record CreateOrder(String title, int priority, String description, UUID customer) implements Op {
    }

    public record UpdateOrder(String title, int priority, String description) implements Op {
    }

    public record DeleteOrder(String title) implements Op {
    }

    public record CreateCustomer(UUID id, String name) implements Op {
    }

    public record UpdateCustomer(UUID id, String name) implements Op {
    }

    public record CreateTask(String order, int lineNo, String description) implements Op {
    }

    public record UpdateTask(String description, boolean done) implements Op {
    }

    private static final class Order {
        int priority;
        String description;
        UUID customer;
        final List<String> tasks = new ArrayList<>();
    }

    private final long seed;
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<UUID, String> customers = new LinkedHashMap<>();
    private final Map<String, Boolean> tasks = new LinkedHashMap<>();
    private final Map<String, String> taskOrder = new LinkedHashMap<>();
    private int steps;

    public SyncPlan(long seed) {
        this.seed = seed;
    }

    /** The plan after {@code n} steps of the chain with this seed. */
    public static SyncPlan after(long seed, int n) {
        SyncPlan plan = new SyncPlan(seed);
        while (plan.steps < n) {
            plan.next();
        }
        return plan;
    }

    public int steps() {
        return steps;
    }

    /** What kind step {@code n} is: "write", "upload" or "download". */
    public static String kind(long seed, int n) {
        int k = CrashHarness.random(seed, n).nextInt(100);
        return k < 55 ? "write" : k < 80 ? "upload" : "download";
    }

    /** Decides step {@link #steps()} and records its effect. */
    public Op next() {
        int n = steps++;
        Random r = CrashHarness.random(seed, n);
        int k = r.nextInt(100);
        if (k >= 80) {
            return new Download();
        }
        if (k >= 55) {
            return new Upload();
        }
        List<String> live = new ArrayList<>(orders.keySet());
        switch (r.nextInt(10)) {
            case 0, 1, 2 -> {
                List<UUID> candidates = new ArrayList<>(SEEDED);
                candidates.addAll(customers.keySet());
                UUID customer = r.nextBoolean() ? candidates.get(r.nextInt(candidates.size())) : null;
                CreateOrder op = new CreateOrder("W" + n, 1 + r.nextInt(5), "d" + n, customer);
                Order o = new Order();
                o.priority = op.priority();
                o.description = op.description();
                o.customer = customer;
                orders.put(op.title(), o);
                return op;
            }
            case 3 -> {
                CreateCustomer op = new CreateCustomer(new UUID(CREATED, n), "C" + n);
                customers.put(op.id(), op.name());
                return op;
            }
            case 4, 5 -> {
                if (live.isEmpty()) {
                    return new Nothing("no work order to update");
                }
                String title = live.get(r.nextInt(live.size()));
                UpdateOrder op = new UpdateOrder(title, 1 + r.nextInt(5), "u" + n);
                orders.get(title).priority = op.priority();
                orders.get(title).description = op.description();
                return op;
            }
            case 6 -> {
                if (customers.isEmpty()) {
                    return new Nothing("no customer to update");
                }
                List<UUID> ids = new ArrayList<>(customers.keySet());
                UpdateCustomer op = new UpdateCustomer(ids.get(r.nextInt(ids.size())), "N" + n);
                customers.put(op.id(), op.name());
                return op;
            }
            case 7 -> {
                if (live.isEmpty()) {
                    return new Nothing("no work order for a task");
                }
                CreateTask op = new CreateTask(live.get(r.nextInt(live.size())), n, "t" + n);
                orders.get(op.order()).tasks.add(op.description());
                tasks.put(op.description(), false);
                taskOrder.put(op.description(), op.order());
                return op;
            }
            case 8 -> {
                List<String> bare = live.stream().filter(t -> orders.get(t).tasks.isEmpty()).toList();
                if (bare.isEmpty()) {
                    return new Nothing("no work order without tasks to delete");
                }
                DeleteOrder op = new DeleteOrder(bare.get(r.nextInt(bare.size())));
                orders.remove(op.title());
                return op;
            }
            default -> {
                if (tasks.isEmpty()) {
                    return new Nothing("no task to update");
                }
                List<String> all = new ArrayList<>(tasks.keySet());
                String description = all.get(r.nextInt(all.size()));
                UpdateTask op = new UpdateTask(description, !tasks.get(description));
                tasks.put(description, op.done());
                return op;
            }
        }
    }

    /** The entities the steps so far made, one line each, in the form {@link SyncScenario} observes stores and back ends. */
    public TreeSet<String> expected() {
        TreeSet<String> out = new TreeSet<>();
        orders.forEach((title, o) -> out.add(order(title, o.priority, o.description, o.customer)));
        customers.forEach((id, name) -> out.add(customer(id, name)));
        tasks.forEach((description, done) -> out.add(task(description, taskOrder.get(description), done)));
        return out;
    }

    static String order(Object title, Object priority, Object description, Object customer) {
        return "work order " + title + ": priority " + priority + ", description " + description + ", customer " + customer;
    }

    static String customer(Object id, Object name) {
        return "customer " + id + ": name " + name;
    }

    static String task(Object description, Object order, Object done) {
        return "task " + description + ": of " + order + ", done " + done;
    }
}
