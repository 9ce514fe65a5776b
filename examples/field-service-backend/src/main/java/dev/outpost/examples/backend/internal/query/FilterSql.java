package dev.outpost.examples.backend.internal.query;

import dev.outpost.examples.backend.internal.store.Column;
import dev.outpost.examples.backend.internal.store.ColumnType;
import dev.outpost.examples.backend.internal.store.EntityTable;
import dev.outpost.examples.backend.internal.store.Relation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.olingo.commons.api.edm.EdmEnumType;
import org.apache.olingo.commons.api.edm.EdmPrimitiveType;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeException;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;
import org.apache.olingo.commons.api.edm.EdmType;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourceComplexProperty;
import org.apache.olingo.server.api.uri.UriResourceLambdaAll;
import org.apache.olingo.server.api.uri.UriResourceLambdaAny;
import org.apache.olingo.server.api.uri.UriResourceLambdaVariable;
import org.apache.olingo.server.api.uri.UriResourceNavigation;
import org.apache.olingo.server.api.uri.UriResourcePrimitiveProperty;
import org.apache.olingo.server.api.uri.queryoption.expression.BinaryOperatorKind;
import org.apache.olingo.server.api.uri.queryoption.expression.Expression;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitException;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitor;
import org.apache.olingo.server.api.uri.queryoption.expression.Literal;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;
import org.apache.olingo.server.api.uri.queryoption.expression.MethodKind;
import org.apache.olingo.server.api.uri.queryoption.expression.UnaryOperatorKind;

/**
 * Translates an OData expression ($filter, $orderby) into SQL over the entity tables. Values are
 * always bound parameters. Navigation paths become correlated subqueries; lambda operators
 * become EXISTS over the related rows, or over {@code json_each} for collections of strings.
 */
final class FilterSql implements ExpressionVisitor<Sql> {

  /** What a name refers to while translating: rows of a table, or the values of a string collection. */
  private record Scope(EntityTable table, String alias, String value) {}

  private final Scope root;
  private final Map<String, Scope> variables = new HashMap<>();
  private final Aliases aliases;

  FilterSql(EntityTable table, String alias, Aliases aliases) {
    this.root = new Scope(table, alias, null);
    this.aliases = aliases;
  }

  /** Hands out table aliases that are unique within one statement. */
  static final class Aliases {
    private int next;

    String next() {
      return "t" + (++next);
    }
  }

  Sql translate(Expression expression) throws ODataApplicationException {
    try {
      return expression.accept(this);
    } catch (ExpressionVisitException e) {
      throw new ODataApplicationException("Cannot translate the expression " + expression + ": " + e.getMessage(),
          HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT, e);
    }
  }

  @Override
  public Sql visitBinaryOperator(BinaryOperatorKind operator, Sql left, Sql right) throws ODataApplicationException {
    ColumnType numeric = left.type() != null ? left.type() : right.type();
    return switch (operator) {
      case EQ -> Sql.join(null, "(", left, " IS ", right, ")");
      case NE -> Sql.join(null, "(", left, " IS NOT ", right, ")");
      case GT -> compare(left, ">", right);
      case GE -> compare(left, ">=", right);
      case LT -> compare(left, "<", right);
      case LE -> compare(left, "<=", right);
      case AND -> Sql.join(null, "(", left, " AND ", right, ")");
      case OR -> Sql.join(null, "(", left, " OR ", right, ")");
      case ADD -> Sql.join(numeric, "(", left, " + ", right, ")");
      case SUB -> Sql.join(numeric, "(", left, " - ", right, ")");
      case MUL -> Sql.join(numeric, "(", left, " * ", right, ")");
      case DIV -> Sql.join(numeric, "(", left, " / ", right, ")");
      case MOD -> Sql.join(numeric, "(", left, " % ", right, ")");
      case HAS -> Sql.join(null, "((", left, " & ", right, ") = ", right, " AND (", right, " <> 0 OR ", left, " = 0))");
      default -> throw notImplemented("operator " + operator);
    };
  }

  /**
   * A comparison that SQLite can answer from an index. A null operand makes it NULL rather
   * than false; {@link #visitUnaryOperator} negates with {@code IS NOT 1} so that
   * {@code not (x gt 1)} is true for a null x, as OData says.
   */
  private static Sql compare(Sql left, String operator, Sql right) {
    return Sql.join(null, "(", left, " ", operator, " ", right, ")");
  }

  @Override
  public Sql visitBinaryOperator(BinaryOperatorKind operator, Sql left, List<Sql> right)
      throws ODataApplicationException {
    if (operator != BinaryOperatorKind.IN) {
      throw notImplemented("operator " + operator + " with a list");
    }
    List<Object> parts = new ArrayList<>(List.of("(", left, " IN ("));
    for (int i = 0; i < right.size(); i++) {
      parts.add(i == 0 ? "" : ", ");
      parts.add(right.get(i));
    }
    parts.add("))");
    return Sql.join(null, parts.toArray());
  }

