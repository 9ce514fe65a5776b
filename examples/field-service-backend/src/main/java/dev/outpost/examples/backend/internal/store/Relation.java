package dev.outpost.examples.backend.internal.store;

import java.util.ArrayList;
import java.util.List;

/**
 * How a navigation property is stored: through foreign-key columns on the source (to one), on
 * the target (the partner holds the referential constraint), or through a link table (many to
 * many, no constraint on either side).
 */
public final class Relation {

  /** Where the link between the two rows is kept. */
  public enum Kind { FOREIGN_KEY_ON_SOURCE, FOREIGN_KEY_ON_TARGET, LINK_TABLE }

  private final String name;
  private final EntityTable source;
  private final EntityTable target;
  private final Kind kind;
  private final boolean collection;
  private final boolean nullable;
  private final List<Column> sourceColumns;
  private final List<Column> targetColumns;
  private final String linkTable;
  private final List<String> linkSourceColumns;
  private final List<String> linkTargetColumns;

  Relation(String name, EntityTable source, EntityTable target, Kind kind, boolean collection, boolean nullable,
      List<Column> sourceColumns, List<Column> targetColumns, String linkTable,
      List<String> linkSourceColumns, List<String> linkTargetColumns) {
    this.name = name;
    this.source = source;
    this.target = target;
    this.kind = kind;
    this.collection = collection;
    this.nullable = nullable;
    this.sourceColumns = sourceColumns;
    this.targetColumns = targetColumns;
    this.linkTable = linkTable;
    this.linkSourceColumns = linkSourceColumns;
    this.linkTargetColumns = linkTargetColumns;
  }

  public String name() { return name; }
  public EntityTable source() { return source; }
  public EntityTable target() { return target; }
  public Kind kind() { return kind; }
  public boolean isCollection() { return collection; }
  public boolean isNullable() { return nullable; }

  /**
   * The source columns whose values identify the related rows: the foreign key for a to-one
   * relation, the key otherwise.
   */
  public List<Column> sourceColumns() { return sourceColumns; }

  /**
   * Target-side columns that the source's foreign key points at (to one), or that point at the
   * source (foreign key on target). Empty for link tables.
   */
  public List<Column> targetColumns() { return targetColumns; }

  public String linkTable() { return linkTable; }
  public List<String> linkSourceColumns() { return linkSourceColumns; }
  public List<String> linkTargetColumns() { return linkTargetColumns; }

  /** {@code FROM} clause text that reaches the target rows as {@code alias}. */
  public String targetFrom(String alias) {
    String from = target.sqlName() + " " + alias;
    if (kind == Kind.LINK_TABLE) {
      String link = linkAlias(alias);
      List<String> on = new ArrayList<>();
      for (int i = 0; i < linkTargetColumns.size(); i++) {
        on.add(link + ".\"" + linkTargetColumns.get(i) + "\" = " + target.keys().get(i).sql(alias));
      }
      from += " JOIN \"" + linkTable + "\" " + link + " ON " + String.join(" AND ", on);
    }
    return from;
  }

  /**
   * Target-side SQL expressions, one per {@link #sourceColumns()} entry, that equal the source
   * row's values for related rows.
   */
  public List<String> targetMatch(String alias) {
    List<String> match = new ArrayList<>();
    if (kind == Kind.LINK_TABLE) {
      for (String column : linkSourceColumns) {
        match.add(linkAlias(alias) + ".\"" + column + "\"");
      }
    } else {
      for (Column column : targetColumns) {
        match.add(column.sql(alias));
      }
    }
    return match;
  }

  /** The condition that joins target rows ({@code targetAlias}) to the source row ({@code sourceAlias}). */
  public String joinCondition(String sourceAlias, String targetAlias) {
    List<String> match = targetMatch(targetAlias);
    List<String> conditions = new ArrayList<>();
    for (int i = 0; i < match.size(); i++) {
      conditions.add(match.get(i) + " = " + sourceColumns.get(i).sql(sourceAlias));
    }
    return String.join(" AND ", conditions);
  }

  private static String linkAlias(String alias) {
    return alias + "_link";
  }
}
