package dev.outpost.generator.validation;

import dev.outpost.model.ServiceModel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a service model for what does not work, or works differently, offline (feature G5).
 * The rules are catalogued in {@link Rule}; a clean model yields no finding at all.
 *
 * <pre>{@code
 * ServiceModel model = ServiceModel.read(MetadataSource.file(Path.of("metadata.xml")));
 * ValidationResult result = Validator.validate(model, ValidationOptions.builder().override("OUT104=error").build());
 * if (result.fails()) { ... }
 * }</pre>
 */
public final class Validator {

    private static final List<Check> CHECKS = List.of(new KeyChecks(), new EntitySetChecks(), new NavigationChecks(),
            new BindingChecks(), new PropertyChecks(), new OperationChecks(), new NamingChecks());

    private Validator() {
    }

    /** Validates with every rule at its default severity, failing on errors. */
    public static ValidationResult validate(ServiceModel model) {
        return validate(model, ValidationOptions.defaults());
    }

    /** Validates with the given severity overrides and failure threshold. */
    public static ValidationResult validate(ServiceModel model, ValidationOptions options) {
        ValidationContext context = new ValidationContext(model);
        for (Check check : CHECKS) {
            check.run(context);
        }
        Set<ValidationContext.Finding> unique = new LinkedHashSet<>(context.findings());
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (ValidationContext.Finding f : unique) {
            Optional<Severity> severity = options.severity(f.rule());
            severity.ifPresent(s -> diagnostics.add(new Diagnostic(f.rule(), s, f.message(), f.location(), f.modelPath())));
        }
        diagnostics.sort(Diagnostic.ORDER);
        return new ValidationResult(model.source(), diagnostics, options);
    }
}
