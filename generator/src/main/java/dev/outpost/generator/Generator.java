package dev.outpost.generator;

import dev.outpost.generator.java.JavaEmitter;
import dev.outpost.generator.java.JavaOptions;
import dev.outpost.generator.naming.JavaNamingStrategy;
import dev.outpost.generator.output.GeneratedFile;
import dev.outpost.generator.output.OutputSink;
import dev.outpost.generator.report.Summary;
import dev.outpost.generator.schema.MigrationVerifier;
import dev.outpost.generator.schema.SchemaChange;
import dev.outpost.generator.schema.SchemaEvolution;
import dev.outpost.generator.validation.ValidationResult;
import dev.outpost.generator.validation.Validator;
import dev.outpost.internal.schema.SchemaMapper;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The one entry point of the build-time pipeline (ARCHITECTURE invariant 8): for each service of a
 * {@link GenerationRequest}, read the {@code $metadata} into the model, validate it, and — only
 * when no service has a finding at or above the failure threshold and no schema change is
 * refused — emit the Java proxies, record the schema history (G6) and write every file through
 * one output sink. Same request, same files, byte for byte.
 *
 * <pre>{@code
 * GenerationResult result = Generator.generate(GenerationRequest.builder()
 *         .service(MetadataSource.file(Path.of("metadata.xml")), "com.example.field")
 *         .outputDirectories(sources, resources)
 *         .build());
 * if (result.refused()) { result.refusals().forEach(System.err::println); }
 * }</pre>
 *
 * The Maven plugin and the command line only build the request and report the result.
 */
public final class Generator {

    private static final String VERSION = readVersion();

    private Generator() {
    }

    /** This generator's version, part of the Maven plugin's up-to-date digest. */
    public static String version() {
        return VERSION;
    }

