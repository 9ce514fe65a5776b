package dev.outpost.examples.backend.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads entity rows with plain SQL: the select list of a table and the rows a statement returns. */
public final class Rows {

  private Rows() {}

  /** The select list of every column of {@code table} as {@code alias}, ending with the version. */
  public static String selectList(EntityTable table, String alias) {
    List<String> columns = new ArrayList<>();
    for (Column column : table.columns()) {
      columns.add(column.sql(alias));
    }
    columns.add(alias + "." + EntityTable.VERSION);
    return String.join(", ", columns);
  }

  /** The row whose select list starts at column {@code first} of the current result row. */
  public static Row read(EntityTable table, ResultSet result, int first) throws SQLException {
    List<Column> columns = table.columns();
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = columns.get(i).type().read(result, first + i);
    }
    return new Row(table, values, result.getLong(first + values.length));
  }

  /** The entity with {@code key}, or {@code null}. */
  public static Row find(Connection connection, Key key) throws SQLException {
    String sql = "SELECT " + selectList(key.table(), "t0") + " FROM " + key.table().sqlName() + " t0 WHERE "
        + key.condition("t0");
    try (PreparedStatement statement = prepare(connection, sql, key.values());
        ResultSet result = statement.executeQuery()) {
      return result.next() ? read(key.table(), result, 1) : null;
    }
  }

  /** Prepares {@code sql} and binds {@code params} in order. */
  public static PreparedStatement prepare(Connection connection, String sql, List<?> params) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < params.size(); i++) {
      statement.setObject(i + 1, params.get(i));
    }
    return statement;
  }
}
