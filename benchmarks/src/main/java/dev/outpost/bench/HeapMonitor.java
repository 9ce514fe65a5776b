package dev.outpost.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Measures peak heap use from garbage-collection notifications
 * ({@link GarbageCollectionNotificationInfo}) for one or more operations that run in turns.
 *
 * <p>Between collections the used heap only grows, so the largest heap use <em>before</em> a
 * collection, together with direct samples of the used heap after each run, is the peak
 * (everything allocated, garbage included). The largest use <em>after</em> a collection is the
 * live peak: the most memory that was reachable at once; it is an upper bound, because a young
 * collection leaves garbage that earlier ones promoted to the old generation. The retained size
 * is what an operation's last result holds: the heap after a collection forced while the result
 * is still referenced minus the heap after the one forced before the first run.
 *
 * <p>Each collection counts for the operation that was running when it happened. Notifications
 * arrive late, on a thread of their own, so the monitor does not look at the clock: at every
 * {@link #enter} it notes each collector's count of collections, which the JVM updates before
 * the collecting thread resumes, and a notification's collection number
 * ({@code GcInfo.getId()}) then says which run it fell in. When operations run in turns, a run's
 * peak can include garbage the other operation left since the last collection; the live peak and
 * the retained size are each operation's own.
 *
 * <p>Sums cover the heap memory pools only (for example G1 Eden, Survivor and Old Gen).
 */
final class HeapMonitor implements AutoCloseable {

    /** The peak, live peak and retained size of one operation's measurement, in bytes. */
    record Peak(long peakBytes, long livePeakBytes, long retainedBytes) {
    }

    private static final long GC_WAIT_MILLIS = 5_000;
    private static final String FORCED_CAUSE = "System.gc()";

    /** One collection as its notification reported it. */
    private record Collection(String collector, long number, long beforeBytes, long afterBytes, boolean forced) {
    }

    /** The start of a run: which operation, and how many collections each collector had done. */
    private record Mark(int side, long[] counts) {
    }

    private final Set<String> heapPools;
    private final List<GarbageCollectorMXBean> collectors = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final List<Collection> seen = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();
    private long forcedSeen;
    private long lastForcedAfter;
    private long[] samples = new long[0];
    private int current = -1;
    private long startAfter;

    HeapMonitor() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toUnmodifiableSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(gc);
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Collects garbage left by earlier work, then starts measuring {@code sides} operations. */
    void begin(int sides) {
        startAfter = collect();
        synchronized (seen) {
            seen.clear();
        }
        marks.clear();
        samples = new long[sides];
        current = -1;
    }

    /** The heap in use after the collection {@link #begin} forced. */
    long startAfter() {
        return startAfter;
    }

    /** Operation {@code side} (0, 1, ... as given to {@link #begin}) runs from now on. */
    void enter(int side) {
        long[] counts = new long[collectors.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = collectors.get(i).getCollectionCount();
        }
        marks.add(new Mark(side, counts));
        current = side;
    }

    /** Folds the heap in use now into the peak of the operation that ran last. */
    void sample() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        samples[current] = Math.max(samples[current], used);
    }

    /**
     * Forces a full collection and waits for its notification (so every earlier one has arrived).
     * It counts for no operation's peak; the caller decides what its result means.
     *
     * @return the heap in use after it
     */
    long collect() {
        long before;
        synchronized (seen) {
            before = forcedSeen;
        }
        System.gc();
        long deadline = System.currentTimeMillis() + GC_WAIT_MILLIS;
        synchronized (seen) {
            while (forcedSeen == before && System.currentTimeMillis() < deadline) {
                try {
                    seen.wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return lastForcedAfter;
        }
    }

    /**
     * Ends the measurement.
     *
     * @param afterWithResult for each operation, the heap after a forced collection (see
     *     {@link #collect()}) while its last result, and no other, was referenced
     * @return each operation's peaks, in the order of {@code afterWithResult}
     */
    Peak[] end(long... afterWithResult) {
        long[] before = samples.clone();
        long[] after = new long[afterWithResult.length];
        List<Collection> collections;
        synchronized (seen) {
            collections = List.copyOf(seen);
        }
        for (Collection c : collections) {
            int side = sideOf(c);
            if (!c.forced() && side >= 0) {
                before[side] = Math.max(before[side], c.beforeBytes());
                after[side] = Math.max(after[side], c.afterBytes());
            }
        }
        Peak[] peaks = new Peak[afterWithResult.length];
        for (int side = 0; side < peaks.length; side++) {
            long live = Math.max(after[side], afterWithResult[side]);
            peaks[side] = new Peak(Math.max(before[side], live), live, Math.max(0, afterWithResult[side] - startAfter));
        }
        return peaks;
    }

    /** The operation whose run a collection fell in: the last one entered before it. */
    private int sideOf(Collection c) {
        int index = -1;
        for (int i = 0; i < collectors.size(); i++) {
            if (collectors.get(i).getName().equals(c.collector())) {
                index = i;
            }
        }
        int side = marks.isEmpty() ? -1 : marks.get(0).side();
        for (Mark m : marks) {
            if (index < 0 || m.counts()[index] >= c.number()) {
                break;
            }
            side = m.side();
        }
        return side;
    }

    private void onNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        boolean forced = FORCED_CAUSE.equals(info.getGcCause());
        Collection c = new Collection(info.getGcName(), info.getGcInfo().getId(),
                heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), heapUsed(info.getGcInfo().getMemoryUsageAfterGc()),
                forced);
        synchronized (seen) {
            seen.add(c);
            if (forced) {
                forcedSeen++;
                lastForcedAfter = c.afterBytes();
                seen.notifyAll();
            }
        }
    }

    private long heapUsed(Map<String, MemoryUsage> byPool) {
        long sum = 0;
        for (Map.Entry<String, MemoryUsage> e : byPool.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                sum += e.getValue().getUsed();
            }
        }
        return sum;
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already removed: nothing to undo
            }
        }
    }
}
