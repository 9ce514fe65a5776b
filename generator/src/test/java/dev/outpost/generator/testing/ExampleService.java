package dev.outpost.generator.testing;

import java.nio.file.Path;

/** The example back end's {@code $metadata}, the service most generator tests run against. */
public final class ExampleService {

    private ExampleService() {
    }

    /** {@code examples/field-service-backend/src/main/resources/field-service/metadata.xml}. */
    public static Path metadata() {
        return Path.of(System.getProperty("basedir", "."), "..", "examples", "field-service-backend", "src", "main",
                "resources", "field-service", "metadata.xml").normalize();
    }
}
