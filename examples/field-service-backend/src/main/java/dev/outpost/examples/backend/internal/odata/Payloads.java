package dev.outpost.examples.backend.internal.odata;

import dev.outpost.examples.backend.internal.store.Column;
import dev.outpost.examples.backend.internal.store.ColumnType;
import dev.outpost.examples.backend.internal.store.EntityTable;
import dev.outpost.examples.backend.internal.store.Key;
import dev.outpost.examples.backend.internal.store.Rejected;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.olingo.commons.api.data.ComplexValue;
import org.apache.olingo.commons.api.data.Entity;
import org.apache.olingo.commons.api.data.Property;
import org.apache.olingo.commons.api.edm.EdmPrimitiveType;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeException;
import org.apache.olingo.commons.api.edm.EdmProperty;
import org.apache.olingo.commons.api.edm.EdmStructuredType;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.deserializer.DeserializerException;
import org.apache.olingo.server.api.uri.UriResourceEntitySet;

/** Turns deserialized request payloads into stored column values, and entity references into keys. */
final class Payloads {

  private Payloads() {}

  /**
   * The stored values of the properties {@code entity} carries. Properties the server computes
   * are ignored. With {@code replace} (PUT), every other property absent from the payload is
   * reset to null; complex properties are merged member by member otherwise (PATCH).
   */
  static Map<Column, Object> values(EntityTable table, Entity entity, boolean replace) {
    Map<Column, Object> values = new LinkedHashMap<>();
    if (replace) {
      for (Column column : table.columns()) {
        if (!table.isComputed(column) && !table.keys().contains(column)) {
          values.put(column, null);
        }
      }
    }
    for (Property property : entity.getProperties()) {
      List<Column> columns = table.columnsOf(property.getName());
      if (columns.isEmpty()) {
        throw new Rejected(400, table.name() + " has no property " + property.getName() + ".");
      }
      if (columns.get(0).inComplex()) {
        complex(table, columns, (ComplexValue) property.getValue(), replace, values);
      } else if (!table.isComputed(columns.get(0))) {
        values.put(columns.get(0), stored(table, columns.get(0), property.getValue()));
      }
    }
    return values;
  }

  /** Adds the property's default values (from the model) for required columns that {@code values} lacks. */
  static void addDefaults(EntityTable table, Map<Column, Object> values) {
    for (Column column : table.columns()) {
      if (column.inComplex() || values.containsKey(column)) {
        continue;
      }
      String defaultValue = table.entityType().getStructuralProperty(column.name()).getDefaultValue();
      if (defaultValue != null) {
        values.put(column, column.type().fromText(defaultValue));
      }
    }
  }

  private static void complex(EntityTable table, List<Column> columns, ComplexValue value, boolean replace,
      Map<Column, Object> values) {
    if (value == null) {
      columns.forEach(column -> values.put(column, null));
      return;
    }
    if (replace) {
      columns.forEach(column -> values.put(column, null));
    }
    for (Property member : value.getValue()) {
      Column column = columns.stream().filter(c -> c.path().get(1).equals(member.getName())).findFirst()
          .orElseThrow(() -> new Rejected(400, columns.get(0).property() + " has no member " + member.getName() + "."));
      values.put(column, stored(table, column, member.getValue()));
    }
  }

  private static Object stored(EntityTable table, Column column, Object value) {
    if (value == null) {
      return null;
    }
    if (column.type() == ColumnType.STRING_COLLECTION) {
      return ColumnType.storeStrings((List<?>) value);
    }
    EdmProperty property = property(table.entityType(), column.path());
    EdmPrimitiveType type = (EdmPrimitiveType) property.getType();
    try {
      return column.type().fromText(type.valueToString(value, property.isNullable(), property.getMaxLength(),
          property.getPrecision(), property.getScale(), property.isUnicode()));
    } catch (EdmPrimitiveTypeException | IllegalArgumentException e) {
      throw new Rejected(400, "The value of " + table.name() + "." + String.join("/", column.path())
          + " is not a valid " + type.getFullQualifiedName() + ": " + e.getMessage());
    }
  }

  private static EdmProperty property(EdmStructuredType type, List<String> path) {
    EdmProperty property = type.getStructuralProperty(path.get(0));
    return path.size() == 1 ? property : property((EdmStructuredType) property.getType(), path.subList(1, path.size()));
  }

  /**
   * The key of the entity that {@code reference} names: a URL relative to the service root, an
   * absolute one, or {@code $<Content-ID>} of an entity created earlier in the change set.
   */
  static Key reference(OData odata, ServiceMetadata metadata, dev.outpost.examples.backend.internal.store.Catalog catalog,
      String reference, String serviceRoot) {
    String resolved = ContentIds.resolve(reference);
    try {
      UriResourceEntitySet entitySet = odata.createUriHelper().parseEntityId(metadata.getEdm(), resolved, serviceRoot);
      EntityTable table = catalog.table(entitySet.getEntitySet().getName());
      return Targets.key(table, entitySet.getKeyPredicates());
    } catch (DeserializerException e) {
      throw new Rejected(400, "'" + reference + "' does not name an entity of this service: " + e.getMessage());
    }
  }
}
