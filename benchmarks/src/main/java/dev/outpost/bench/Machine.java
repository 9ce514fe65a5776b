package dev.outpost.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The machine and JVM a run measured, recorded with every report.
 *
 * @param cores available processors
 * @param jvm JVM name and version
 * @param os operating system name, version and architecture
 * @param maxHeapBytes the JVM's maximum heap ({@code -Xmx})
 * @param collectors garbage collector names
 * @param jvmArguments the JVM's input arguments
 * @param loadBefore the system load average (last minute) when the run started; negative where unknown
 * @param loadAfter the system load average when the run ended; negative where unknown. A load well
 *     above the core count means other work shared the machine and the medians are slower than the
 *     code; ratios suffer less because operation and baseline run side by side.
 */
public record Machine(int cores, String jvm, String os, long maxHeapBytes, List<String> collectors,
                      List<String> jvmArguments, double loadBefore, double loadAfter) {

    /** This machine, now. */
    public static Machine current() {
        double load = loadAverage();
        return new Machine(Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vm.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory(),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                List.copyOf(ManagementFactory.getRuntimeMXBean().getInputArguments()), load, load);
    }

    /** The same machine with the load average measured at the end of the run. */
    public Machine withLoadAfter(double load) {
        return new Machine(cores, jvm, os, maxHeapBytes, collectors, jvmArguments, loadBefore, load);
    }

    /** The system load average of the last minute, or a negative number where the OS does not tell. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
