package dev.outpost.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The harness works end to end on a small document with one iteration. The real benchmarks do
 * not run in the test build; see benchmarks/README.md for the command.
 */
class BenchmarksSmokeTest {

    @Test
    void modelSuiteRunsOnceAndWritesBothReports(@TempDir Path out) throws Exception {
        Benchmarks.Arguments args = new Benchmarks.Arguments(List.of("model"), new BenchmarkRunner.Settings(0, 1),
                Corpus.dir(), "trippin.xml", out);
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        BenchmarkReport report = Benchmarks.run(args, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(report.results()).extracting(BenchmarkResult::name).containsExactly("model.read", "model.read+validate");
        assertThat(report.results()).allSatisfy(r -> {
            assertThat(r.measured().stats().samples()).hasSize(1);
            assertThat(r.baseline()).isNotNull();
            assertThat(r.ratio()).isPositive();
            assertThat(r.measured().heap().peakBytes()).isPositive();
        });
        String md = Files.readString(out.resolve("benchmark-report.md"));
        assertThat(md).contains("| model.read | ").contains("| model.read+validate | ").contains("Machine: ")
                .contains(Runtime.getRuntime().availableProcessors() + " cores").contains(BenchmarkReport.HEAP_METHOD);
        JsonNode json = new ObjectMapper().readTree(out.resolve("benchmark-report.json").toFile());
        assertThat(json.at("/machine/cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(json.at("/results/0/measured/medianMillis").asDouble()).isPositive();
        assertThat(json.at("/results/1/ratio").asDouble()).isPositive();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("Written " + out.resolve("benchmark-report.md"));
    }

    @Test
    void generationBenchmarksRunOnTripPin() throws Exception {
        RunContext context = new RunContext(Corpus.dir(), "trippin.xml");
        List<BenchmarkResult> results = new BenchmarkRunner(new BenchmarkRunner.Settings(0, 1)).run(List.of(
                new GenerationSuite.Generate(context, "trippin.xml"),
                new GenerationSuite.GenerateAndCompile(context, "trippin.xml")));

        assertThat(results).extracting(BenchmarkResult::name).containsExactly("generate.trippin", "generate+compile.trippin");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.items()).isEqualTo(18);
            assertThat(r.baseline()).isNotNull();
            assertThat(r.measured().heap().peakBytes()).isPositive();
        });
        assertThat(Benchmarks.SUITES).containsKeys("generation", "generation+compile");
    }

    @Test
    void argumentsAreCheckedWithAClearMessage() {
        assertThatThrownBy(() -> Benchmarks.parse(new String[] {})).hasMessage("name at least one suite");
        assertThatThrownBy(() -> Benchmarks.parse(new String[] {"writes"})).hasMessage("unknown suite or option 'writes'");
        assertThatThrownBy(() -> Benchmarks.parse(new String[] {"model", "--iterations", "many"}))
                .hasMessage("--iterations needs a number, not 'many'");
        assertThatThrownBy(() -> Benchmarks.parse(new String[] {"model", "--iterations", "0"}))
                .hasMessageContaining("iterations 1 or more");
        Benchmarks.Arguments a = Benchmarks.parse(new String[] {"model", "--warmup", "1", "--iterations", "2",
                "--document", "trippin.xml"});
        assertThat(a.settings()).isEqualTo(new BenchmarkRunner.Settings(1, 2));
        assertThat(a.document()).isEqualTo("trippin.xml");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(new Stats(new long[] {5, 1, 3}).median()).isEqualTo(3.0);
        assertThat(new Stats(new long[] {4, 1, 3, 2}).median()).isEqualTo(2.5);
        assertThat(new Stats(new long[] {4, 1, 3, 2}).min()).isEqualTo(1);
        assertThat(new Stats(new long[] {4, 1, 3, 2}).max()).isEqualTo(4);
    }
}