  @Override
  public Sql visitUnaryOperator(UnaryOperatorKind operator, Sql operand) {
    return operator == UnaryOperatorKind.NOT
        ? Sql.join(null, "(", operand, " IS NOT 1)")
        : Sql.join(operand.type(), "(- ", operand, ")");
  }

  @Override
  public Sql visitMethodCall(MethodKind method, List<Sql> p) throws ODataApplicationException {
    return switch (method) {
      case CONTAINS -> Sql.join(null, "coalesce(instr(", p.get(0), ", ", p.get(1), ") > 0, 0)");
      case STARTSWITH -> Sql.join(null, "coalesce(substr(", p.get(0), ", 1, length(", p.get(1), ")) = ", p.get(1), ", 0)");
      case ENDSWITH -> Sql.join(null, "coalesce(length(", p.get(1), ") = 0 OR substr(", p.get(0), ", -length(",
          p.get(1), ")) = ", p.get(1), ", 0)");
      case LENGTH -> Sql.join(null, "length(", p.get(0), ")");
      case INDEXOF -> Sql.join(null, "(instr(", p.get(0), ", ", p.get(1), ") - 1)");
      case SUBSTRING -> p.size() == 2
          ? Sql.join(p.get(0).type(), "substr(", p.get(0), ", ", p.get(1), " + 1)")
          : Sql.join(p.get(0).type(), "substr(", p.get(0), ", ", p.get(1), " + 1, ", p.get(2), ")");
      case TOLOWER -> Sql.join(p.get(0).type(), "lower(", p.get(0), ")");
      case TOUPPER -> Sql.join(p.get(0).type(), "upper(", p.get(0), ")");
      case TRIM -> Sql.join(p.get(0).type(), "trim(", p.get(0), ")");
      case CONCAT -> Sql.join(p.get(0).type(), "(", p.get(0), " || ", p.get(1), ")");
      case YEAR -> timePart("%Y", p.get(0));
      case MONTH -> timePart("%m", p.get(0));
      case DAY -> timePart("%d", p.get(0));
      case HOUR -> timePart("%H", p.get(0));
      case MINUTE -> timePart("%M", p.get(0));
      case SECOND -> timePart("%S", p.get(0));
      case NOW -> Sql.of("CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)",
          ColumnType.of(EdmPrimitiveTypeKind.DateTimeOffset, null));
      case ROUND -> Sql.join(null, "round(", p.get(0), ")");
      case FLOOR -> Sql.join(null, "(CASE WHEN ", p.get(0), " < CAST(", p.get(0), " AS INTEGER) THEN CAST(", p.get(0),
          " AS INTEGER) - 1 ELSE CAST(", p.get(0), " AS INTEGER) END)");
      case CEILING -> Sql.join(null, "(CASE WHEN ", p.get(0), " > CAST(", p.get(0), " AS INTEGER) THEN CAST(", p.get(0),
          " AS INTEGER) + 1 ELSE CAST(", p.get(0), " AS INTEGER) END)");
      default -> throw notImplemented("function " + method.toString());
    };
  }

  private static Sql timePart(String format, Sql time) throws ODataApplicationException {
    if (time.type() == null || !time.type().isTemporal()) {
      throw new ODataApplicationException("Date functions need an Edm.Date or Edm.DateTimeOffset argument.",
          HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT);
    }
    return Sql.join(null, "CAST(strftime('" + format + "', ", new Sql(time.type().sqliteTime(time.text()),
        time.params(), null), ") AS INTEGER)");
  }

  @Override
  public Sql visitLambdaExpression(String function, String variable, Expression expression) {
    throw new UnsupportedOperationException("Lambda expressions are translated from their member path");
  }

  @Override
  public Sql visitLiteral(Literal literal) throws ODataApplicationException {
    EdmType type = literal.getType();
    if (type == null) {
      return Sql.of("NULL", null);
    }
    if (!(type instanceof EdmPrimitiveType primitive)) {
      throw notImplemented("literals of type " + type.getFullQualifiedName());
    }
    ColumnType columnType = ColumnType.of(EdmPrimitiveTypeKind.valueOfFQN(type.getFullQualifiedName()), null);
    try {
      return Sql.param(columnType.fromText(primitive.fromUriLiteral(literal.getText())), columnType);
    } catch (EdmPrimitiveTypeException | RuntimeException e) {
      throw new ODataApplicationException("The literal " + literal.getText() + " is not a valid "
          + type.getFullQualifiedName() + ": " + e.getMessage(), HttpStatusCode.BAD_REQUEST.getStatusCode(),
          Locale.ROOT, e);
    }
  }

