package dev.outpost.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code all}: every suite in a JVM of its own, with the suite's heap ({@link Suite#heap()}), so
 * that one suite's garbage, JIT state or heap limit does not colour the next one's figures; then
 * one Markdown and one JSON report of the whole run.
 */
final class AllSuites {

    private AllSuites() {
    }

    /** Runs each suite of {@code a} in a child JVM and writes the combined reports into {@code a.out()}. */
    static String run(Benchmarks.Arguments a, PrintStream log) throws IOException, InterruptedException {
        Instant started = Instant.now();
        Machine machine = Machine.current();
        Path suitesDir = Files.createTempDirectory("outpost-benchmarks");
        List<String> sections = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode json = mapper.createObjectNode();
        ArrayNode suites = mapper.createArrayNode();
        for (String name : a.suites()) {
            Suite suite = Benchmarks.SUITES.get(name);
            Path dir = suitesDir.resolve(name);
            Files.createDirectories(dir);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + suite.heap(), "-cp", System.getProperty("java.class.path"), Benchmarks.class.getName(), name,
                    "--warmup", String.valueOf(a.settings().warmups()), "--iterations", String.valueOf(a.settings().iterations()),
                    "--corpus", a.corpus().toString(), "--document", a.document(), "--out", dir.toString()));
            log.println("== suite " + name + " (-Xmx" + suite.heap() + ") ==");
            Instant suiteStart = Instant.now();
            Process child = new ProcessBuilder(command).inheritIO().start();
            int exit = child.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("suite " + name + " failed with exit code " + exit
                        + "; its output is above; rerun it alone: java -Xmx" + suite.heap()
                        + " -jar benchmarks/target/benchmarks.jar " + name);
            }
            String md = Files.readString(dir.resolve("benchmark-report.md"), StandardCharsets.UTF_8);
            sections.add("## `" + name + "` (-Xmx" + suite.heap() + ", " + Duration.between(suiteStart, Instant.now()).toSeconds()
                    + " s)\n\n" + suite.description() + ".\n\n" + body(md));
            suites.add(mapper.readTree(dir.resolve("benchmark-report.json").toFile()));
        }
        Duration took = Duration.between(started, Instant.now());
        StringBuilder md = new StringBuilder("# Outpost benchmarks: every suite\n\n");
        md.append("Written by `java -jar benchmarks/target/benchmarks.jar all");
        if (a.settings().warmups() != 10 || a.settings().iterations() != 10) {
            md.append(" --warmup ").append(a.settings().warmups()).append(" --iterations ").append(a.settings().iterations());
        }
        md.append("` (each suite in its own JVM with the heap named in its heading). Run started ").append(started)
                .append(" and took ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s.\n\n");
        md.append("Machine: ").append(machine.cores()).append(" cores; ").append(machine.jvm()).append("; ")
                .append(machine.os()).append("; load average ").append(BenchmarkReport.load(machine.loadBefore())).append(" at the start, ")
                .append(BenchmarkReport.load(Machine.loadAverage())).append(" at the end. A load well above the core count means other"
                        + " work shared the machine: medians are then slower than the code, ratios less so, since each"
                        + " operation and its baseline run side by side.\n\n");
        for (String section : sections) {
            md.append(section).append('\n');
        }
        md.append("## How to read this\n\n").append(BenchmarkReport.RATIO_METHOD).append("\n\n")
                .append(BenchmarkReport.HEAP_METHOD).append('\n');
        json.put("started", started.toString());
        json.put("tookSeconds", took.toSeconds());
        json.put("cores", machine.cores());
        json.put("loadBefore", machine.loadBefore());
        json.put("loadAfter", Machine.loadAverage());
        json.set("suites", suites);
        Bench.delete(suitesDir);
        Files.writeString(a.out().resolve("benchmark-report.md"), md, StandardCharsets.UTF_8);
        Files.writeString(a.out().resolve("benchmark-report.json"), mapper.writeValueAsString(json) + "\n",
                StandardCharsets.UTF_8);
        return md.toString();
    }

    /** A suite's report without its title and the method paragraphs the combined report gives once. */
    static String body(String md) {
        String body = md.startsWith("# ") ? md.substring(md.indexOf('\n') + 1) : md;
        return body.replace(BenchmarkReport.RATIO_METHOD + "\n\n", "").replace(BenchmarkReport.HEAP_METHOD + "\n", "").strip()
                + "\n";
    }
}
