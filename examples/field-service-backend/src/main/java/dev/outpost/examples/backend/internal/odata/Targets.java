package dev.outpost.examples.backend.internal.odata;

import dev.outpost.examples.backend.internal.query.EntityQuery;
import dev.outpost.examples.backend.internal.query.Reader;
import dev.outpost.examples.backend.internal.store.Catalog;
import dev.outpost.examples.backend.internal.store.Changes;
import dev.outpost.examples.backend.internal.store.Column;
import dev.outpost.examples.backend.internal.store.EntityTable;
import dev.outpost.examples.backend.internal.store.Key;
import dev.outpost.examples.backend.internal.store.Rejected;
import dev.outpost.examples.backend.internal.store.Relation;
import dev.outpost.examples.backend.internal.store.Row;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.olingo.commons.api.edm.EdmPrimitiveType;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeException;
import org.apache.olingo.server.api.uri.UriParameter;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourceEntitySet;
import org.apache.olingo.server.api.uri.UriResourceNavigation;

/** Resolves resource paths and key predicates to {@link Target}s and {@link Key}s. */
final class Targets {

  private Targets() {}

  /**
   * The target of the entity-set and navigation segments at the start of {@code parts}; later
   * segments ({@code $ref}, {@code $count}, properties) are left to the caller.
   */
  static Target resolve(Connection connection, Catalog catalog, List<UriResource> parts) throws SQLException {
    UriResourceEntitySet first = (UriResourceEntitySet) parts.get(0);
    EntityTable table = catalog.table(first.getEntitySet().getName());
    Target target = first.getKeyPredicates().isEmpty()
        ? new Target(table, null, null, null, false)
        : new Target(table, key(table, first.getKeyPredicates()), null, null, true);
    for (UriResource part : parts.subList(1, parts.size())) {
      if (!(part instanceof UriResourceNavigation navigation)) {
        break;
      }
      Row parent = Changes.existing(connection, target.key());
      Relation relation = target.table().relation(navigation.getProperty().getName());
      EntityTable related = relation.target();
      if (!relation.isCollection()) {
        List<Row> rows = Reader.page(connection, EntityQuery.all(related).relatedTo(relation, parent), null, 0, 1);
        target = new Target(related, rows.isEmpty() ? null : rows.get(0).key(), relation, parent, true);
      } else if (navigation.getKeyPredicates().isEmpty()) {
        target = new Target(related, null, relation, parent, false);
      } else {
        Key key = key(related, navigation.getKeyPredicates());
        if (Reader.find(connection, EntityQuery.all(related).relatedTo(relation, parent), key) == null) {
          throw new Rejected(404, key.id() + " is not related to " + parent.key().id() + " through "
              + relation.name() + ".");
        }
        target = new Target(related, key, relation, parent, true);
      }
    }
    return target;
  }

  /** The key that the predicates of a URL segment name. */
  static Key key(EntityTable table, List<UriParameter> predicates) {
    List<Object> values = new ArrayList<>();
    for (Column column : table.keys()) {
      UriParameter predicate = predicates.size() == 1 ? predicates.get(0) : find(predicates, column.name());
      EdmPrimitiveType type = (EdmPrimitiveType) table.entityType().getStructuralProperty(column.name()).getType();
      try {
        values.add(column.type().fromText(type.fromUriLiteral(predicate.getText())));
      } catch (EdmPrimitiveTypeException | RuntimeException e) {
        throw new Rejected(400, "The key value " + predicate.getText() + " of " + table.name() + " is not a valid "
            + type.getFullQualifiedName() + ".");
      }
    }
    return new Key(table, values);
  }

  private static UriParameter find(List<UriParameter> predicates, String name) {
    for (UriParameter predicate : predicates) {
      if (predicate.getName().equals(name)) {
        return predicate;
      }
    }
    throw new Rejected(400, "The key predicate lacks " + name + ".");
  }
}
