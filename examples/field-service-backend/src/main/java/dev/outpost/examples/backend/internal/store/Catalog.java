package dev.outpost.examples.backend.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.olingo.commons.api.edm.Edm;
import org.apache.olingo.commons.api.edm.EdmAnnotatable;
import org.apache.olingo.commons.api.edm.EdmAnnotation;
import org.apache.olingo.commons.api.edm.EdmComplexType;
import org.apache.olingo.commons.api.edm.EdmEntitySet;
import org.apache.olingo.commons.api.edm.EdmEntityType;
import org.apache.olingo.commons.api.edm.EdmEnumType;
import org.apache.olingo.commons.api.edm.EdmNavigationProperty;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;
import org.apache.olingo.commons.api.edm.EdmProperty;
import org.apache.olingo.commons.api.edm.EdmReferentialConstraint;
import org.apache.olingo.commons.api.edm.EdmStructuredType;
import org.apache.olingo.commons.api.edm.EdmType;
import org.apache.olingo.commons.api.edm.constants.EdmTypeKind;

/**
 * The tables of every entity set of the model, derived from the Edm alone: each primitive
 * property is a column, each complex property a group of columns, each navigation property a
 * {@link Relation}.
 */
public final class Catalog {

  /** The table that remembers deleted entities for delta links. */
  public static final String REMOVED = "_removed";
  /** The table that records the responses of repeatable requests. */
  public static final String REPEATABLE = "_repeatable";

  private static final String COMPUTED = "Org.OData.Core.V1.Computed";
  private static final String OPTIMISTIC_CONCURRENCY = "Org.OData.Core.V1.OptimisticConcurrency";
  private static final String CHANGE_TRACKING = "Org.OData.Capabilities.V1.ChangeTracking";
  private static final String CREATED_AT = "CreatedAt";

  private final Map<String, EntityTable> tables = new LinkedHashMap<>();
  private final Map<String, Relation> linkTables = new LinkedHashMap<>();

  /** The catalog of all entity sets of {@code edm}'s container. */
  public Catalog(Edm edm) {
    for (EdmEntitySet set : edm.getEntityContainer().getEntitySets()) {
      tables.put(set.getName(), table(set));
    }
    for (EntityTable table : tables.values()) {
      for (String navigation : table.entityType().getNavigationPropertyNames()) {
        Relation relation = relation(table, table.entityType().getNavigationProperty(navigation));
        table.addRelation(relation);
        if (relation.kind() == Relation.Kind.LINK_TABLE) {
          linkTables.putIfAbsent(relation.linkTable(), relation);
        }
      }
    }
  }

  /** The table of entity set {@code name}; fails for an unknown name. */
  public EntityTable table(String name) {
    EntityTable table = tables.get(name);
    if (table == null) {
      throw new IllegalArgumentException("There is no entity set '" + name + "'; entity sets are " + tables.keySet());
    }
    return table;
  }

  public Collection<EntityTable> tables() {
    return tables.values();
  }

  /** The names of the link tables of many-to-many relations. */
  public Collection<String> linkTables() {
    return linkTables.keySet();
  }

  /** Creates the tables that do not exist yet, and starts the version counter after the newest change. */
  public void create(Database database) {
    database.transaction(connection -> {
      try (Statement statement = connection.createStatement()) {
        for (String sql : ddl()) {
          statement.execute(sql);
        }
      }
      database.startVersionsAt(newestVersion(database));
      return null;
    });
  }

  private long newestVersion(Database database) throws SQLException {
    List<String> maxima = new ArrayList<>();
    for (EntityTable table : tables.values()) {
      maxima.add("(SELECT coalesce(max(" + EntityTable.VERSION + "), 0) FROM " + table.sqlName() + ")");
    }
    maxima.add("(SELECT coalesce(max(version), 0) FROM " + REMOVED + ")");
    return database.queryLong("SELECT max(" + String.join(", ", maxima) + ")");
  }

