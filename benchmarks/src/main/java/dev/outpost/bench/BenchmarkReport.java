package dev.outpost.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A run's results as Markdown (for people) and JSON (for tools), with the machine recorded.
 *
 * @param started when the run started
 * @param took the whole run's wall time, set-ups and warm-ups included
 * @param machine the machine and JVM
 * @param suites the suites that ran, in order
 * @param settings warm-ups and iterations
 * @param results one result per benchmark, in run order
 */
public record BenchmarkReport(Instant started, Duration took, Machine machine, List<String> suites,
                              BenchmarkRunner.Settings settings, List<BenchmarkResult> results) {

    /** How ratios and throughput read, for readers of the report. */
    static final String RATIO_METHOD = "Ratio: the median, over the measured iterations, of the operation's time divided"
            + " by the raw baseline's time in the same turn (each pair ran back to back in this run, so load that comes"
            + " and goes slows both alike); 1.00 = as fast as raw, the share of raw throughput is 1/Ratio. Items/s:"
            + " items (creates, lookups, entities) per second at each side's median.";

    /** How peak heap is measured, for readers of the report. */
    static final String HEAP_METHOD = "Operation and baseline run in turns, iteration by iteration (A B, B A, ...), so"
            + " that outside load on the machine slows both. Peak heap: the largest heap use seen before a garbage"
            + " collection during an operation's iterations, or right after one of them (GC notifications, each counted"
            + " for the side that was running), i.e. everything allocated, garbage included (some of it the other"
            + " side's), so it depends on how much the collector lets the heap fill. Live peak: the largest heap use"
            + " right after a collection, an upper bound of the most memory reachable at once (garbage that young"
            + " collections promoted still counts). Retained: what the operation's last result holds, measured across"
            + " full collections forced before the first and after the last iteration.";

    public BenchmarkReport {
        suites = List.copyOf(suites);
        results = List.copyOf(results);
    }

    /** The report as Markdown. */
    public String markdown() {
        StringBuilder md = new StringBuilder("# Outpost benchmarks\n\n");
        md.append("Suites: ").append(String.join(", ", suites)).append(". Run started ").append(started)
                .append(" and took ").append(took.toSeconds()).append(" s; ").append(settings.warmups())
                .append(" warm-up and ").append(settings.iterations()).append(" measured iterations per operation")
                .append(" (a benchmark may ask for more or fewer of each; the samples are in the JSON).\n\n");
        md.append("Machine: ").append(machine.cores()).append(" cores; ").append(machine.jvm()).append("; ")
                .append(machine.os()).append("; max heap ").append(mib(machine.maxHeapBytes()))
                .append("; GC ").append(String.join(", ", machine.collectors()))
                .append("; JVM arguments: ").append(machine.jvmArguments().isEmpty() ? "none"
                        : "`" + String.join(" ", machine.jvmArguments()) + "`")
                .append("; load average ").append(load(machine.loadBefore())).append(" at the start, ")
                .append(load(machine.loadAfter())).append(" at the end.\n\n");
        md.append("| Benchmark | Median | Min | Max | Baseline median | Ratio | Items/s | Raw items/s | Peak heap | Live peak | Retained |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchmarkResult r : results) {
            Stats s = r.measured().stats();
            md.append("| ").append(r.name())
                    .append(" | ").append(millis(s.median()))
                    .append(" | ").append(millis(s.min()))
                    .append(" | ").append(millis(s.max()))
                    .append(" | ").append(r.baseline() == null ? "-" : millis(r.baseline().stats().median()))
                    .append(" | ").append(r.baseline() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio()))
                    .append(" | ").append(rate(r.throughput()))
                    .append(" | ").append(rate(r.baselineThroughput()))
                    .append(" | ").append(mib(r.measured().heap().peakBytes()))
                    .append(" | ").append(mib(r.measured().heap().livePeakBytes()))
                    .append(" | ").append(mib(r.measured().heap().retainedBytes()))
                    .append(" |\n");
        }
        md.append('\n');
        for (BenchmarkResult r : results) {
            md.append("- **").append(r.name()).append("**: ").append(r.description());
            if (r.baseline() != null) {
                md.append(" Baseline: ").append(r.baselineDescription()).append(" (peak ")
                        .append(mib(r.baseline().heap().peakBytes())).append(", live peak ")
                        .append(mib(r.baseline().heap().livePeakBytes())).append(").");
            }
            md.append('\n');
        }
        md.append('\n').append(RATIO_METHOD).append("\n\n").append(HEAP_METHOD).append('\n');
        return md.toString();
    }

    /** A load average as the reports print it. */
    static String load(double load) {
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
    }

    private static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "-" : String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    /** The report as JSON; durations in milliseconds, memory in bytes. */
    public String json() {
        StringWriter out = new StringWriter();
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
            json.writeStartObject();
            json.writeStringField("started", started.toString());
            json.writeNumberField("tookSeconds", took.toSeconds());
            stringArray(json, "suites", suites);
            json.writeObjectFieldStart("machine");
            json.writeNumberField("cores", machine.cores());
            json.writeStringField("jvm", machine.jvm());
            json.writeStringField("os", machine.os());
            json.writeNumberField("maxHeapBytes", machine.maxHeapBytes());
            stringArray(json, "collectors", machine.collectors());
            stringArray(json, "jvmArguments", machine.jvmArguments());
            json.writeNumberField("loadBefore", machine.loadBefore());
            json.writeNumberField("loadAfter", machine.loadAfter());
            json.writeEndObject();
            json.writeNumberField("warmups", settings.warmups());
            json.writeNumberField("iterations", settings.iterations());
            json.writeStringField("heapMethod", HEAP_METHOD);
            json.writeArrayFieldStart("results");
            for (BenchmarkResult r : results) {
                json.writeStartObject();
                json.writeStringField("name", r.name());
                json.writeStringField("description", r.description());
                measurement(json, "measured", r.measured());
                if (r.baseline() != null) {
                    json.writeStringField("baselineDescription", r.baselineDescription());
                    measurement(json, "baseline", r.baseline());
                    json.writeNumberField("ratio", r.ratio());
                    if (r.items() > 0) {
                        json.writeNumberField("itemsPerSecond", r.throughput());
                        json.writeNumberField("baselineItemsPerSecond", r.baselineThroughput());
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.append('\n').toString();
    }

    private static void measurement(JsonGenerator json, String field, Measurement m) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("medianMillis", m.stats().median() / 1e6);
        json.writeNumberField("minMillis", m.stats().min() / 1e6);
        json.writeNumberField("maxMillis", m.stats().max() / 1e6);
        json.writeArrayFieldStart("samplesMillis");
        for (long n : m.stats().samples()) {
            json.writeNumber(n / 1e6);
        }
        json.writeEndArray();
        json.writeNumberField("peakHeapBytes", m.heap().peakBytes());
        json.writeNumberField("livePeakHeapBytes", m.heap().livePeakBytes());
        json.writeNumberField("retainedBytes", m.heap().retainedBytes());
        json.writeEndObject();
    }

    private static void stringArray(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    static String millis(double nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
