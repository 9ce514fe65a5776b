package dev.outpost.examples.backend.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Every write to entity rows and links. Each write gives the row a new version and refreshes
 * its computed time stamps; a link change touches both rows it joins when they are linked
 * through a link table; a delete leaves a record so that delta links can report it.
 */
public final class Changes {

  private final Database database;
  private final int duplicateKeyStatus;

  /**
   * @param duplicateKeyStatus the status answered when a create repeats an existing client key
   */
  public Changes(Database database, int duplicateKeyStatus) {
    this.database = database;
    this.duplicateKeyStatus = duplicateKeyStatus;
  }

  /** Inserts a row with {@code values} (stored values by column) and returns its key. */
  public Key insert(Connection connection, EntityTable table, Map<Column, Object> values) throws SQLException {
    Map<Column, Object> row = new LinkedHashMap<>(values);
    long now = System.currentTimeMillis();
    for (Column stamp : table.stampedOnCreate()) {
      row.put(stamp, now);
    }
    List<String> names = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (Map.Entry<Column, Object> entry : row.entrySet()) {
      names.add(entry.getKey().sql());
      params.add(entry.getValue());
    }
    names.add(EntityTable.VERSION);
    params.add(database.nextVersion());
    String sql = "INSERT INTO " + table.sqlName() + " (" + String.join(", ", names) + ") VALUES ("
        + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")";
    try (PreparedStatement statement = Rows.prepare(connection, sql, params)) {
      statement.executeUpdate();
    } catch (SQLiteException e) {
      throw rejection(table, row, e);
    }
    if (!table.serverGeneratedKey()) {
      return new Key(table, keyValues(table, row));
    }
    try (PreparedStatement statement = connection.prepareStatement("SELECT last_insert_rowid()");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return new Key(table, List.of(result.getLong(1)));
    }
  }

  private static List<Object> keyValues(EntityTable table, Map<Column, Object> row) {
    List<Object> key = new ArrayList<>();
    for (Column column : table.keys()) {
      key.add(row.get(column));
    }
    return key;
  }

