package dev.outpost.generator.java;

import dev.outpost.generator.naming.JavaNames;

import java.util.Objects;

/**
 * What the Java emitter needs besides the model.
 *
 * @param basePackage the package of the entity container's schema; other schemas go into
 *     sub-packages (see {@link dev.outpost.generator.naming.JavaNamingStrategy#packageName})
 * @param serviceName the stem of the service and metadata class names ({@code TripPin} gives
 *     {@code TripPinService} and {@code TripPinMetadata}), or null to use the container's name
 */
public record JavaOptions(String basePackage, String serviceName) {

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException if the base package is not a Java package name
     */
    public JavaOptions {
        Objects.requireNonNull(basePackage, "basePackage");
        for (String segment : basePackage.split("\\.", -1)) {
            if (!JavaNames.isIdentifier(segment)) {
                throw new IllegalArgumentException("'" + basePackage + "' is not a Java package name: '" + segment
                        + "' is not an identifier; use something like com.example.trippin");
            }
        }
        if (serviceName != null && serviceName.isBlank()) {
            throw new IllegalArgumentException("serviceName must not be blank; pass null to use the container's name");
        }
    }

    /** Options with a base package and the container's name as service name. */
    public static JavaOptions of(String basePackage) {
        return new JavaOptions(basePackage, null);
    }

    /** These options with another service name stem. */
    public JavaOptions withServiceName(String name) {
        return new JavaOptions(basePackage, name);
    }
}
