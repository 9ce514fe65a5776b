package dev.outpost.cli;

import dev.outpost.model.MetadataSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/** The {@code METADATA} argument of the commands that read a document: a file path or an http(s) URL. */
final class MetadataInput {

    private MetadataInput() {
    }

    /**
     * The source the argument names.
     *
     * @param headers request headers for a URL (never printed)
     * @throws CommandLine.ParameterException if the argument is neither a URL nor a path
     */
    static MetadataSource source(CommandSpec spec, String input, Map<String, String> headers) {
        if (input.startsWith("http://") || input.startsWith("https://")) {
            try {
                return MetadataSource.url(new URI(input), headers);
            } catch (URISyntaxException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "'" + input + "' is not a valid URL: " + e.getReason());
            }
        }
        try {
            return MetadataSource.file(Path.of(input));
        } catch (InvalidPathException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "'" + input + "' is neither a file path nor an http(s) URL: " + e.getReason());
        }
    }
}
