package dev.outpost.bench;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs benchmark suites and writes {@code benchmark-report.md} and {@code benchmark-report.json}:
 * <pre>
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests
 * java -Xmx256m -jar benchmarks/target/benchmarks.jar model
 * </pre>
 * Options: {@code --warmup N} (default 10), {@code --iterations N} (default 10),
 * {@code --corpus DIR} (default {@code ../shared/corpus} beside the project),
 * {@code --document FILE} (default {@code msgraph-v1.0.xml}),
 * {@code --out DIR} (default the directory of the jar, {@code benchmarks/target}).
 */
public final class Benchmarks {

    /** Every suite, by name. New suites (writes, queries, download, upload, generation) are added here. */
    static final Map<String, Suite> SUITES = suites(new ModelSuite(), new StoreSuite(), new SyncSuite(),
            new GenerationSuite(false), new GenerationSuite(true));

    /** The command line, parsed. */
    record Arguments(List<String> suites, BenchmarkRunner.Settings settings, Path corpus, String document, Path out) {
    }

    private Benchmarks() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(usage());
            return;
        }
        try {
            run(parse(args), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("benchmarks: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("benchmarks: failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Runs the suites and writes both reports; returns the report. */
    static BenchmarkReport run(Arguments a, PrintStream log) throws Exception {
        RunContext context = new RunContext(a.corpus(), a.document());
        if (!Files.isRegularFile(context.documentPath())) {
            throw new IllegalArgumentException("document " + context.documentPath() + " not found; pass --corpus DIR"
                    + " (the shared corpus directory) or --document FILE");
        }
        List<Benchmark> benchmarks = new ArrayList<>();
        for (String name : a.suites()) {
            benchmarks.addAll(SUITES.get(name).benchmarks(context));
        }
        Instant started = Instant.now();
        log.println("Running " + benchmarks.size() + " benchmarks (" + a.settings().warmups() + " warm-up, "
                + a.settings().iterations() + " measured iterations each) ...");
        List<BenchmarkResult> results = new BenchmarkRunner(a.settings()).run(benchmarks);
        BenchmarkReport report = new BenchmarkReport(started, Machine.current(), a.settings(), results);
        Files.createDirectories(a.out());
        Path md = a.out().resolve("benchmark-report.md");
        Files.writeString(md, report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(a.out().resolve("benchmark-report.json"), report.json(), StandardCharsets.UTF_8);
        log.print(report.markdown());
        log.println();
        log.println("Written " + md + " and benchmark-report.json");
        return report;
    }

    static Arguments parse(String[] args) {
        List<String> suites = new ArrayList<>();
        int warmups = 10;
        int iterations = 10;
        Path corpus = null;
        String document = "msgraph-v1.0.xml";
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--warmup" -> warmups = number(arg, value(args, ++i, arg));
                case "--iterations" -> iterations = number(arg, value(args, ++i, arg));
                case "--corpus" -> corpus = Path.of(value(args, ++i, arg));
                case "--document" -> document = value(args, ++i, arg);
                case "--out" -> out = Path.of(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-") || !SUITES.containsKey(arg)) {
                        throw new IllegalArgumentException("unknown suite or option '" + arg + "'");
                    }
                    suites.add(arg);
                }
            }
        }
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("name at least one suite");
        }
        return new Arguments(List.copyOf(suites), new BenchmarkRunner.Settings(warmups, iterations),
                corpus != null ? corpus : defaultCorpus(), document, out != null ? out : defaultOut());
    }

    static String usage() {
        StringBuilder s = new StringBuilder("usage: java -Xmx256m -jar benchmarks/target/benchmarks.jar SUITE..."
                + " [--warmup N] [--iterations N] [--corpus DIR] [--document FILE] [--out DIR]\nsuites:");
        SUITES.values().forEach(suite -> s.append("\n  ").append(suite.name()).append("  ").append(suite.description()));
        return s.toString();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + value + "'");
        }
    }

    /** {@code -Doutpost.shared.dir}, else {@code ../shared} beside the project that holds the jar, else beside the working directory. */
    static Path defaultCorpus() {
        String shared = System.getProperty("outpost.shared.dir");
        if (shared != null) {
            return Path.of(shared, "corpus");
        }
        Path projectDir = codeLocation().getParent().getParent(); // benchmarks/target -> project
        Path besideProject = projectDir.resolveSibling("shared").resolve("corpus");
        return Files.isDirectory(besideProject) ? besideProject : Path.of("..", "shared", "corpus");
    }

    /** The directory of the jar (or of the classes directory): {@code benchmarks/target}. */
    static Path defaultOut() {
        return codeLocation();
    }

    private static Path codeLocation() {
        try {
            Path code = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmarks jar", e);
        }
    }

    private static Map<String, Suite> suites(Suite... suites) {
        Map<String, Suite> map = new LinkedHashMap<>();
        for (Suite s : suites) {
            map.put(s.name(), s);
        }
        return Map.copyOf(map);
    }
}
