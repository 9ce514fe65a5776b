package dev.outpost.examples.backend.internal.query;

import dev.outpost.examples.backend.internal.store.Catalog;
import dev.outpost.examples.backend.internal.store.Column;
import dev.outpost.examples.backend.internal.store.EntityTable;
import dev.outpost.examples.backend.internal.store.Key;
import dev.outpost.examples.backend.internal.store.Relation;
import dev.outpost.examples.backend.internal.store.Row;
import dev.outpost.examples.backend.internal.store.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link EntityQuery} reads: pages of an entity set in key order (keyset paging, so a page
 * deep into a large set costs as much as the first) or in $orderby order, counts, the rows that
 * changed after a version, and the related rows of each $expand, fetched for a whole page at
 * once.
 */
public final class Reader {

  private static final int PARENTS_PER_STATEMENT = 500;
  private static final String A = EntityQuery.ALIAS;

  private Reader() {}

  /**
   * One page: at most {@code limit} rows after skipping {@code offset}; in key order after
   * {@code afterKey} (when given), or in $orderby order when the query has one.
   */
  public static List<Row> page(Connection connection, EntityQuery query, List<Object> afterKey, long offset,
      int limit) throws SQLException {
    EntityTable table = query.table();
    List<Object> parts = new ArrayList<>(List.of("SELECT " + Rows.selectList(table, A) + " FROM " + table.sqlName()
        + " " + A + " WHERE 1"));
    if (query.filter() != null) {
      parts.add(Sql.join(null, " AND (", query.filter(), ")"));
    }
    if (afterKey != null) {
      parts.add(new Sql(" AND (" + keyColumns(table) + ") > (" + String.join(", ",
          Collections.nCopies(afterKey.size(), "?")) + ")", afterKey, null));
    }
    parts.add(" ORDER BY ");
    for (Sql term : query.orderBy()) {
      parts.add(term);
      parts.add(", ");
    }
    parts.add(keyColumns(table));
    parts.add(" LIMIT " + limit + " OFFSET " + offset);
    List<Row> rows = rows(connection, table, Sql.join(null, parts.toArray()));
    expand(connection, rows, query.expansions());
    return rows;
  }