  @Override
  public Sql visitEnum(EdmEnumType type, List<String> members) throws ODataApplicationException {
    ColumnType columnType = ColumnType.ofEnum(type);
    long value = 0;
    for (String member : members) {
      value |= (Long) columnType.fromText(member);
    }
    return Sql.param(value, columnType);
  }

  @Override
  public Sql visitMember(Member member) throws ODataApplicationException {
    return path(member.getResourcePath().getUriResourceParts(), 0, root, List.of());
  }

  private Sql path(List<UriResource> parts, int index, Scope scope, List<String> prefix)
      throws ODataApplicationException {
    UriResource part = parts.get(index);
    boolean last = index == parts.size() - 1;
    if (part instanceof UriResourceLambdaVariable variable) {
      Scope bound = variables.get(variable.getVariableName());
      if (bound.value() != null && last) {
        return Sql.of(bound.value(), ColumnType.of(EdmPrimitiveTypeKind.String, null));
      }
      return path(parts, index + 1, bound, List.of());
    }
    if (part instanceof UriResourceComplexProperty complex) {
      List<String> path = new ArrayList<>(prefix);
      path.add(complex.getProperty().getName());
      return path(parts, index + 1, scope, path);
    }
    if (part instanceof UriResourcePrimitiveProperty primitive) {
      List<String> path = new ArrayList<>(prefix);
      path.add(primitive.getProperty().getName());
      Column column = scope.table().column(path);
      if (column.collection()) {
        return overStrings(column.sql(scope.alias()), parts, index + 1);
      }
      return Sql.of(column.type().comparable(column.sql(scope.alias())), column.type());
    }
    if (part instanceof UriResourceNavigation navigation) {
      Relation relation = scope.table().relation(navigation.getProperty().getName());
      String alias = aliases.next();
      String from = relation.targetFrom(alias) + " WHERE " + relation.joinCondition(scope.alias(), alias);
      Scope target = new Scope(relation.target(), alias, null);
      if (!navigation.isCollection()) {
        Sql inner = path(parts, index + 1, target, List.of());
        return Sql.join(inner.type(), "(SELECT ", inner, " FROM " + from + ")");
      }
      return overRows(from, target, parts, index + 1);
    }
    throw notImplemented("path segment " + part.getSegmentValue());
  }

  private Sql overRows(String from, Scope target, List<UriResource> parts, int index)
      throws ODataApplicationException {
    UriResource operation = index < parts.size() ? parts.get(index) : null;
    if (operation instanceof UriResourceLambdaAny any) {
      return exists(from, any.getLambdaVariable(), target, any.getExpression(), false);
    }
    if (operation instanceof UriResourceLambdaAll all) {
      return exists(from, all.getLambdaVariable(), target, all.getExpression(), true);
    }
    if (operation != null && "$count".equals(operation.getSegmentValue())) {
      return Sql.of("(SELECT count(*) FROM " + from + ")", ColumnType.of(EdmPrimitiveTypeKind.Int64, null));
    }
    throw notImplemented("a collection-valued path without any, all or $count");
  }

  private Sql overStrings(String column, List<UriResource> parts, int index) throws ODataApplicationException {
    String alias = aliases.next();
    String from = "json_each(" + column + ") " + alias;
    Scope values = new Scope(null, alias, alias + ".value");
    return overRows(from + " WHERE 1", values, parts, index);
  }

  private Sql exists(String from, String variable, Scope target, Expression condition, boolean all)
      throws ODataApplicationException {
    if (condition == null) {
      return Sql.of("EXISTS (SELECT 1 FROM " + from + ")", null);
    }
    Scope previous = variables.put(variable, target);
    try {
      Sql translated = translate(condition);
      return all
          ? Sql.join(null, "NOT EXISTS (SELECT 1 FROM " + from + " AND (", translated, ") IS NOT 1)")
          : Sql.join(null, "EXISTS (SELECT 1 FROM " + from + " AND (", translated, "))");
    } finally {
      if (previous == null) {
        variables.remove(variable);
      } else {
        variables.put(variable, previous);
      }
    }
  }

  @Override
  public Sql visitAlias(String alias) throws ODataApplicationException {
    throw notImplemented("parameter aliases");
  }

  @Override
  public Sql visitTypeLiteral(EdmType type) throws ODataApplicationException {
    throw notImplemented("type literals");
  }

  @Override
  public Sql visitLambdaReference(String variable) {
    Scope bound = variables.get(variable);
    return Sql.of(bound.value(), ColumnType.of(EdmPrimitiveTypeKind.String, null));
  }

  private static ODataApplicationException notImplemented(String what) {
    return new ODataApplicationException("The example back end does not implement " + what + " in $filter or $orderby.",
        HttpStatusCode.NOT_IMPLEMENTED.getStatusCode(), Locale.ROOT);
  }
}
