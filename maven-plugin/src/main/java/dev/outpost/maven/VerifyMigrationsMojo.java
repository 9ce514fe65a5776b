package dev.outpost.maven;

import dev.outpost.OutpostException;
import dev.outpost.generator.Generator;
import dev.outpost.generator.schema.MigrationVerifier;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.util.ArrayList;
import java.util.List;

/**
 * Proves each service's schema history (G6): builds version 1, applies every checked-in
 * migration in order and compares the result with a fresh schema of the current
 * {@code $metadata}. A difference, a failing statement or a numbering gap fails the build.
 */
@Mojo(name = "verify-migrations", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMigrationsMojo extends AbstractOutpostMojo {

    /** Creates the Mojo; Maven injects the parameters. */
    public VerifyMigrationsMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Outpost: migration verification skipped (outpost.skip)");
            return;
        }
        List<MigrationVerifier.Verification> verifications;
        try {
            verifications = Generator.verifyMigrations(request(metadataFiles(), false));
        } catch (OutpostException e) {
            throw new MojoExecutionException("Outpost: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        for (MigrationVerifier.Verification v : verifications) {
            if (v.passed()) {
                getLog().info("Outpost: schema history in " + v.directory() + " verified: version 1 and "
                        + (v.versions() - 1) + " migration" + (v.versions() == 2 ? "" : "s")
                        + " give the schema of the current $metadata");
            } else {
                v.problems().forEach(p -> getLog().error("Outpost: " + v.directory() + ": " + p));
                problems.addAll(v.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException("Outpost: the schema history does not hold up:\n  - "
                    + String.join("\n  - ", problems));
        }
    }
}
