package dev.outpost.cli;

import dev.outpost.generator.GenerationRequest;
import dev.outpost.generator.GenerationResult;
import dev.outpost.generator.Generator;
import dev.outpost.generator.report.Summary;
import dev.outpost.generator.validation.Diagnostic;
import dev.outpost.generator.validation.FailOn;
import dev.outpost.generator.validation.Severity;
import dev.outpost.generator.validation.ValidationOptions;
import dev.outpost.generator.validation.ValidationResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code outpost generate}: the typed Java proxies of a service (G3, G8), through the same
 * {@link Generator} the Maven plugin calls. The command only builds the request and reports.
 */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = Outpost.Version.class,
        description = {
            "Generates typed Java proxies for a $metadata document: entity, complex and enum classes, a service"
                    + " class with typed queries and changes on the offline store, and a metadata class.",
            "The document is validated first (as 'outpost validate' does); findings at or above the --fail-on"
                    + " level refuse generation and nothing is written."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {ExitStatus.OK_HELP, ExitStatus.FINDINGS_HELP, ExitStatus.USAGE_HELP, ExitStatus.INTERNAL_HELP})
final class GenerateCommand implements Callable<Integer>, Outpost.Verbose {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "METADATA",
            description = "A $metadata XML file, or the http(s) URL of a service's $metadata.")
    private String input;

    @Option(names = {"-p", "--package"}, required = true, paramLabel = "PACKAGE",
            description = "The Java package of the generated classes, for example com.example.field. Schemas other"
                    + " than the entity container's go into sub-packages.")
    private String basePackage;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where to write: sources below DIR/java, resources (the packaged $metadata and schema"
                    + " history) below DIR/resources; '--out src/main' writes into a Maven project's source folders."
                    + " Unchanged files are left alone.")
    private Path out;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The service name: NAME gives NAMEService and NAMEMetadata (default: from the entity"
                    + " container's name).")
    private String name;

    @Option(names = "--schemas", paramLabel = "DIR",
            description = "Keep the local store's schema history in DIR/NAME (a JSON snapshot per version and the"
                    + " migration SQL between versions), for example src/main/outpost. A non-additive change is refused.")
    private Path schemas;

    @Option(names = "--severity", paramLabel = "CODE=LEVEL", split = ",", converter = ValidateCommand.OverrideConverter.class,
            description = "Override a rule's severity: error, warning, info or off (repeatable, or comma-separated),"
                    + " for example --severity OUT104=error.")
    private List<String> severities = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "LEVEL", converter = ValidateCommand.FailOnConverter.class,
            description = "Refuse to generate when a finding is at or above LEVEL: error (default), warning, info or never.")
    private FailOn failOn = FailOn.ERROR;

    @Option(names = "--header", paramLabel = "NAME=VALUE",
            description = "A request header for a URL input, for example --header 'Authorization=Bearer ...'"
                    + " (repeatable). Header values are never printed.")
    private Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
    private boolean verbose;

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public Integer call() {
        ValidationOptions.Builder options = ValidationOptions.builder().failOn(failOn);
        severities.forEach(options::override);
        GenerationRequest.Builder request;
        try {
            request = GenerationRequest.builder()
                    .service(new GenerationRequest.Service(MetadataInput.source(spec, input, headers), basePackage, name))
                    .validation(options.build())
                    .outputDirectories(out.resolve("java"), out.resolve("resources"));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (schemas != null) {
            request.schemaDirectory(schemas);
        }
        GenerationResult result = Generator.generate(request.build());
        PrintWriter stdout = spec.commandLine().getOut();
        GenerationResult.ServiceResult service = result.services().get(0);
        ValidationResult validation = service.validation();
        if (result.refused()) {
            for (Diagnostic d : validation.diagnostics()) {
                if (failOn.fails(d.severity())) {
                    stdout.println(d);
                }
            }
            result.refusals().forEach(r -> stdout.println("generation refused: " + r));
            stdout.flush();
            return ExitStatus.FINDINGS;
        }
        for (Diagnostic d : validation.diagnostics()) {
            if (d.severity().isAtLeast(Severity.WARNING)) {
                stdout.println(d);
            }
        }
        service.schema().ifPresent(s -> stdout.println(s.describe()));
        stdout.println("generated " + service.files().size() + " files for " + service.name() + " ("
                + service.basePackage() + ") below " + out + "; " + Summary.counts(validation)
                + (validation.count(Severity.INFO) > 0 ? " (see 'outpost validate' for the infos)" : ""));
        stdout.flush();
        return ExitStatus.OK;
    }
}
