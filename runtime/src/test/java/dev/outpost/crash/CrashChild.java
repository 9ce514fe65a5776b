package dev.outpost.crash;

import dev.outpost.OfflineStore;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The process the {@link CrashHarness} kills. It opens the store, runs a scenario's steps one
 * after the other and reports each on stdout, one line each:
 * <pre>
 * READY                  the store is open
 * BEGIN n                step n starts
 * ACK n description      step n returned: its effects are committed
 * FAIL n stack-trace     step n threw; the child exits with status 3
 * DONE                   the last step allowed ran; the child exits with status 0
 * </pre>
 * Arguments: scenario class, store file, seed, first step, number of steps, then the scenario's
 * own arguments.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        CrashScenario scenario = (CrashScenario) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        Path file = Path.of(args[1]);
        long seed = Long.parseLong(args[2]);
        int first = Integer.parseInt(args[3]);
        int count = Integer.parseInt(args[4]);
        List<String> arguments = Arrays.asList(args).subList(5, args.length);
        try (OfflineStore store = OfflineStore.open(scenario.options(file, arguments))) {
            scenario.open(store, arguments);
            out.println("READY");
            for (int n = first; n < first + count; n++) {
                out.println("BEGIN " + n);
                String done;
                try {
                    done = scenario.step(store, CrashHarness.random(seed, n), n);
                } catch (Throwable t) {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    t.printStackTrace(new java.io.PrintWriter(trace));
                    out.println("FAIL " + n + " " + trace.toString().replace("\n", "\\n"));
                    System.exit(3);
                    return;
                }
                out.println("ACK " + n + " " + done.replace("\n", " "));
            }
        }
        out.println("DONE");
    }
}
