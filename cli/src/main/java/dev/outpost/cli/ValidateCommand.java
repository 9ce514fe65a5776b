package dev.outpost.cli;

import dev.outpost.generator.report.ReportFormat;
import dev.outpost.generator.report.Summary;
import dev.outpost.generator.validation.FailOn;
import dev.outpost.generator.validation.ValidationOptions;
import dev.outpost.generator.validation.ValidationResult;
import dev.outpost.generator.validation.Validator;
import dev.outpost.model.ServiceModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code outpost validate}: the offline-readiness validator (G5) on a file or a service URL. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = Outpost.Version.class,
        description = {
            "Checks a $metadata document for what does not work, or works differently, in the offline store,"
                    + " and reports each finding with its rule code, location and what to do.",
            "Rules OUT101..OUT127 are described in docs/validation-rules.md."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {ExitStatus.OK_HELP, ExitStatus.FINDINGS_HELP, ExitStatus.USAGE_HELP, ExitStatus.INTERNAL_HELP})
final class ValidateCommand implements Callable<Integer>, Outpost.Verbose {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "METADATA",
            description = "A $metadata XML file, or the http(s) URL of a service's $metadata.")
    private String input;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "Report format: text (default), json, sarif or markdown.")
    private ReportFormat format = ReportFormat.TEXT;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE (UTF-8) instead of standard output; the summary line still goes to"
                    + " standard output.")
    private Path output;

    @Option(names = "--severity", paramLabel = "CODE=LEVEL", split = ",", converter = OverrideConverter.class,
            description = "Override a rule's severity: error, warning, info or off (repeatable, or comma-separated),"
                    + " for example --severity OUT104=error.")
    private List<String> severities = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "LEVEL", converter = FailOnConverter.class,
            description = "Exit with status 1 when a finding is at or above LEVEL: error (default), warning, info or never.")
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
        ServiceModel model = ServiceModel.read(MetadataInput.source(spec, input, headers));
        ValidationResult result = Validator.validate(model, options.build());
        String report = format.render(result);
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            out.print(report);
        } else {
            write(report);
            out.print(Summary.line(result) + "; " + format.label() + " report written to " + output + "\n");
        }
        out.flush();
        return result.fails() ? ExitStatus.FINDINGS : ExitStatus.OK;
    }

    private void write(String report) {
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure("cannot write the report to " + output + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); check that the directory is writable", e);
        }
    }

    /** Parses {@code --format}. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses {@code --fail-on}. */
    static final class FailOnConverter implements CommandLine.ITypeConverter<FailOn> {
        @Override
        public FailOn convert(String value) {
            try {
                return FailOn.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Checks one {@code --severity CODE=LEVEL} while parsing, so that a bad one is a usage error. */
    static final class OverrideConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                ValidationOptions.builder().override(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