    /**
     * Reads, validates and generates every service of the request. Nothing is written, for any
     * service, when the result is refused.
     *
     * @throws dev.outpost.model.MetadataException if a document cannot be read (with its location)
     * @throws dev.outpost.generator.schema.SchemaHistoryException if a schema history directory is out of order
     * @throws dev.outpost.generator.java.JavaEmitterException if the emitter fails (a generator bug)
     * @throws IllegalArgumentException if the request names no output (a sink or directories)
     * @throws UncheckedIOException if a file cannot be written
     */
    public static GenerationResult generate(GenerationRequest request) {
        OutputSink sink = request.sink().orElseThrow(() -> new IllegalArgumentException(
                "the generation request names no output; give output directories or a sink"));
        List<Loaded> services = read(request);
        List<String> refusals = validationRefusals(services, request);
        if (!refusals.isEmpty()) {
            return new GenerationResult(results(services, List.of(), List.of()), refusals);
        }
        List<List<GeneratedFile>> files = new ArrayList<>();
        List<Optional<SchemaEvolution.Plan>> plans = new ArrayList<>();
        for (Loaded s : services) {
            files.add(new ArrayList<>(JavaEmitter.emit(s.model(), s.document(),
                    new JavaOptions(s.service().basePackage(), s.name()))));
            Optional<SchemaEvolution.Plan> plan = schemaDirectory(request, s)
                    .map(dir -> SchemaEvolution.plan(dir, SchemaMapper.map(s.model()), s.model().source()));
            plan.flatMap(SchemaEvolution.Plan::refusal).ifPresent(r -> refusals.add(s.name() + ": " + r));
            plans.add(plan);
        }
        if (!refusals.isEmpty()) {
            return new GenerationResult(results(services, List.of(), List.of()), refusals);
        }
        List<Optional<SchemaChange>> changes = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            Optional<SchemaEvolution.Plan> plan = plans.get(i);
            List<GeneratedFile> serviceFiles = files.get(i);
            plan.ifPresent(SchemaEvolution.Plan::write);
            plan.ifPresent(p -> serviceFiles.addAll(p.resources()));
            changes.add(plan.map(SchemaEvolution.Plan::change));
            serviceFiles.forEach(sink::write);
        }
        return new GenerationResult(results(services, files, changes), List.of());
    }

    /**
     * Reads and validates every service of the request; writes nothing.
     *
     * @return the findings per service; refused when a finding reaches the failure threshold
     * @throws dev.outpost.model.MetadataException if a document cannot be read (with its location)
     */
    public static GenerationResult validate(GenerationRequest request) {
        List<Loaded> services = read(request);
        return new GenerationResult(results(services, List.of(), List.of()), validationRefusals(services, request));
    }

    /**
     * Verifies every service's schema history against its current {@code $metadata} (G6): version
     * 1 plus every migration must equal a fresh schema of the current version.
     *
     * @return one verification per service that has an entity container
     * @throws IllegalArgumentException if the request names no schema directory
     * @throws dev.outpost.model.MetadataException if a document cannot be read (with its location)
     */
    public static List<MigrationVerifier.Verification> verifyMigrations(GenerationRequest request) {
        if (request.schemaDirectory().isEmpty()) {
            throw new IllegalArgumentException("verifying migrations needs the schema directory of the request");
        }
        List<MigrationVerifier.Verification> verifications = new ArrayList<>();
        for (Loaded s : read(request)) {
            schemaDirectory(request, s).ifPresent(dir ->
                    verifications.add(MigrationVerifier.verify(dir, SchemaMapper.map(s.model()))));
        }
        return verifications;
    }

    /** A service read into its model. */
    private record Loaded(GenerationRequest.Service service, String name, byte[] document, ServiceModel model,
                          ValidationResult validation) {
    }

    private static List<Loaded> read(GenerationRequest request) {
        JavaNamingStrategy naming = new JavaNamingStrategy();
        List<Loaded> loaded = new ArrayList<>();
        for (GenerationRequest.Service s : request.services()) {
            byte[] document = s.metadata().load();
            ServiceModel model = ServiceModel.read(MetadataSource.bytes(s.metadata().name(), document));
            String name = s.name() != null ? s.name() : naming.serviceStem(null, model);
            loaded.add(new Loaded(s, name, document, model, Validator.validate(model, request.validation())));
        }
        return loaded;
    }

    private static List<String> validationRefusals(List<Loaded> services, GenerationRequest request) {
        List<String> refusals = new ArrayList<>();
        for (Loaded s : services) {
            if (s.validation().fails()) {
                refusals.add(s.name() + ": " + Summary.line(s.validation()) + "; nothing was generated. Fix the"
                        + " findings above, or change their severity or the failure threshold ("
                        + request.validation().failOn().label() + ") if they are acceptable offline.");
            }
        }
        return refusals;
    }

    /** The history directory of a service: {@code <schema directory>/<service name>}, for services with a container. */
    private static Optional<Path> schemaDirectory(GenerationRequest request, Loaded s) {
        if (s.model().container().isEmpty()) {
            return Optional.empty();
        }
        return request.schemaDirectory().map(dir -> dir.resolve(s.name()));
    }

    private static List<GenerationResult.ServiceResult> results(List<Loaded> services, List<List<GeneratedFile>> files,
                                                                List<Optional<SchemaChange>> changes) {
        List<GenerationResult.ServiceResult> results = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            Loaded s = services.get(i);
            results.add(new GenerationResult.ServiceResult(s.name(), s.service().basePackage(), s.model().source(),
                    s.validation(), files.isEmpty() ? List.of() : files.get(i),
                    changes.isEmpty() ? Optional.empty() : changes.get(i)));
        }
        return results;
    }

    private static String readVersion() {
        Properties p = new Properties();
        try (InputStream in = Generator.class.getResourceAsStream("generator.properties")) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the generator's version: " + e.getMessage(), e);
        }
        return Objects.requireNonNullElse(p.getProperty("version"), "unknown");
    }
}
