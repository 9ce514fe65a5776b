package dev.outpost.examples.backend.internal.query;

import dev.outpost.examples.backend.internal.store.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL with its bound parameters, in order, and the column type of its value when
 * that is known (it decides how date functions read it).
 */
record Sql(String text, List<Object> params, ColumnType type) {

  static Sql of(String text, ColumnType type) {
    return new Sql(text, List.of(), type);
  }

  static Sql param(Object value, ColumnType type) {
    List<Object> params = new ArrayList<>();
    params.add(value);
    return new Sql("?", params, type);
  }

  /** Joins pieces into one: {@code parts} are SQL text or {@link Sql}, in order. */
  static Sql join(ColumnType type, Object... parts) {
    StringBuilder text = new StringBuilder();
    List<Object> params = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof Sql sql) {
        text.append(sql.text);
        params.addAll(sql.params);
      } else {
        text.append(part);
      }
    }
    return new Sql(text.toString(), params, type);
  }
}