  /** Deletes every row, including the records of removed entities and of repeatable requests. */
  public void clear(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (EntityTable table : tables.values()) {
        statement.execute("DELETE FROM " + table.sqlName());
      }
      for (String link : linkTables.keySet()) {
        statement.execute("DELETE FROM \"" + link + "\"");
      }
      statement.execute("DELETE FROM " + REMOVED);
      statement.execute("DELETE FROM " + REPEATABLE);
    }
  }

  private List<String> ddl() {
    List<String> ddl = new ArrayList<>();
    for (EntityTable table : tables.values()) {
      List<String> columns = new ArrayList<>();
      for (Column column : table.columns()) {
        String definition = column.sql() + " " + column.type().sqlType();
        if (table.serverGeneratedKey() && table.keys().contains(column)) {
          definition += " PRIMARY KEY AUTOINCREMENT";
        } else if (!column.nullable()) {
          definition += " NOT NULL";
        }
        columns.add(definition);
      }
      columns.add(EntityTable.VERSION + " INTEGER NOT NULL");
      if (!table.serverGeneratedKey()) {
        columns.add("PRIMARY KEY (" + names(table.keys()) + ")");
      }
      ddl.add("CREATE TABLE IF NOT EXISTS " + table.sqlName() + " (" + String.join(", ", columns) + ")");
      ddl.add(index(table.name(), EntityTable.VERSION, EntityTable.VERSION));
      for (Relation relation : table.relations()) {
        if (relation.kind() == Relation.Kind.FOREIGN_KEY_ON_SOURCE) {
          ddl.add(index(table.name(), relation.name(), names(relation.sourceColumns())));
        }
      }
    }
    for (Relation relation : linkTables.values()) {
      List<String> columns = new ArrayList<>(relation.linkSourceColumns());
      columns.addAll(relation.linkTargetColumns());
      ddl.add("CREATE TABLE IF NOT EXISTS \"" + relation.linkTable() + "\" (" + quoted(columns) + ", PRIMARY KEY ("
          + quoted(columns) + "))");
      ddl.add(index(relation.linkTable(), "target", quoted(relation.linkTargetColumns())));
    }
    ddl.add("CREATE TABLE IF NOT EXISTS " + REMOVED
        + " (entity_set TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL)");
    ddl.add(index(REMOVED, "version", "entity_set, version"));
    ddl.add("CREATE TABLE IF NOT EXISTS " + REPEATABLE + " (client_id TEXT NOT NULL, request_id TEXT NOT NULL,"
        + " status INTEGER NOT NULL, headers TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (client_id, request_id))");
    return ddl;
  }

  private static String index(String table, String suffix, String columns) {
    return "CREATE INDEX IF NOT EXISTS \"" + table + "_" + suffix + "\" ON \"" + table + "\" (" + columns + ")";
  }

  private static String names(List<Column> columns) {
    return quoted(columns.stream().map(Column::name).toList());
  }

  private static String quoted(List<String> names) {
    return String.join(", ", names.stream().map(name -> "\"" + name + "\"").toList());
  }

  private static EntityTable table(EdmEntitySet set) {
    EdmEntityType type = set.getEntityType();
    List<Column> columns = new ArrayList<>();
    addColumns(type, List.of(), true, columns);
    List<Column> keys = new ArrayList<>();
    for (String key : type.getKeyPredicateNames()) {
      keys.add(find(columns, key));
    }
    boolean serverKey = keys.size() == 1 && annotated(type.getStructuralProperty(keys.get(0).name()), COMPUTED);
    List<Column> stampedOnCreate = new ArrayList<>();
    List<Column> stampedOnWrite = new ArrayList<>();
    for (Column column : columns) {
      EdmProperty property = type.getStructuralProperty(column.property());
      if (!column.inComplex() && column.type() == ColumnType.DATE_TIME_OFFSET && annotated(property, COMPUTED)) {
        stampedOnCreate.add(column);
        if (!column.name().equals(CREATED_AT)) {
          stampedOnWrite.add(column);
        }
      }
    }
    return new EntityTable(set, columns, keys, serverKey, annotated(set, OPTIMISTIC_CONCURRENCY),
        annotated(set, CHANGE_TRACKING), stampedOnCreate, stampedOnWrite);
  }

  private static void addColumns(EdmStructuredType type, List<String> prefix, boolean nullableParent,
      List<Column> columns) {
    for (String name : type.getPropertyNames()) {
      EdmProperty property = type.getStructuralProperty(name);
      List<String> path = new ArrayList<>(prefix);
      path.add(name);
      boolean nullable = nullableParent && !prefix.isEmpty() || property.isNullable();
      EdmType edmType = property.getType();
      if (edmType.getKind() == EdmTypeKind.COMPLEX && !property.isCollection()) {
        addColumns((EdmComplexType) edmType, path, true, columns);
        continue;
      }
      ColumnType columnType;
      if (property.isCollection() && edmType.getKind() == EdmTypeKind.PRIMITIVE
          && EdmPrimitiveTypeKind.valueOfFQN(edmType.getFullQualifiedName()) == EdmPrimitiveTypeKind.String) {
        columnType = ColumnType.STRING_COLLECTION;
      } else if (property.isCollection()) {
        throw new IllegalArgumentException("Property " + String.join("/", path) + " of " + type.getName()
            + " is a collection of " + edmType.getFullQualifiedName()
            + "; the example back end stores only collections of Edm.String.");
      } else if (edmType.getKind() == EdmTypeKind.ENUM) {
        columnType = ColumnType.ofEnum((EdmEnumType) edmType);
      } else {
        columnType = ColumnType.of(EdmPrimitiveTypeKind.valueOfFQN(edmType.getFullQualifiedName()), property.getScale());
      }
      columns.add(new Column(String.join("_", path), List.copyOf(path), columnType, nullable, property.isCollection()));
    }
  }

  private Relation relation(EntityTable source, EdmNavigationProperty navigation) {
    EntityTable target = tables.get(source.entitySet().getRelatedBindingTarget(navigation.getName()).getName());
    EdmNavigationProperty partner = navigation.getPartner();
    if (!navigation.getReferentialConstraints().isEmpty()) {
      List<Column> sourceColumns = new ArrayList<>();
      List<Column> targetColumns = new ArrayList<>();
      for (EdmReferentialConstraint constraint : navigation.getReferentialConstraints()) {
        sourceColumns.add(find(source.columns(), constraint.getPropertyName()));
        targetColumns.add(find(target.columns(), constraint.getReferencedPropertyName()));
      }
      return new Relation(navigation.getName(), source, target, Relation.Kind.FOREIGN_KEY_ON_SOURCE, false,
          navigation.isNullable(), sourceColumns, targetColumns, null, List.of(), List.of());
    }
    if (partner != null && !partner.getReferentialConstraints().isEmpty()) {
      List<Column> sourceColumns = new ArrayList<>();
      List<Column> targetColumns = new ArrayList<>();
      for (EdmReferentialConstraint constraint : partner.getReferentialConstraints()) {
        sourceColumns.add(find(source.columns(), constraint.getReferencedPropertyName()));
        targetColumns.add(find(target.columns(), constraint.getPropertyName()));
      }
      return new Relation(navigation.getName(), source, target, Relation.Kind.FOREIGN_KEY_ON_TARGET,
          navigation.isCollection(), partner.isNullable(), sourceColumns, targetColumns, null, List.of(), List.of());
    }
    String forward = source.name() + "_" + navigation.getName();
    String backward = partner == null ? forward : target.name() + "_" + partner.getName();
    String linkTable = forward.compareTo(backward) >= 0 ? forward : backward;
    return new Relation(navigation.getName(), source, target, Relation.Kind.LINK_TABLE, navigation.isCollection(),
        true, source.keys(), List.of(), linkTable, linkColumns(source), linkColumns(target));
  }

  private static List<String> linkColumns(EntityTable table) {
    return table.keys().stream().map(key -> table.name() + "_" + key.name()).toList();
  }

  private static Column find(List<Column> columns, String name) {
    for (Column column : columns) {
      if (column.name().equals(name) && !column.inComplex()) {
        return column;
      }
    }
    throw new IllegalArgumentException("No primitive property '" + name + "' among " + columns.stream()
        .map(Column::name).toList());
  }

  private static boolean annotated(EdmAnnotatable annotatable, String term) {
    for (EdmAnnotation annotation : annotatable.getAnnotations()) {
      if (annotation.getTerm() != null
          && annotation.getTerm().getFullQualifiedName().getFullQualifiedNameAsString().equals(term)) {
        return true;
      }
    }
    return false;
  }
}