  private Rejected rejection(EntityTable table, Map<Column, Object> row, SQLiteException e) {
    SQLiteErrorCode code = e.getResultCode();
    if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) {
      return new Rejected(duplicateKeyStatus, table.name() + new Key(table, keyValues(table, row)).predicate()
          + " already exists; create it with another key or update the existing entity.");
    }
    if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_NOTNULL) {
      String column = e.getMessage().replaceAll(".*NOT NULL constraint failed: [^.]*\\.([^)\\s]*).*", "$1");
      return new Rejected(400, table.name() + "." + column.replace('_', '/') + " must not be null; send a value for it.");
    }
    return new Rejected(400, "Cannot write " + table.name() + ": " + e.getMessage());
  }

  /**
   * Sets {@code values} on the row with {@code key}; with no values this only records a change
   * (new version and time stamp). Fails with 404 if there is no such row.
   */
  public void update(Connection connection, Key key, Map<Column, Object> values) throws SQLException {
    EntityTable table = key.table();
    Map<Column, Object> row = new LinkedHashMap<>(values);
    long now = System.currentTimeMillis();
    for (Column stamp : table.stampedOnWrite()) {
      row.put(stamp, now);
    }
    List<String> assignments = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (Map.Entry<Column, Object> entry : row.entrySet()) {
      assignments.add(entry.getKey().sql() + " = ?");
      params.add(entry.getValue());
    }
    assignments.add(EntityTable.VERSION + " = ?");
    params.add(database.nextVersion());
    params.addAll(key.values());
    String sql = "UPDATE " + table.sqlName() + " SET " + String.join(", ", assignments) + " WHERE "
        + key.condition(table.sqlName());
    int updated;
    try (PreparedStatement statement = Rows.prepare(connection, sql, params)) {
      updated = statement.executeUpdate();
    } catch (SQLiteException e) {
      throw rejection(table, row, e);
    }
    if (updated == 0) {
      throw notFound(key);
    }
  }

  /** Records a change of the row with {@code key} without changing its properties. */
  public void touch(Connection connection, Key key) throws SQLException {
    update(connection, key, Map.of());
  }

  /**
   * Deletes the row with {@code key}. Dependents whose foreign key may be null are detached,
   * the others are deleted with it; link-table rows go and touch the entity at their other end.
   */
  public void delete(Connection connection, Key key) throws SQLException {
    EntityTable table = key.table();
    Row row = Rows.find(connection, key);
    if (row == null) {
      throw notFound(key);
    }
    for (Relation relation : table.relations()) {
      if (relation.kind() == Relation.Kind.FOREIGN_KEY_ON_TARGET) {
        for (Key dependent : related(connection, relation, row)) {
          if (relation.isNullable()) {
            update(connection, dependent, nulls(relation.targetColumns()));
          } else {
            delete(connection, dependent);
          }
        }
      } else if (relation.kind() == Relation.Kind.LINK_TABLE) {
        for (Key other : related(connection, relation, row)) {
          unlink(connection, relation, row, other);
        }
      }
    }
    try (PreparedStatement statement = Rows.prepare(connection,
        "DELETE FROM " + table.sqlName() + " WHERE " + key.condition(table.sqlName()), key.values())) {
      statement.executeUpdate();
    }
    try (PreparedStatement statement = Rows.prepare(connection,
        "INSERT INTO " + Catalog.REMOVED + " (entity_set, id, version) VALUES (?, ?, ?)",
        List.of(table.name(), key.id(), database.nextVersion()))) {
      statement.executeUpdate();
    }
  }

  /** Keys of the rows related to {@code row} through {@code relation}. */
  public List<Key> related(Connection connection, Relation relation, Row row) throws SQLException {
    EntityTable target = relation.target();
    List<String> keyColumns = target.keys().stream().map(column -> column.sql("t1")).toList();
    String sql = "SELECT " + String.join(", ", keyColumns) + " FROM " + relation.targetFrom("t1") + " WHERE "
        + String.join(" AND ", relation.targetMatch("t1").stream().map(match -> match + " = ?").toList());
    List<Key> keys = new ArrayList<>();
    try (PreparedStatement statement = Rows.prepare(connection, sql, row.values(relation.sourceColumns()));
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < keyColumns.size(); i++) {
          values.add(target.keys().get(i).type().read(result, i + 1));
        }
        keys.add(new Key(target, values));
      }
    }
    return keys;
  }

  /** Links {@code source} to {@code target} through {@code relation}. */
  public void link(Connection connection, Relation relation, Key source, Key target) throws SQLException {
    Row sourceRow = existing(connection, source);
    Row targetRow = existing(connection, target);
    switch (relation.kind()) {
      case FOREIGN_KEY_ON_SOURCE -> update(connection, source, assign(relation.sourceColumns(),
          targetRow.values(relation.targetColumns())));
      case FOREIGN_KEY_ON_TARGET -> update(connection, target, assign(relation.targetColumns(),
          sourceRow.values(relation.sourceColumns())));
      case LINK_TABLE -> {
        List<Object> params = new ArrayList<>(source.values());
        params.addAll(target.values());
        List<String> columns = new ArrayList<>(relation.linkSourceColumns());
        columns.addAll(relation.linkTargetColumns());
        String sql = "INSERT OR IGNORE INTO \"" + relation.linkTable() + "\" (" + String.join(", ",
            columns.stream().map(column -> "\"" + column + "\"").toList()) + ") VALUES ("
            + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        try (PreparedStatement statement = Rows.prepare(connection, sql, params)) {
          if (statement.executeUpdate() > 0) {
            touch(connection, source);
            touch(connection, target);
          }
        }
      }
    }
  }

  /**
   * Removes the link from {@code source} to {@code target} (for a to-one relation
   * {@code target} may be null: whatever is linked is unlinked).
   */
  public void unlink(Connection connection, Relation relation, Row source, Key target) throws SQLException {
    switch (relation.kind()) {
      case FOREIGN_KEY_ON_SOURCE -> {
        requireNullable(relation);
        update(connection, source.key(), nulls(relation.sourceColumns()));
      }
      case FOREIGN_KEY_ON_TARGET -> {
        requireNullable(relation);
        Row targetRow = existing(connection, target);
        if (!targetRow.values(relation.targetColumns()).equals(source.values(relation.sourceColumns()))) {
          throw new Rejected(404, target.id() + " is not linked to " + source.key().id() + " through "
              + relation.name() + ".");
        }
        update(connection, target, nulls(relation.targetColumns()));
      }
      case LINK_TABLE -> {
        List<String> conditions = new ArrayList<>();
        relation.linkSourceColumns().forEach(column -> conditions.add("\"" + column + "\" = ?"));
        relation.linkTargetColumns().forEach(column -> conditions.add("\"" + column + "\" = ?"));
        List<Object> params = new ArrayList<>(source.key().values());
        params.addAll(target.values());
        try (PreparedStatement statement = Rows.prepare(connection, "DELETE FROM \"" + relation.linkTable()
            + "\" WHERE " + String.join(" AND ", conditions), params)) {
          if (statement.executeUpdate() == 0) {
            throw new Rejected(404, target.id() + " is not linked to " + source.key().id() + " through "
                + relation.name() + ".");
          }
        }
        touch(connection, source.key());
        touch(connection, target);
      }
    }
  }

  private static void requireNullable(Relation relation) {
    if (!relation.isNullable()) {
      throw new Rejected(400, relation.source().name() + "." + relation.name()
          + " cannot be unlinked: the relation is required. Link another entity or delete the entity instead.");
    }
  }

  /** The row with {@code key}; fails with 404 naming the key if there is none. */
  public static Row existing(Connection connection, Key key) throws SQLException {
    Row row = Rows.find(connection, key);
    if (row == null) {
      throw notFound(key);
    }
    return row;
  }

  private static Rejected notFound(Key key) {
    return new Rejected(404, "There is no entity " + key.id() + ".");
  }

  private static Map<Column, Object> nulls(List<Column> columns) {
    Map<Column, Object> values = new LinkedHashMap<>();
    columns.forEach(column -> values.put(column, null));
    return values;
  }

  private static Map<Column, Object> assign(List<Column> columns, List<Object> values) {
    Map<Column, Object> assigned = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      assigned.put(columns.get(i), values.get(i));
    }
    return assigned;
  }
}
