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
 */
public record Machine(int cores, String jvm, String os, long maxHeapBytes, List<String> collectors,
                      List<String> jvmArguments) {

    /** This machine. */
    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vm.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory(),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                List.copyOf(ManagementFactory.getRuntimeMXBean().getInputArguments()));
    }
}
