package dev.outpost.internal.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The local SQLite schema of one service: entity tables, link tables and relationships. Its JSON
 * form is the readable schema snapshot kept per version; its identity hash tells the store on
 * open whether the file matches the service model it is opened with.
 *
 * @param formatVersion the snapshot format version
 * @param service the service identity (the entity container's qualified name)
 * @param tables the entity tables
 * @param linkTables the link tables
 * @param relationships how each navigation is stored
 */
public record StoreSchema(int formatVersion, String service, List<EntityTable> tables, List<LinkTable> linkTables,
                          List<Relationship> relationships) {

    /** The current snapshot format. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    public StoreSchema {
        tables = List.copyOf(tables);
        linkTables = List.copyOf(linkTables);
        relationships = List.copyOf(relationships);
    }

    /** The table of an entity set or singleton. */
    public Optional<EntityTable> table(String entitySet) {
        return tables.stream().filter(t -> t.entitySet().equals(entitySet)).findFirst();
    }

    /** How a navigation of an entity set is stored. */
    public Optional<Relationship> relationship(String entitySet, String navigation) {
        return relationships.stream().filter(r -> r.entitySet().equals(entitySet) && r.navigation().equals(navigation))
                .findFirst();
    }

    /** The snapshot: pretty-printed JSON with {@code \n} line ends and a trailing newline. */
    public String toJson() {
        try {
            return JSON.writer(PRINTER).writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the schema snapshot", e);
        }
    }

    /** Reads a snapshot. */
    public static StoreSchema fromJson(String json) {
        try {
            return JSON.readValue(json, StoreSchema.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid Outpost schema snapshot: " + e.getOriginalMessage(), e);
        }
    }

    /** A hash of the snapshot: equal schemas, equal hashes. */
    public String identityHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
