package dev.outpost.examples.backend.internal.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.olingo.commons.api.edm.EdmEntitySet;
import org.apache.olingo.commons.api.edm.EdmEntityType;

/**
 * The table behind one entity set: its columns, its key, and the behaviour the model asks for
 * (server-generated key, ETags, change tracking, computed time stamps).
 */
public final class EntityTable {

  /** The column that counts every write of a row; see {@link Database#nextVersion()}. */
  public static final String VERSION = "_version";

  private final EdmEntitySet entitySet;
  private final List<Column> columns;
  private final List<Column> keys;
  private final boolean serverGeneratedKey;
  private final boolean hasETag;
  private final boolean tracksChanges;
  private final List<Column> stampedOnCreate;
  private final List<Column> stampedOnWrite;
  private final Map<String, Relation> relations = new LinkedHashMap<>();

  EntityTable(EdmEntitySet entitySet, List<Column> columns, List<Column> keys, boolean serverGeneratedKey,
      boolean hasETag, boolean tracksChanges, List<Column> stampedOnCreate, List<Column> stampedOnWrite) {
    this.entitySet = entitySet;
    this.columns = List.copyOf(columns);
    this.keys = List.copyOf(keys);
    this.serverGeneratedKey = serverGeneratedKey;
    this.hasETag = hasETag;
    this.tracksChanges = tracksChanges;
    this.stampedOnCreate = List.copyOf(stampedOnCreate);
    this.stampedOnWrite = List.copyOf(stampedOnWrite);
  }

  /** The entity set name, which is also the table name. */
  public String name() { return entitySet.getName(); }

  /** The table name quoted for SQL. */
  public String sqlName() { return "\"" + name() + "\""; }

  public EdmEntitySet entitySet() { return entitySet; }
  public EdmEntityType entityType() { return entitySet.getEntityType(); }
  public List<Column> columns() { return columns; }
  public List<Column> keys() { return keys; }

  /** Whether the server assigns the (single, integer) key. */
  public boolean serverGeneratedKey() { return serverGeneratedKey; }

  /** Whether the set has Core.OptimisticConcurrency, so entities carry ETags. */
  public boolean hasETag() { return hasETag; }

  /** Whether the set has Capabilities.ChangeTracking, so reads can offer delta links. */
  public boolean tracksChanges() { return tracksChanges; }

  /** Computed time stamps set when a row is created. */
  public List<Column> stampedOnCreate() { return stampedOnCreate; }

  /** Computed time stamps set on every write of a row. */
  public List<Column> stampedOnWrite() { return stampedOnWrite; }

  /** The relation behind navigation property {@code name}, or {@code null}. */
  public Relation relation(String name) { return relations.get(name); }

  public Iterable<Relation> relations() { return relations.values(); }

  void addRelation(Relation relation) { relations.put(relation.name(), relation); }

  /** The column at property path {@code path}, or {@code null}. */
  public Column column(List<String> path) {
    for (Column column : columns) {
      if (column.path().equals(path)) {
        return column;
      }
    }
    return null;
  }

  /** The column of top-level primitive property {@code name}, or {@code null}. */
  public Column column(String name) {
    return column(List.of(name));
  }

  /** The columns of a property: one for a primitive property, one per member for a complex one. */
  public List<Column> columnsOf(String property) {
    List<Column> of = new ArrayList<>();
    for (Column column : columns) {
      if (column.property().equals(property)) {
        of.add(column);
      }
    }
    return of;
  }

  /** Whether {@code column} is one the server computes (key or time stamp). */
  public boolean isComputed(Column column) {
    return stampedOnCreate.contains(column) || (serverGeneratedKey && keys.contains(column));
  }
}
