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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Measures peak heap use from garbage-collection notifications
 * ({@link GarbageCollectionNotificationInfo}). Between collections the used heap only grows, so
 * the largest heap use <em>before</em> any collection during a measurement, together with the
 * use before a collection forced at its end, is the peak (everything allocated, garbage
 * included). The largest use <em>after</em> a collection is the live peak: the most memory that
 * was reachable at once; it is an upper bound, because a young collection leaves garbage that
 * earlier ones promoted to the old generation. Direct samples of the used heap after each iteration
 * are folded into the peak too. The retained size is what the last result holds: the heap after
 * the collection forced at the end (while the result is still referenced) minus the heap after
 * the one forced at the start.
 *
 * <p>Sums cover the heap memory pools only (for example G1 Eden, Survivor and Old Gen).
 */
final class HeapMonitor implements AutoCloseable {

    /** The peak, live peak and retained size of one measurement, in bytes. */
    record Peak(long peakBytes, long livePeakBytes, long retainedBytes) {
    }

    private static final long GC_WAIT_MILLIS = 5_000;

    private final Set<String> heapPools;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final AtomicLong peakBefore = new AtomicLong();
    private final AtomicLong peakAfter = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final AtomicLong lastAfter = new AtomicLong();
    private long startAfter;

    HeapMonitor() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toUnmodifiableSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Collects garbage left by earlier work, then starts a new measurement. */
    void begin() {
        collectAndWait();
        startAfter = lastAfter.get();
        peakBefore.set(0);
        peakAfter.set(0);
    }

    /** Folds the heap in use now into the peak. */
    void sample() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakBefore.accumulateAndGet(used, Math::max);
    }

    /** Ends the measurement with a forced collection, whose "before" closes the peak. */
    Peak end() {
        sample();
        collectAndWait();
        return new Peak(peakBefore.get(), peakAfter.get(), Math.max(0, lastAfter.get() - startAfter));
    }

    private void collectAndWait() {
        long seen = collections.get();
        System.gc();
        long deadline = System.currentTimeMillis() + GC_WAIT_MILLIS;
        while (collections.get() == seen && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void onNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        peakBefore.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        long after = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
        peakAfter.accumulateAndGet(after, Math::max);
        lastAfter.set(after);
        collections.incrementAndGet();
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
