package dev.outpost.internal.schema;

import java.util.List;
import java.util.Objects;

/**
 * One column of an entity table.
 *
 * @param name the SQL column name (quoted in SQL; synthetic names contain {@code $} or {@code /},
 *     which OData identifiers cannot, so they never collide with property names)
 * @param role what the column holds
 * @param path the property path it stores ({@code [SiteAddress, City]}), or the navigation for references
 * @param edmType the Edm type or model type name of the value ({@code Edm.Int64}, {@code FieldService.Status})
 * @param collection whether it holds a collection (JSON array)
 * @param sqlType the declared SQLite type
 * @param collation the collation, or null ({@code DECIMAL} for exact decimal comparison)
 * @param declaringType the entity type that declares the property (differs from the set's type for derived types)
 */
public record Column(String name, Role role, List<String> path, String edmType, boolean collection, SqlType sqlType,
                     String collation, String declaringType) {

    /** What a column holds. */
    public enum Role {
        /** A primitive, enum or collection property value. */
        PROPERTY,
        /** 1 when a (nullable) complex property has a value, null when it is null. */
        COMPLEX_PRESENT,
        /** The UTC offset in minutes of the DateTimeOffset property in the preceding column. */
        OFFSET,
        /** The local entity ID of the target of a single-valued navigation. */
        REFERENCE,
        /** Dynamic properties of an open type, as a JSON object. */
        DYNAMIC
    }

    public Column {
        Objects.requireNonNull(name, "name");
        path = List.copyOf(path);
    }
}