  /** How many entities match the query's $filter. */
  public static long count(Connection connection, EntityQuery query) throws SQLException {
    Sql sql = Sql.join(null, "SELECT count(*) FROM " + query.table().sqlName() + " " + A + " WHERE ",
        query.filter() == null ? Sql.of("1", null) : query.filter());
    try (PreparedStatement statement = Rows.prepare(connection, sql.text(), sql.params());
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  /** The entity with {@code key} if it matches the query's $filter, with its expansions; or null. */
  public static Row find(Connection connection, EntityQuery query, Key key) throws SQLException {
    Sql sql = Sql.join(null, "SELECT " + Rows.selectList(query.table(), A) + " FROM " + query.table().sqlName() + " "
        + A + " WHERE ", new Sql(key.condition(A), key.values(), null));
    List<Row> rows = rows(connection, query.table(), sql);
    expand(connection, rows, query.expansions());
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** A row that changed after some version, and whether it still matches the query's $filter. */
  public record Change(Row row, boolean matches) {}

  /**
   * Rows written after version {@code after} up to {@code upTo}, oldest change first, at most
   * {@code limit}; matching rows come with their expansions.
   */
  public static List<Change> changes(Connection connection, EntityQuery query, long after, long upTo, int limit)
      throws SQLException {
    EntityTable table = query.table();
    Sql matches = query.filter() == null ? Sql.of("1", null) : query.filter();
    Sql sql = Sql.join(null, "SELECT " + Rows.selectList(table, A) + ", coalesce(", matches, ", 0) FROM "
        + table.sqlName() + " " + A + " WHERE " + A + "." + EntityTable.VERSION + " > " + after + " AND " + A + "."
        + EntityTable.VERSION + " <= " + upTo + " ORDER BY " + A + "." + EntityTable.VERSION + " LIMIT " + limit);
    List<Change> changes = new ArrayList<>();
    List<Row> matching = new ArrayList<>();
    int matchColumn = table.columns().size() + 2;
    try (PreparedStatement statement = Rows.prepare(connection, sql.text(), sql.params());
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        Row row = Rows.read(table, result, 1);
        boolean match = result.getLong(matchColumn) != 0;
        changes.add(new Change(row, match));
        if (match) {
          matching.add(row);
        }
      }
    }
    expand(connection, matching, query.expansions());
    return changes;
  }

  /** A removed entity: its id relative to the service root and the version of its removal. */
  public record Removal(String id, long version) {}

  /** Entities of {@code table} deleted after version {@code after} up to {@code upTo}, oldest first. */
  public static List<Removal> removals(Connection connection, EntityTable table, long after, long upTo, int limit)
      throws SQLException {
    List<Removal> removals = new ArrayList<>();
    try (PreparedStatement statement = Rows.prepare(connection, "SELECT id, version FROM " + Catalog.REMOVED
        + " WHERE entity_set = ? AND version > ? AND version <= ? ORDER BY version LIMIT " + limit,
        List.of(table.name(), after, upTo)); ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        removals.add(new Removal(result.getString(1), result.getLong(2)));
      }
    }
    return removals;
  }

  /** Attaches the related rows of every expansion to each of {@code parents}. */
  public static void expand(Connection connection, List<Row> parents, List<EntityQuery.Expansion> expansions)
      throws SQLException {
    if (parents.isEmpty()) {
      return;
    }
    for (EntityQuery.Expansion expansion : expansions) {
      Relation relation = expansion.relation();
      Map<List<Object>, List<Row>> byParent = new HashMap<>();
      Set<List<Object>> distinct = new LinkedHashSet<>();
      for (Row parent : parents) {
        List<Object> values = parent.values(relation.sourceColumns());
        if (!values.contains(null)) {
          distinct.add(values);
        }
      }
      List<List<Object>> parentValues = new ArrayList<>(distinct);
      List<Row> all = new ArrayList<>();
      for (int from = 0; from < parentValues.size(); from += PARENTS_PER_STATEMENT) {
        List<List<Object>> chunk = parentValues.subList(from, Math.min(parentValues.size(), from + PARENTS_PER_STATEMENT));
        related(connection, expansion, chunk, byParent, all);
      }
      expand(connection, all, expansion.query().expansions());
      EntityQuery nested = expansion.query();
      for (Row parent : parents) {
        List<Row> related = byParent.getOrDefault(parent.values(relation.sourceColumns()), List.of());
        int skip = nested.skip() == null ? 0 : Math.min(nested.skip(), related.size());
        int end = nested.top() == null ? related.size() : Math.min(related.size(), skip + nested.top());
        parent.expand(relation.name(), related.subList(skip, end));
      }
    }
  }

  private static void related(Connection connection, EntityQuery.Expansion expansion, List<List<Object>> parents,
      Map<List<Object>, List<Row>> byParent, List<Row> all) throws SQLException {
    Relation relation = expansion.relation();
    EntityQuery query = expansion.query();
    List<String> match = relation.targetMatch(A);
    int width = match.size();
    List<Object> params = new ArrayList<>();
    List<String> tuples = new ArrayList<>();
    String tuple = width == 1 ? "?" : "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
    for (List<Object> parent : parents) {
      params.addAll(parent);
      tuples.add(tuple);
    }
    String matchList = width == 1 ? match.get(0) : "(" + String.join(", ", match) + ")";
    List<Object> parts = new ArrayList<>(List.of("SELECT " + String.join(", ", match) + ", "
        + Rows.selectList(query.table(), A) + " FROM " + relation.targetFrom(A) + " WHERE ",
        new Sql(matchList + " IN (" + (width == 1 ? "" : "VALUES ") + String.join(", ", tuples) + ")", params, null)));
    if (query.filter() != null) {
      parts.add(Sql.join(null, " AND (", query.filter(), ")"));
    }
    parts.add(" ORDER BY ");
    for (Sql term : query.orderBy()) {
      parts.add(term);
      parts.add(", ");
    }
    parts.add(keyColumns(query.table()));
    Sql sql = Sql.join(null, parts.toArray());
    List<Column> sourceColumns = relation.sourceColumns();
    try (PreparedStatement statement = Rows.prepare(connection, sql.text(), sql.params());
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        List<Object> parent = new ArrayList<>();
        for (int i = 0; i < width; i++) {
          parent.add(sourceColumns.get(i).type().read(result, i + 1));
        }
        Row row = Rows.read(query.table(), result, width + 1);
        byParent.computeIfAbsent(parent, key -> new ArrayList<>()).add(row);
        all.add(row);
      }
    }
  }

  private static List<Row> rows(Connection connection, EntityTable table, Sql sql) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement statement = Rows.prepare(connection, sql.text(), sql.params());
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        rows.add(Rows.read(table, result, 1));
      }
    }
    return rows;
  }

  private static String keyColumns(EntityTable table) {
    return String.join(", ", table.keys().stream().map(key -> key.sql(A)).toList());
  }
}
