package dev.outpost.examples.backend.internal.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored entity as read: the values of all of its table's columns (in column order), its
 * version, and the related rows that an $expand asked for.
 */
public final class Row {

  private final EntityTable table;
  private final Object[] values;
  private final long version;
  private final Map<String, List<Row>> expanded = new LinkedHashMap<>();

  public Row(EntityTable table, Object[] values, long version) {
    this.table = table;
    this.values = values;
    this.version = version;
  }

  public EntityTable table() { return table; }
  public long version() { return version; }

  /** The stored value of {@code column}. */
  public Object get(Column column) {
    return values[table.columns().indexOf(column)];
  }

  /** The stored value of the column at position {@code index}. */
  public Object get(int index) {
    return values[index];
  }

  public Key key() {
    List<Object> key = new ArrayList<>();
    for (Column column : table.keys()) {
      key.add(get(column));
    }
    return new Key(table, key);
  }

  /** The stored values of {@code columns}. */
  public List<Object> values(List<Column> columns) {
    List<Object> list = new ArrayList<>();
    for (Column column : columns) {
      list.add(get(column));
    }
    return list;
  }

  /** The weak ETag, which changes on every write of the row. */
  public String etag() {
    return etag(version);
  }

  /** The weak ETag of a row at {@code version}. */
  public static String etag(long version) {
    return "W/\"" + version + "\"";
  }

  /** Attaches the related rows of navigation property {@code navigation}. */
  public void expand(String navigation, List<Row> related) {
    expanded.put(navigation, related);
  }

  /** Related rows by navigation property, in the order they were attached. */
  public Map<String, List<Row>> expanded() {
    return expanded;
  }
}
