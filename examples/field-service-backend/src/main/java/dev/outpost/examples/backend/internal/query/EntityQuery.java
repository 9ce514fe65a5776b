package dev.outpost.examples.backend.internal.query;

import dev.outpost.examples.backend.internal.store.Column;
import dev.outpost.examples.backend.internal.store.EntityTable;
import dev.outpost.examples.backend.internal.store.Relation;
import dev.outpost.examples.backend.internal.store.Row;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourceNavigation;
import org.apache.olingo.server.api.uri.queryoption.ExpandItem;
import org.apache.olingo.server.api.uri.queryoption.ExpandOption;
import org.apache.olingo.server.api.uri.queryoption.FilterOption;
import org.apache.olingo.server.api.uri.queryoption.OrderByItem;
import org.apache.olingo.server.api.uri.queryoption.OrderByOption;
import org.apache.olingo.server.api.uri.queryoption.SelectItem;
import org.apache.olingo.server.api.uri.queryoption.SelectOption;
import org.apache.olingo.server.api.uri.queryoption.SkipOption;
import org.apache.olingo.server.api.uri.queryoption.TopOption;

/**
 * A read of one entity set translated to SQL pieces: $filter and $orderby as SQL over alias
 * {@code t0}, $top and $skip, the selected properties, and nested queries for each $expand.
 */
public final class EntityQuery {

  /** The alias of the queried table in every statement. */
  public static final String ALIAS = "t0";

  private final EntityTable table;
  private final Sql filter;
  private final List<Sql> orderBy;
  private final Integer top;
  private final Integer skip;
  private final Set<String> select;
  private final List<Expansion> expansions;

  /** An $expand of one navigation property, with the query that applies to the related rows. */
  public record Expansion(Relation relation, EntityQuery query) {}

  private EntityQuery(EntityTable table, Sql filter, List<Sql> orderBy, Integer top, Integer skip, Set<String> select,
      List<Expansion> expansions) {
    this.table = table;
    this.filter = filter;
    this.orderBy = orderBy;
    this.top = top;
    this.skip = skip;
    this.select = select;
    this.expansions = expansions;
  }

  /** The query that the system query options ask for on {@code table}; any option may be null. */
  public static EntityQuery of(EntityTable table, FilterOption filter, OrderByOption orderBy, TopOption top,
      SkipOption skip, SelectOption select, ExpandOption expand) throws ODataApplicationException {
    FilterSql.Aliases aliases = new FilterSql.Aliases();
    Sql where = filter == null ? null : new FilterSql(table, ALIAS, aliases).translate(filter.getExpression());
    List<Sql> order = new ArrayList<>();
    if (orderBy != null) {
      for (OrderByItem item : orderBy.getOrders()) {
        Sql expression = new FilterSql(table, ALIAS, aliases).translate(item.getExpression());
        order.add(Sql.join(null, expression, item.isDescending() ? " DESC" : " ASC"));
      }
    }
    return new EntityQuery(table, where, order, top == null ? null : top.getValue(),
        skip == null ? null : skip.getValue(), selected(select), expansions(table, expand));
  }

  /** The query that reads every entity of {@code table} with all properties. */
  public static EntityQuery all(EntityTable table) {
    return new EntityQuery(table, null, List.of(), null, null, null, List.of());
  }

  private static Set<String> selected(SelectOption select) {
    if (select == null) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    for (SelectItem item : select.getSelectItems()) {
      if (item.isStar()) {
        return null;
      }
      names.add(item.getResourcePath().getUriResourceParts().get(0).getSegmentValue());
    }
    return names;
  }

  private static List<Expansion> expansions(EntityTable table, ExpandOption expand) throws ODataApplicationException {
    List<Expansion> expansions = new ArrayList<>();
    if (expand == null) {
      return expansions;
    }
    for (ExpandItem item : expand.getExpandItems()) {
      if (item.isStar()) {
        for (Relation relation : table.relations()) {
          expansions.add(new Expansion(relation, all(relation.target())));
        }
        continue;
      }
      List<UriResource> parts = item.getResourcePath().getUriResourceParts();
      if (parts.size() != 1 || !(parts.get(0) instanceof UriResourceNavigation navigation)) {
        throw new ODataApplicationException("$expand supports single navigation properties, not "
            + item.getResourcePath().getUriResourceParts(), HttpStatusCode.NOT_IMPLEMENTED.getStatusCode(), Locale.ROOT);
      }
      Relation relation = table.relation(navigation.getProperty().getName());
      expansions.add(new Expansion(relation, of(relation.target(), item.getFilterOption(), item.getOrderByOption(),
          item.getTopOption(), item.getSkipOption(), item.getSelectOption(), item.getExpandOption())));
    }
    return expansions;
  }

  /**
   * This query limited to the entities related to {@code parent} through {@code relation}
   * (whose target is this query's table).
   */
  public EntityQuery relatedTo(Relation relation, Row parent) {
    List<String> match = relation.targetMatch("r0");
    List<String> conditions = new ArrayList<>();
    for (String column : match) {
      conditions.add(column + " = ?");
    }
    for (Column key : table.keys()) {
      conditions.add(key.sql("r0") + " = " + key.sql(ALIAS));
    }
    Sql related = new Sql("EXISTS (SELECT 1 FROM " + relation.targetFrom("r0") + " WHERE "
        + String.join(" AND ", conditions) + ")", parent.values(relation.sourceColumns()), null);
    Sql where = filter == null ? related : Sql.join(null, related, " AND (", filter, ")");
    return new EntityQuery(table, where, orderBy, top, skip, select, expansions);
  }

  public EntityTable table() { return table; }

  /** The $filter condition, or null. */
  Sql filter() { return filter; }

  /** The $orderby terms; empty when the order is the key order. */
  List<Sql> orderBy() { return orderBy; }

  public boolean hasOrderBy() { return !orderBy.isEmpty(); }
  public Integer top() { return top; }
  public Integer skip() { return skip; }

  /** The selected top-level properties, or null for all. */
  public Set<String> select() { return select; }

  public List<Expansion> expansions() { return expansions; }
}
