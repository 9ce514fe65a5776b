package dev.outpost.model;

/**
 * One part of an entity key.
 *
 * @param path the key property's path; a simple name, or a path into a complex property
 * @param alias the alias a path key is known by in URLs, or null
 */
public record PropertyRef(String path, String alias) {

    /** The name the key part has in URLs and payloads: the alias when given, else the path. */
    public String keyName() {
        return alias != null ? alias : path;
    }
}
