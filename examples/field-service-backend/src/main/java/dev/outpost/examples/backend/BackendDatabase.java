package dev.outpost.examples.backend;

import dev.outpost.examples.backend.internal.store.Database;
import dev.outpost.examples.backend.internal.store.Rows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Direct SQL access to the back end's state, for tests that assert what the server holds.
 * Tables are named after entity sets ({@code "WorkOrders"}); columns after properties, with
 * complex members joined by an underscore ({@code SiteAddress_City}); many-to-many links live in
 * {@code WorkOrders_Parts} ({@code WorkOrders_Id}, {@code Parts_PartNumber}). Values are as
 * stored: Guid and Date as text, DateTimeOffset and Duration as milliseconds, decimals as
 * hundredths, enumerations as numbers. Statements run in the same order as requests.
 */
public final class BackendDatabase {

  private final Database database;

  BackendDatabase(Database database) {
    this.database = database;
  }

  /** How many entities entity set {@code entitySet} holds. */
  public long count(String entitySet) {
    return count(entitySet, "1");
  }

  /** How many rows of {@code table} satisfy the SQL condition {@code where} with {@code params} bound. */
  public long count(String table, String where, Object... params) {
    return ((Number) query("SELECT count(*) AS n FROM \"" + table + "\" WHERE " + where, params).get(0).get("n"))
        .longValue();
  }

  /** The rows a SQL query returns, each as column name to value. */
  public List<Map<String, Object>> query(String sql, Object... params) {
    return database.transaction(connection -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      try (PreparedStatement statement = Rows.prepare(connection, sql, List.of(params));
          ResultSet result = statement.executeQuery()) {
        ResultSetMetaData meta = result.getMetaData();
        while (result.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i), result.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    });
  }

  /**
   * Runs a SQL statement that changes rows behind the service's back (no versions, no delta
   * records) and returns the number of rows changed.
   */
  public int execute(String sql, Object... params) {
    return database.transaction(connection -> {
      try (PreparedStatement statement = Rows.prepare(connection, sql, List.of(params))) {
        return statement.executeUpdate();
      }
    });
  }
}
