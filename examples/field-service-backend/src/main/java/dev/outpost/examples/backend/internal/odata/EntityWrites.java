package dev.outpost.examples.backend.internal.odata;

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
import java.util.Map;
import org.apache.olingo.commons.api.data.Entity;
import org.apache.olingo.commons.api.data.Link;

import static dev.outpost.examples.backend.internal.store.Changes.existing;

/**
 * Creates and updates entities from request payloads, including deep inserts (related
 * entities inline) and {@code @odata.bind} references, within the caller's transaction.
 */
final class EntityWrites {

  private final Service service;
  private final String serviceRoot;

  EntityWrites(Service service, String serviceRoot) {
    this.service = service;
    this.serviceRoot = serviceRoot;
  }

  /**
   * Creates {@code entity} in {@code table}; when {@code via} is given, the new entity is
   * related to {@code parent} through it (POST to a collection navigation property).
   */
  Key create(Connection connection, EntityTable table, Entity entity, Relation via, Row parent) throws SQLException {
    Map<Column, Object> values = Payloads.values(table, entity, false);
    if (via != null && via.kind() == Relation.Kind.FOREIGN_KEY_ON_TARGET) {
      assign(values, via.targetColumns(), parent.values(via.sourceColumns()));
    }
    List<Related> afterInsert = new ArrayList<>();
    for (Link link : entity.getNavigationLinks()) {
      Relation relation = relation(table, link.getTitle());
      if (link.getInlineEntity() != null && relation.kind() == Relation.Kind.FOREIGN_KEY_ON_SOURCE) {
        Key related = create(connection, relation.target(), link.getInlineEntity(), null, null);
        assign(values, relation.sourceColumns(), existing(connection, related).values(relation.targetColumns()));
      } else {
        List<Entity> inline = link.getInlineEntity() != null ? List.of(link.getInlineEntity())
            : link.getInlineEntitySet() == null ? List.of() : link.getInlineEntitySet().getEntities();
        afterInsert.add(new Related(relation, inline, List.of()));
      }
    }
    for (Link binding : entity.getNavigationBindings()) {
      Relation relation = relation(table, binding.getTitle());
      if (relation.kind() == Relation.Kind.FOREIGN_KEY_ON_SOURCE) {
        Key related = reference(binding.getBindingLink());
        assign(values, relation.sourceColumns(), existing(connection, related).values(relation.targetColumns()));
      } else {
        afterInsert.add(new Related(relation, List.of(), references(binding)));
      }
    }
    if (!table.serverGeneratedKey()) {
      for (Column key : table.keys()) {
        if (values.get(key) == null) {
          throw new Rejected(400, table.name() + " needs a client-supplied key: send " + key.name() + ".");
        }
      }
    }
    Payloads.addDefaults(table, values);
    Key key = service.changes().insert(connection, table, values);
    for (Related related : afterInsert) {
      for (Entity child : related.inline()) {
        if (related.relation().kind() == Relation.Kind.LINK_TABLE) {
          service.changes().link(connection, related.relation(), key,
              create(connection, related.relation().target(), child, null, null));
        } else {
          create(connection, related.relation().target(), child, related.relation(), existing(connection, key));
        }
      }
      for (Key bound : related.bound()) {
        service.changes().link(connection, related.relation(), key, bound);
      }
    }
    if (via != null && via.kind() == Relation.Kind.LINK_TABLE) {
      service.changes().link(connection, via, parent.key(), key);
    }
    return key;
  }

  /** Entities to relate to a new entity once it exists: created inline, or bound by reference. */
  private record Related(Relation relation, List<Entity> inline, List<Key> bound) {}

  /**
   * Updates the entity with {@code key} from {@code entity}: PATCH semantics, or PUT when
   * {@code replace}. Bindings in the payload link (they add to collections).
   */
  void update(Connection connection, Key key, Entity entity, boolean replace) throws SQLException {
    EntityTable table = key.table();
    Map<Column, Object> values = Payloads.values(table, entity, replace);
    for (int i = 0; i < table.keys().size(); i++) {
      Column column = table.keys().get(i);
      if (values.containsKey(column) && !key.values().get(i).equals(values.remove(column))) {
        throw new Rejected(400, "The key of " + key.id() + " cannot change; " + column.name()
            + " must stay " + key.values().get(i) + ".");
      }
    }
    for (Link binding : entity.getNavigationBindings()) {
      Relation relation = relation(table, binding.getTitle());
      if (relation.kind() == Relation.Kind.FOREIGN_KEY_ON_SOURCE) {
        Key related = reference(binding.getBindingLink());
        assign(values, relation.sourceColumns(), existing(connection, related).values(relation.targetColumns()));
      }
    }
    service.changes().update(connection, key, values);
    for (Link binding : entity.getNavigationBindings()) {
      Relation relation = relation(table, binding.getTitle());
      if (relation.kind() != Relation.Kind.FOREIGN_KEY_ON_SOURCE) {
        for (Key related : references(binding)) {
          service.changes().link(connection, relation, key, related);
        }
      }
    }
    if (!entity.getNavigationLinks().isEmpty()) {
      throw new Rejected(400, "Deep update is not supported; update related entities with their own requests.");
    }
  }

  private static Relation relation(EntityTable table, String name) {
    Relation relation = table.relation(name);
    if (relation == null) {
      throw new Rejected(400, table.name() + " has no navigation property " + name + ".");
    }
    return relation;
  }

  private Key reference(String reference) {
    return Payloads.reference(service.odata(), service.metadata(), service.catalog(), reference, serviceRoot);
  }

  private List<Key> references(Link binding) {
    List<String> references = binding.getBindingLinks().isEmpty() && binding.getBindingLink() != null
        ? List.of(binding.getBindingLink()) : binding.getBindingLinks();
    return references.stream().map(this::reference).toList();
  }

  private static void assign(Map<Column, Object> values, List<Column> columns, List<Object> assigned) {
    for (int i = 0; i < columns.size(); i++) {
      values.put(columns.get(i), assigned.get(i));
    }
  }
}
