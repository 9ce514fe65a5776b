package dev.outpost.examples.backend.internal.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The key of one entity: its table and the stored values of its key columns, in key order.
 *
 * @param table the entity set's table
 * @param values stored key values
 */
public record Key(EntityTable table, List<Object> values) {

  /** The key predicate as written in a URL, e.g. {@code (5)} or {@code (WorkOrderId=1,LineNo=2)}. */
  public String predicate() {
    List<Column> keys = table.keys();
    if (keys.size() == 1) {
      return "(" + UriText.encode(keys.get(0).type().toUriLiteral(values.get(0))) + ")";
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      parts.add(keys.get(i).name() + "=" + UriText.encode(keys.get(i).type().toUriLiteral(values.get(i))));
    }
    return "(" + String.join(",", parts) + ")";
  }

  /** The entity's id relative to the service root, e.g. {@code WorkOrders(5)}. */
  public String id() {
    return table.name() + predicate();
  }

  /** SQL condition on the key columns of {@code alias}; bind {@link #values()} in order. */
  public String condition(String alias) {
    List<String> parts = new ArrayList<>();
    for (Column key : table.keys()) {
      parts.add(key.sql(alias) + " = ?");
    }
    return String.join(" AND ", parts);
  }
}
