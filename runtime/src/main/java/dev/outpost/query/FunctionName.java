package dev.outpost.query;

import java.util.Set;

/** Names of the functions a query can call, in OData's spelling. */
public final class FunctionName {

    // String functions
    public static final String CONCAT = "concat";
    public static final String CONTAINS = "contains";
    public static final String ENDSWITH = "endswith";
    public static final String INDEXOF = "indexof";
    public static final String LENGTH = "length";
    public static final String STARTSWITH = "startswith";
    public static final String SUBSTRING = "substring";
    public static final String TOLOWER = "tolower";
    public static final String TOUPPER = "toupper";
    public static final String TRIM = "trim";
    public static final String MATCHES_PATTERN = "matchesPattern";
    // Date and time functions
    public static final String DATE = "date";
    public static final String DAY = "day";
    public static final String FRACTIONALSECONDS = "fractionalseconds";
    public static final String HOUR = "hour";
    public static final String MAXDATETIME = "maxdatetime";
    public static final String MINDATETIME = "mindatetime";
    public static final String MINUTE = "minute";
    public static final String MONTH = "month";
    public static final String NOW = "now";
    public static final String SECOND = "second";
    public static final String TIME = "time";
    public static final String TOTALOFFSETMINUTES = "totaloffsetminutes";
    public static final String TOTALSECONDS = "totalseconds";
    public static final String YEAR = "year";
    // Arithmetic functions
    public static final String CEILING = "ceiling";
    public static final String FLOOR = "floor";
    public static final String ROUND = "round";
    // Geo functions (rendered to URLs; not evaluated by the offline store)
    public static final String GEO_DISTANCE = "geo.distance";
    public static final String GEO_INTERSECTS = "geo.intersects";
    public static final String GEO_LENGTH = "geo.length";

    /** Whether a related entity exists along a navigation path (offline store only). */
    public static final String ENTITY_EXISTS = "sap.entityexists";
    /** Whether the entity was created or changed locally and not yet downloaded back (offline store only). */
    public static final String IS_LOCAL = "sap.islocal";
    /** Whether requests for the entity wait in the request queue (offline store only). */
    public static final String HAS_PENDING_CHANGES = "sap.haspendingchanges";
    /** Whether a failed request for the entity is in the error archive (offline store only). */
    public static final String IN_ERROR_STATE = "sap.inerrorstate";

    /** Functions only the offline store evaluates; a back end does not know them. */
    public static final Set<String> OFFLINE_ONLY = Set.of(ENTITY_EXISTS, IS_LOCAL, HAS_PENDING_CHANGES, IN_ERROR_STATE);

    private FunctionName() {
    }
}
