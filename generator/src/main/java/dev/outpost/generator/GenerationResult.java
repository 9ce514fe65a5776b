package dev.outpost.generator;

import dev.outpost.generator.output.GeneratedFile;
import dev.outpost.generator.schema.SchemaChange;
import dev.outpost.generator.validation.ValidationResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of the {@link Generator} did: per service its validation findings, the files it
 * generated and what happened to its schema history; and, when it generated nothing, why.
 *
 * @param services one result per requested service, in request order
 * @param refusals why nothing was written, one message per reason (findings at or above the failure
 *     threshold, a non-additive schema change); empty when the run wrote its files
 */
public record GenerationResult(List<ServiceResult> services, List<String> refusals) {

    /**
     * The outcome for one service.
     *
     * @param name the service name (given, or derived from the entity container)
     * @param basePackage the Java package of the service's entity container
     * @param source the {@code $metadata} document as named by its source
     * @param validation the validator's findings
     * @param files the generated files (Java sources, the packaged document and schema history);
     *     empty when the run was refused
     * @param schema what happened to the schema history, when the request names a schema
     *     directory and the service has an entity container
     */
    public record ServiceResult(String name, String basePackage, String source, ValidationResult validation,
                                List<GeneratedFile> files, Optional<SchemaChange> schema) {

        public ServiceResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(basePackage, "basePackage");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(validation, "validation");
            files = List.copyOf(files);
            Objects.requireNonNull(schema, "schema");
        }
    }

    public GenerationResult {
        services = List.copyOf(services);
        refusals = List.copyOf(refusals);
    }

    /** Whether the run was refused and wrote nothing, for any service. */
    public boolean refused() {
        return !refusals.isEmpty();
    }

    /** Every generated file of every service, in request order. */
    public List<GeneratedFile> files() {
        List<GeneratedFile> all = new ArrayList<>();
        services.forEach(s -> all.addAll(s.files()));
        return all;
    }
}
