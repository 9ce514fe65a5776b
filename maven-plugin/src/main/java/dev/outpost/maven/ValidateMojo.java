package dev.outpost.maven;

import dev.outpost.OutpostException;
import dev.outpost.generator.GenerationResult;
import dev.outpost.generator.Generator;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks every service's {@code $metadata} for offline use (G5) and logs every finding, infos
 * included; fails the build when a finding reaches the failure threshold. Writes nothing.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractOutpostMojo {

    /** Creates the Mojo; Maven injects the parameters. */
    public ValidateMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Outpost: validation skipped (outpost.skip)");
            return;
        }
        GenerationResult result;
        try {
            result = Generator.validate(request(metadataFiles(), false));
        } catch (OutpostException e) {
            throw new MojoExecutionException("Outpost: " + e.getMessage(), e);
        }
        log(result, true);
        if (result.refused()) {
            throw new MojoFailureException("Outpost: validation failed: " + refusal(result));
        }
    }
}
