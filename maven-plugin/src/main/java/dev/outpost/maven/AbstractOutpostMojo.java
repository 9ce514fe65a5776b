package dev.outpost.maven;

import dev.outpost.generator.GenerationRequest;
import dev.outpost.generator.GenerationResult;
import dev.outpost.generator.report.Summary;
import dev.outpost.generator.validation.Diagnostic;
import dev.outpost.generator.validation.FailOn;
import dev.outpost.generator.validation.Severity;
import dev.outpost.generator.validation.ValidationOptions;
import dev.outpost.model.MetadataSource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters every goal shares, and the one thing every goal does with them: build one
 * immutable {@link GenerationRequest} (ARCHITECTURE invariant 9: parameters → one request → one
 * generator call → log).
 */
public abstract class AbstractOutpostMojo extends AbstractMojo {

    /** The services: each with {@code <metadata>} or {@code <url>}, {@code <packageName>} and optionally {@code <name>}. */
    @Parameter(required = true)
    protected List<Service> services = new ArrayList<>();

    /**
     * Severity overrides by rule code: {@code <OUT104>error</OUT104>}, {@code <OUT113>off</OUT113>}
     * (error, warning, info or off; rules in docs/validation-rules.md).
     */
    @Parameter
    protected Map<String, String> severities = new LinkedHashMap<>();

    /** The least severe finding that fails the build: error (default), warning, info or never. */
    @Parameter(property = "outpost.failOn", defaultValue = "error")
    protected String failOn;

    /** Where generated Java sources go; added to the compile source roots. */
    @Parameter(property = "outpost.sourceDirectory", defaultValue = "${project.build.directory}/generated-sources/outpost")
    protected File sourceDirectory;

    /** Where generated resources go (the packaged {@code $metadata} and schema history); added to the resources. */
    @Parameter(property = "outpost.resourceDirectory",
            defaultValue = "${project.build.directory}/generated-resources/outpost")
    protected File resourceDirectory;

    /** Each service's schema history (G6) is kept in {@code <schemaDirectory>/<service name>/}, in the source tree. */
    @Parameter(property = "outpost.schemaDirectory", defaultValue = "${project.basedir}/src/main/outpost")
    protected File schemaDirectory;

    /** Skips the goal. */
    @Parameter(property = "outpost.skip", defaultValue = "false")
    protected boolean skip;

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** Creates the Mojo; Maven injects the parameters. */
    protected AbstractOutpostMojo() {
    }

    /** The {@code $metadata} file of each service, fetching URLs once into the source tree. */
    protected List<Path> metadataFiles() throws MojoExecutionException {
        if (services == null || services.isEmpty()) {
            throw new MojoExecutionException("no <services> configured; add <services><service><metadata>...</metadata>"
                    + "<packageName>...</packageName></service></services> to the plugin's configuration");
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            files.add(ServiceSources.file(services.get(i), i, project.getBasedir().toPath(), schemaDirectory.toPath(), getLog()));
        }
        return files;
    }

    /** The one request of this goal. */
    protected GenerationRequest request(List<Path> files, boolean withOutput) throws MojoExecutionException {
        try {
            ValidationOptions.Builder validation = ValidationOptions.builder().failOn(FailOn.parse(failOn));
            new TreeMap<>(severities == null ? Map.<String, String>of() : severities)
                    .forEach((code, level) -> validation.override(code + "=" + level));
            GenerationRequest.Builder request = GenerationRequest.builder().validation(validation.build())
                    .schemaDirectory(schemaDirectory.toPath());
            for (int i = 0; i < services.size(); i++) {
                Service s = services.get(i);
                request.service(new GenerationRequest.Service(MetadataSource.file(files.get(i)), s.getPackageName(),
                        s.getName()));
            }
            if (withOutput) {
                request.outputDirectories(sourceDirectory.toPath(), resourceDirectory.toPath());
            }
            return request.build();
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("the Outpost plugin's configuration is not valid: " + e.getMessage(), e);
        }
    }

    /**
     * Logs every finding at its severity (infos only when asked for) and one summary line per service.
     *
     * @param infos whether infos are logged at info level (otherwise at debug level)
     */
    protected void log(GenerationResult result, boolean infos) {
        for (GenerationResult.ServiceResult s : result.services()) {
            for (Diagnostic d : s.validation().diagnostics()) {
                switch (d.severity()) {
                    case ERROR -> getLog().error(d.toString());
                    case WARNING -> getLog().warn(d.toString());
                    default -> {
                        if (infos) {
                            getLog().info(d.toString());
                        } else {
                            getLog().debug(d.toString());
                        }
                    }
                }
            }
            getLog().info("Outpost: " + s.name() + ": " + Summary.line(s.validation())
                    + (!infos && s.validation().count(Severity.INFO) > 0 ? " (infos with -X, or run outpost:validate)" : ""));
        }
    }

    /** The message of a refused run: every reason, one a line. */
    protected static String refusal(GenerationResult result) {
        return String.join("\n", result.refusals());
    }
}
