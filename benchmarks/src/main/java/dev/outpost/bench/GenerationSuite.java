package dev.outpost.bench;

import dev.outpost.generator.GenerationRequest;
import dev.outpost.generator.GenerationResult;
import dev.outpost.generator.Generator;
import dev.outpost.generator.output.GeneratedFile;
import dev.outpost.generator.output.InMemoryOutputSink;
import dev.outpost.generator.validation.FailOn;
import dev.outpost.generator.validation.ValidationOptions;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Generation (G3, issue 3 §5): the whole pipeline of {@code Generator.generate} — read, validate,
 * emit into memory — for Microsoft Graph ({@code msgraph-v1.0.xml}, the largest corpus document)
 * and TripPin, against reading the model alone (suite {@code generation}); and generation plus
 * compilation of the output with {@code javax.tools}, against compiling the same sources alone
 * (suite {@code generation+compile}). Two suites, because generation runs in the harness's
 * 256 MB heap while javac needs about 2 GB for Graph's 3,800 files.
 */
final class GenerationSuite implements Suite {

    private final boolean compile;

    /**
     * The suite.
     *
     * @param compile whether to generate and compile ({@code generation+compile}) rather than generate
     */
    GenerationSuite(boolean compile) {
        this.compile = compile;
    }

    /** Validation runs and reports, but never refuses: Microsoft Graph has keyless entity sets (OUT101 errors). */
    static final ValidationOptions REPORT_ONLY = ValidationOptions.builder().failOn(FailOn.NEVER).build();

    /** The documents the suite generates, whatever {@code --document} says. */
    static final List<String> DOCUMENTS = List.of("msgraph-v1.0.xml", "trippin.xml");

    @Override
    public String name() {
        return compile ? "generation+compile" : "generation";
    }

    @Override
    public String description() {
        return compile ? "generate msgraph-v1.0 and trippin, then compile the proxies in memory (run with -Xmx2g)"
                : "read, validate and generate proxies for msgraph-v1.0 and trippin";
    }

    @Override
    public List<Benchmark> benchmarks(RunContext context) {
        List<Benchmark> benchmarks = new ArrayList<>();
        for (String document : DOCUMENTS) {
            benchmarks.add(compile ? new GenerateAndCompile(context, document) : new Generate(context, document));
        }
        return benchmarks;
    }

    /** The short name of a document in benchmark names: {@code msgraph-v1.0}. */
    static String stem(String document) {
        return document.endsWith(".xml") ? document.substring(0, document.length() - 4) : document;
    }

    /** A document loaded once; generation goes through the same request the Maven plugin builds. */
    private abstract static class DocumentBenchmark implements Benchmark {
        final RunContext context;
        final String document;
        byte[] bytes;
        long files;

        DocumentBenchmark(RunContext context, String document) {
            this.context = context;
            this.document = document;
        }

        @Override
        public void setUp() throws Exception {
            bytes = Files.readAllBytes(context.corpus().resolve(document));
            files = generate().size();
        }

        @Override
        public long items() {
            return files;
        }

        @Override
        public int minimumWarmups() {
            return 2;
        }

        List<GeneratedFile> generate() {
            InMemoryOutputSink sink = new InMemoryOutputSink();
            GenerationResult result = Generator.generate(GenerationRequest.builder()
                    .service(MetadataSource.bytes(document, bytes), "com.example.bench")
                    .validation(REPORT_ONLY)
                    .sink(sink).build());
            if (result.refused()) {
                throw new IllegalStateException(document + ": generation refused: " + result.refusals());
            }
            return sink.files();
        }

        String size() {
            return String.format(Locale.ROOT, "%.1f MB", bytes.length / 1e6);
        }
    }

    /** Read, validate and emit into memory. */
    static final class Generate extends DocumentBenchmark {
        Generate(RunContext context, String document) {
            super(context, document);
        }

        @Override
        public String name() {
            return "generate." + stem(document);
        }

        @Override
        public String description() {
            return "Generator.generate for " + document + " (" + size() + "): read, validate and emit " + files
                    + " files into memory; items are files.";
        }

        @Override
        public Object run() {
            return generate().size();
        }

        @Override
        public Optional<Baseline> baseline() {
            return Optional.of(new Baseline("reading the document into the ServiceModel alone (the first step of"
                    + " the pipeline)", () -> ServiceModel.read(MetadataSource.bytes(document, bytes))));
        }
    }

    /** Generate, then compile the sources in memory. */
    static final class GenerateAndCompile extends DocumentBenchmark {
        private List<GeneratedFile> generated;

        GenerateAndCompile(RunContext context, String document) {
            super(context, document);
        }

        @Override
        public void setUp() throws Exception {
            super.setUp();
            generated = generate();
        }

        @Override
        public void tearDown() {
            generated = null;
        }

        @Override
        public String name() {
            return "generate+compile." + stem(document);
        }

        @Override
        public String description() {
            return "Generator.generate for " + document + " (" + size() + "), then javac (javax.tools, in memory,"
                    + " --release 17) on the " + files + " files; items are files.";
        }

        @Override
        public Object run() {
            return InMemoryJavac.compile(generate());
        }

        @Override
        public Optional<Baseline> baseline() {
            return Optional.of(new Baseline("javac alone on the same sources, generated once in set-up (what any"
                    + " build of these classes costs)", () -> InMemoryJavac.compile(generated)));
        }
    }
}
