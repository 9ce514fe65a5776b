package dev.outpost.generator;

import dev.outpost.generator.java.JavaOptions;
import dev.outpost.generator.output.DirectoryOutputSink;
import dev.outpost.generator.output.OutputSink;
import dev.outpost.generator.validation.ValidationOptions;
import dev.outpost.model.MetadataSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one run of the {@link Generator} needs: the services, how to validate them, where the
 * generated files go, and where the schema history lives. Immutable; the Maven plugin and the
 * command line only build one of these and hand it to the generator (ARCHITECTURE invariant 9).
 *
 * <pre>{@code
 * GenerationRequest request = GenerationRequest.builder()
 *         .service(GenerationRequest.Service.of(MetadataSource.file(Path.of("metadata.xml")), "com.example.field")
 *                 .withName("FieldService"))
 *         .validation(ValidationOptions.builder().override("OUT104=error").build())
 *         .outputDirectories(Path.of("target/generated-sources/outpost"), Path.of("target/generated-resources/outpost"))
 *         .schemaDirectory(Path.of("src/main/outpost"))
 *         .build();
 * }</pre>
 */
public final class GenerationRequest {

    /**
     * One service to generate.
     *
     * @param metadata where its {@code $metadata} document comes from; read once per run
     * @param basePackage the Java package of the entity container's schema
     * @param name the service name: the stem of the service and metadata class names ({@code Field}
     *     gives {@code FieldService} and {@code FieldMetadata}, see {@link JavaOptions#serviceName()}) and
     *     the name of the service's schema history directory; null to derive it from the entity
     *     container's name, as {@link dev.outpost.generator.naming.JavaNamingStrategy#serviceStem} does
     */
    public record Service(MetadataSource metadata, String basePackage, String name) {

        /**
         * Checks the service.
         *
         * @throws IllegalArgumentException if the package is not a Java package name or the name is blank
         */
        public Service {
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(basePackage, "basePackage");
            new JavaOptions(basePackage, name); // checks both, with messages that say what to do
        }

        /** A service whose name comes from its entity container. */
        public static Service of(MetadataSource metadata, String basePackage) {
            return new Service(metadata, basePackage, null);
        }

        /** This service with another name. */
        public Service withName(String name) {
            return new Service(metadata, basePackage, name);
        }
    }

    private final List<Service> services;
    private final ValidationOptions validation;
    private final OutputSink sink;
    private final Path sourceDirectory;
    private final Path resourceDirectory;
    private final Path schemaDirectory;

    private GenerationRequest(Builder b) {
        this.services = List.copyOf(b.services);
        this.validation = b.validation;
        this.sink = b.sink;
        this.sourceDirectory = b.sourceDirectory;
        this.resourceDirectory = b.resourceDirectory;
        this.schemaDirectory = b.schemaDirectory;
    }

    /** Starts a request. */
    public static Builder builder() {
        return new Builder();
    }

    /** The services, in the order given. */
    public List<Service> services() {
        return services;
    }

    /** Severity overrides and the failure threshold, for every service. */
    public ValidationOptions validation() {
        return validation;
    }

    /**
     * Where generated files go: the sink given, or a {@link DirectoryOutputSink} over the output
     * directories; empty when the request names neither (enough to validate or verify migrations).
     */
    public Optional<OutputSink> sink() {
        if (sink != null) {
            return Optional.of(sink);
        }
        return sourceDirectory == null ? Optional.empty()
                : Optional.of(new DirectoryOutputSink(sourceDirectory, resourceDirectory));
    }

    /** The directory generated sources go to, when output directories were given. */
    public Optional<Path> sourceDirectory() {
        return Optional.ofNullable(sourceDirectory);
    }

    /** The directory generated resources go to, when output directories were given. */
    public Optional<Path> resourceDirectory() {
        return Optional.ofNullable(resourceDirectory);
    }

    /**
     * The directory holding each service's schema history ({@code <dir>/<service name>/}: JSON
     * snapshots and migrations, G6); empty to generate without schema evolution.
     */
    public Optional<Path> schemaDirectory() {
        return Optional.ofNullable(schemaDirectory);
    }

    @Override
    public String toString() {
        return "GenerationRequest" + services;
    }

    /** Builds a {@link GenerationRequest}. */
    public static final class Builder {
        private final List<Service> services = new ArrayList<>();
        private ValidationOptions validation = ValidationOptions.defaults();
        private OutputSink sink;
        private Path sourceDirectory;
        private Path resourceDirectory;
        private Path schemaDirectory;

        private Builder() {
        }

        /** Adds a service. */
        public Builder service(Service service) {
            services.add(Objects.requireNonNull(service, "service"));
            return this;
        }

        /** Adds a service whose name comes from its entity container. */
        public Builder service(MetadataSource metadata, String basePackage) {
            return service(Service.of(metadata, basePackage));
        }

        /** Validation options for every service (default: every rule at its default severity, fail on errors). */
        public Builder validation(ValidationOptions options) {
            this.validation = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Writes generated files to this sink (instead of output directories). */
        public Builder sink(OutputSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** Writes generated sources and resources below these directories (instead of a sink). */
        public Builder outputDirectories(Path sources, Path resources) {
            this.sourceDirectory = Objects.requireNonNull(sources, "sources");
            this.resourceDirectory = Objects.requireNonNull(resources, "resources");
            return this;
        }

        /** Keeps each service's schema history below this directory (G6), for example {@code src/main/outpost}. */
        public Builder schemaDirectory(Path directory) {
            this.schemaDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Builds the immutable request.
         *
         * @throws IllegalArgumentException if there is no service, if both a sink and output
         *     directories were given, or if two services share a base package or a name
         */
        public GenerationRequest build() {
            if (services.isEmpty()) {
                throw new IllegalArgumentException("a generation request needs at least one service");
            }
            if (sink != null && sourceDirectory != null) {
                throw new IllegalArgumentException("give either an output sink or output directories, not both");
            }
            Map<String, Service> packages = new HashMap<>();
            Map<String, Service> names = new HashMap<>();
            for (Service s : services) {
                Service clash = packages.putIfAbsent(s.basePackage(), s);
                if (clash != null) {
                    throw new IllegalArgumentException("the services " + clash.metadata().name() + " and "
                            + s.metadata().name() + " both use the package " + s.basePackage()
                            + "; give each service its own package");
                }
                if (s.name() != null) {
                    Service sameName = names.putIfAbsent(s.name().toLowerCase(Locale.ROOT), s);
                    if (sameName != null) {
                        throw new IllegalArgumentException("the services " + sameName.metadata().name() + " and "
                                + s.metadata().name() + " are both named '" + s.name()
                                + "' (names are compared ignoring case); give each service its own name");
                    }
                }
            }
            return new GenerationRequest(this);
        }
    }
}
