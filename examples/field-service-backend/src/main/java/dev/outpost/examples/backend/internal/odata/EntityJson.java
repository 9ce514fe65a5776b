package dev.outpost.examples.backend.internal.odata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.outpost.examples.backend.internal.query.EntityQuery;
import dev.outpost.examples.backend.internal.store.Column;
import dev.outpost.examples.backend.internal.store.EntityTable;
import dev.outpost.examples.backend.internal.store.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * Writes entities as OData JSON (minimal metadata) straight from stored rows: each entity with
 * its {@code @odata.etag}, the selected properties (keys always), and expanded related entities.
 */
final class EntityJson implements AutoCloseable {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
  private final JsonGenerator json;
  private final boolean ieee754Compatible;

  EntityJson(boolean ieee754Compatible) {
    this.ieee754Compatible = ieee754Compatible;
    try {
      this.json = FACTORY.createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonGenerator generator() {
    return json;
  }

  /** The finished document. */
  byte[] bytes() {
    try {
      json.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes {@code row} as a JSON object; {@code context} is written first when not null. */
  void entity(Row row, EntityQuery query, String context) throws IOException {
    json.writeStartObject();
    if (context != null) {
      json.writeStringField("@odata.context", context);
    }
    members(row, query);
    json.writeEndObject();
  }

  /** Writes the members of {@code row}'s JSON object (not the braces). */
  void members(Row row, EntityQuery query) throws IOException {
    EntityTable table = row.table();
    if (table.hasETag()) {
      json.writeStringField("@odata.etag", row.etag());
    }
    Set<String> select = query.select();
    List<Column> columns = table.columns();
    int i = 0;
    while (i < columns.size()) {
      Column column = columns.get(i);
      String property = column.property();
      boolean selected = select == null || select.contains(property) || table.keys().contains(column);
      if (!column.inComplex()) {
        if (selected) {
          json.writeFieldName(property);
          value(column, row.get(i));
        }
        i++;
        continue;
      }
      int end = i;
      while (end < columns.size() && columns.get(end).inComplex() && columns.get(end).property().equals(property)) {
        end++;
      }
      if (selected) {
        json.writeFieldName(property);
        complex(row, columns, i, end);
      }
      i = end;
    }
    for (EntityQuery.Expansion expansion : query.expansions()) {
      String name = expansion.relation().name();
      List<Row> related = row.expanded().getOrDefault(name, List.of());
      json.writeFieldName(name);
      if (expansion.relation().isCollection()) {
        json.writeStartArray();
        for (Row child : related) {
          entity(child, expansion.query(), null);
        }
        json.writeEndArray();
      } else if (related.isEmpty()) {
        json.writeNull();
      } else {
        entity(related.get(0), expansion.query(), null);
      }
    }
  }

  private void complex(Row row, List<Column> columns, int from, int to) throws IOException {
    boolean allNull = true;
    for (int i = from; i < to; i++) {
      allNull &= row.get(i) == null;
    }
    if (allNull) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    for (int i = from; i < to; i++) {
      Column column = columns.get(i);
      json.writeFieldName(column.path().get(column.path().size() - 1));
      value(column, row.get(i));
    }
    json.writeEndObject();
  }

  private void value(Column column, Object stored) throws IOException {
    if (stored == null) {
      json.writeNull();
    } else {
      column.type().writeJson(json, stored, ieee754Compatible);
    }
  }

  @Override
  public void close() throws IOException {
    json.close();
  }
}
