package dev.outpost.examples.app;

import dev.outpost.Resolution;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a demo run did and whether every check held.
 *
 * @param seededWorkOrders work orders the back end started with
 * @param downloadedEntities entities device A's first download received (expanded ones not counted)
 * @param queuedOffline requests in device A's queue when it went back online
 * @param undone requests the undo took back
 * @param uploaded requests the back end applied from device A's first upload
 * @param offlineReadLinks readLinks taken offline, each with the readLink it resolves to after upload
 * @param conflicts conflicts device A's second upload met
 * @param resolution how the conflict was resolved
 * @param finalTitle the contested work order's title on the server at the end
 * @param serverCounts entities (and part links) on the server at the end, by entity set
 * @param deviceCounts entities device A holds at the end, by entity set
 * @param durations how long each step took, in order
 * @param total the whole run
 * @param checks what the demo verified
 */
public record DemoSummary(long seededWorkOrders, long downloadedEntities, long queuedOffline, long undone, long uploaded,
                          Map<String, String> offlineReadLinks, long conflicts, Resolution resolution, String finalTitle,
                          Map<String, Long> serverCounts, Map<String, Long> deviceCounts,
                          Map<String, Duration> durations, Duration total, List<Check> checks) {

    /** One verified statement. */
    public record Check(String statement, boolean passed, String detail) {
    }

    public DemoSummary {
        offlineReadLinks = ordered(offlineReadLinks);
        serverCounts = ordered(serverCounts);
        deviceCounts = ordered(deviceCounts);
        durations = ordered(durations);
        checks = List.copyOf(checks);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Whether every check held. */
    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    /** The checks that did not hold. */
    public List<Check> failedChecks() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
