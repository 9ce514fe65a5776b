package dev.outpost.maven;

import dev.outpost.OutpostException;
import dev.outpost.generator.GenerationRequest;
import dev.outpost.generator.GenerationResult;
import dev.outpost.generator.Generator;
import dev.outpost.generator.output.GeneratedFile;
import dev.outpost.generator.schema.SchemaHistoryException;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Generates the typed Java proxies of every service (G3) and keeps each service's schema history
 * (G6), through one call of {@link Generator#generate}. Runs only when the digest of inputs,
 * configuration and generator version changed since the last successful run, and says so.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractOutpostMojo {

    /** Creates the Mojo; Maven injects the parameters. */
    public GenerateMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Outpost: generation skipped (outpost.skip)");
            return;
        }
        List<Path> files = metadataFiles();
        GenerationRequest request = request(files, true);
        Path digestFile = Path.of(project.getBuild().getDirectory(), "outpost", "generate.digest");
        String before = digest(files);
        if (before.equals(read(digestFile)) && sourceDirectory.isDirectory()) {
            getLog().info("Outpost: generated sources are up to date (input digest " + before.substring(0, 12)
                    + "), nothing to generate");
            addRoots();
            return;
        }
        GenerationResult result;
        try {
            result = Generator.generate(request);
        } catch (OutpostException | SchemaHistoryException | UncheckedIOException e) {
            throw new MojoExecutionException("Outpost: " + e.getMessage(), e);
        }
        log(result, false);
        if (result.refused()) {
            result.refusals().forEach(r -> getLog().error("Outpost: generation refused: " + r));
            throw new MojoFailureException("Outpost: generation refused: " + refusal(result));
        }
        removeStale(result.files());
        for (GenerationResult.ServiceResult s : result.services()) {
            s.schema().ifPresent(change -> getLog().info("Outpost: " + s.name() + ": " + change.describe()));
            getLog().info("Outpost: " + s.name() + ": generated " + s.files().size() + " files (" + s.basePackage() + ")");
        }
        write(digestFile, digest(files));
        addRoots();
    }

    /** The digest of everything that shapes the output; computed after generation it includes the new schema history. */
    private String digest(List<Path> files) {
        InputDigest digest = new InputDigest().text("failOn " + failOn)
                .text("severities " + new TreeMap<>(severities == null ? Map.of() : severities))
                .text("sources " + sourceDirectory).text("resources " + resourceDirectory)
                .text("schemas " + schemaDirectory);
        for (int i = 0; i < services.size(); i++) {
            Service s = services.get(i);
            digest.text("service " + s.getPackageName() + " " + s.getName()).file(files.get(i));
            digest.directory(schemaDirectory.toPath().resolve(s.getName() != null ? s.getName() : "(default)"));
        }
        return digest.hex();
    }

    private void addRoots() {
        project.addCompileSourceRoot(sourceDirectory.getAbsolutePath());
        String resources = resourceDirectory.getAbsolutePath();
        if (project.getResources().stream().noneMatch(r -> resources.equals(r.getDirectory()))) {
            Resource resource = new Resource();
            resource.setDirectory(resources);
            project.addResource(resource);
        }
    }

    /** Deletes files a previous run generated that this run did not (a type removed from the service). */
    private void removeStale(List<GeneratedFile> generated) throws MojoExecutionException {
        Set<Path> keep = new HashSet<>();
        for (GeneratedFile f : generated) {
            Path root = f.kind() == GeneratedFile.Kind.SOURCE ? sourceDirectory.toPath() : resourceDirectory.toPath();
            keep.add(root.resolve(f.path()).toAbsolutePath().normalize());
        }
        for (Path root : List.of(sourceDirectory.toPath(), resourceDirectory.toPath())) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    if (!keep.contains(p.toAbsolutePath().normalize())) {
                        Files.delete(p);
                        getLog().debug("Outpost: removed " + p + ", which this run no longer generates");
                    }
                }
            } catch (IOException e) {
                throw new MojoExecutionException("cannot clean up " + root + ": " + e.getMessage(), e);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void write(Path file, String digest) throws MojoExecutionException {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, digest + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
