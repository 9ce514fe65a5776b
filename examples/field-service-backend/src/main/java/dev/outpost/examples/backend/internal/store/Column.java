package dev.outpost.examples.backend.internal.store;

import java.util.List;

/**
 * One column of an entity table: a primitive property, or a member of a complex property
 * (column {@code SiteAddress_City} for path {@code SiteAddress/City}).
 *
 * @param name the SQL column name
 * @param path the property path inside the entity
 * @param type how values are stored
 * @param nullable whether the property may be null
 * @param collection whether the property is a collection of primitives
 */
public record Column(String name, List<String> path, ColumnType type, boolean nullable, boolean collection) {

  /** The column name quoted for SQL, qualified with a table alias. */
  public String sql(String alias) {
    return alias + ".\"" + name + "\"";
  }

  /** The quoted column name. */
  public String sql() {
    return "\"" + name + "\"";
  }

  /** The property this column belongs to (the complex property for a member column). */
  public String property() {
    return path.get(0);
  }

  /** Whether this column holds a member of a complex property. */
  public boolean inComplex() {
    return path.size() > 1;
  }
}
