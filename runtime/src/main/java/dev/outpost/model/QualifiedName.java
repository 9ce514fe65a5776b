package dev.outpost.model;

import java.util.Objects;

/**
 * A namespace-qualified name of a model element, such as {@code Trippin.Person}.
 * Aliases are always resolved: the namespace is the full schema namespace.
 *
 * @param namespace the schema namespace, for example {@code Microsoft.OData.SampleService.Models.TripPin}
 * @param name the simple name within the namespace
 */
public record QualifiedName(String namespace, String name) implements Comparable<QualifiedName> {

    public QualifiedName {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Splits a dotted name at its last dot: {@code a.b.C} has namespace {@code a.b} and name {@code C}.
     *
     * @throws IllegalArgumentException if the text has no dot
     */
    public static QualifiedName parse(String dotted) {
        int dot = dotted.lastIndexOf('.');
        if (dot <= 0 || dot == dotted.length() - 1) {
            throw new IllegalArgumentException("'" + dotted + "' is not a qualified name (expected Namespace.Name)");
        }
        return new QualifiedName(dotted.substring(0, dot), dotted.substring(dot + 1));
    }

    @Override
    public int compareTo(QualifiedName other) {
        int c = namespace.compareTo(other.namespace);
        return c != 0 ? c : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return namespace + "." + name;
    }
}
