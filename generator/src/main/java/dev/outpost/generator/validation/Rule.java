package dev.outpost.generator.validation;

import java.util.Locale;
import java.util.Optional;

/**
 * The catalogue of offline-readiness rules. Codes are stable: a code keeps its meaning for
 * good, and a retired rule's code is never reused. Each rule says what it checks, what happens
 * offline and what to do; a finding's message is its specific subject followed by the last two.
 *
 * <p>{@code docs/validation-rules.md} is rendered from this catalogue.
 */
public enum Rule {

    NO_KEY("OUT101", Severity.ERROR,
            "Entity type without a key",
            "An entity type used by an entity set, a singleton or a collection-valued containment navigation has no"
                    + " key, neither declared nor inherited from a base type.",
            "the store cannot identify downloaded entities of this type, so it cannot update, merge or remove them"
                    + " on the next download, and it cannot address them in queued requests",
            "declare a Key on the entity type or one of its base types; without a key the type cannot be used offline"),

    COMPUTED_KEY("OUT102", Severity.INFO,
            "Server-generated key",
            "A key property is annotated Core.Computed: the server assigns its value.",
            "entities created offline have no key until they are uploaded and downloaded again; until then the store"
                    + " identifies them by a local entity ID, and their readLink and editLink use that ID",
            "leave the key empty when creating entities, and re-read, update or delete them through readLink and"
                    + " editLink; never build URLs from key values"),

    COMPUTED_PROPERTIES("OUT103", Severity.INFO,
            "Computed properties",
            "Non-key properties annotated Core.Computed; one finding per type lists them.",
            "the server computes them, so after a local create or update they are empty or stale until the next"
                    + " download after the upload",
            "do not rely on these values between a local change and the next download"),

    NO_ETAG("OUT104", Severity.WARNING,
            "Entity set without ETag",
            "An entity set has no Core.OptimisticConcurrency annotation, so the service does not use ETags for it.",
            "uploads carry no If-Match, so the store cannot detect conflicts: the last upload overwrites changes other"
                    + " users made after your download",
            "annotate the entity set with Core.OptimisticConcurrency (listing the properties the ETag is computed"
                    + " from) and let the service check If-Match, or accept that the last writer wins"),

    NO_CHANGE_TRACKING("OUT105", Severity.INFO,
            "Entity set without change tracking",
            "An entity set has no Capabilities.ChangeTracking annotation with Supported true on the set, else on its"
                    + " entity type or a base type, else on the entity container; Supported defaults to true when the"
                    + " annotation is present.",
            "every download of it is a full download (no delta links), and entities deleted on the server are found"
                    + " only by comparing the full result with the local copy",
            "enable change tracking (delta links) in the service and annotate the set with"
                    + " Capabilities.ChangeTracking, or keep the set's defining queries small"),

    NAVIGATION_WITHOUT_PARTNER("OUT106", Severity.WARNING,
            "Navigation without partner or referential constraint",
            "A non-containment navigation property has no Partner and no ReferentialConstraint, and no navigation"
                    + " property of the target type names it as its Partner.",
            "the store cannot relate the two sides of the relationship: a change through one side is not seen"
                    + " through the other, and after a partial download references can point at entities that are not"
                    + " in the store (dangling references)",
            "declare Partner on both navigation properties, or a ReferentialConstraint on the side that holds the"
                    + " foreign key"),

    MANY_TO_MANY("OUT107", Severity.INFO,
            "Many-to-many relationship",
            "A collection-valued navigation property whose Partner is collection-valued too; one finding per pair.",
            "the relationship is kept in a link table; createLink and deleteLink are uploaded as $ref requests, and"
                    + " links are learned on download only when a defining query expands this navigation",
            "expand this navigation in a defining query so that links are downloaded; change links with createLink"
                    + " and deleteLink (updateLink works only for 0..1 ends)"),

    CONTAINMENT("OUT108", Severity.WARNING,
            "Containment navigation",
            "A navigation property with ContainsTarget=\"true\".",
            "contained entities have no entity set of their own: they are downloaded only through their container"
                    + " and can be created only through the parent's navigation property",
            "reach the contained entities through their parent in a defining query (expand or navigate), and create"
                    + " them with createRelatedEntity on the parent"),

    STREAM("OUT109", Severity.WARNING,
            "Media entity or stream property",
            "An entity type with HasStream=\"true\" (a media entity), or a property of type Edm.Stream.",
            "stream content is neither stored nor uploaded offline; only the entity's other properties are, and"
                    + " reading the stream fails while offline",
            "read and write the stream online only, or keep content the app needs offline in an Edm.Binary"
                    + " property"),

    DEEP_INSERT("OUT110", Severity.INFO,
            "Deep insert limits",
            "A collection-valued navigation property of an entity set's type leads to children that cannot exist"
                    + " without the parent: the partner is single-valued and not nullable, or has a referential"
                    + " constraint on a non-nullable key property.",
            "offline, children of a new parent take the parent's key parts only once the parent is uploaded, so"
                    + " until then their keys are incomplete and not checked for uniqueness; the upload sends them"
                    + " after the parent, by deep insert or by Content-ID reference in the parent's change set",
            "create children with createRelatedEntity on this navigation property, in a change set after the parent,"
                    + " or by deep insert (setRelatedList) if the service supports deep insert; address them by readLink"),

    INHERITANCE("OUT111", Severity.INFO,
            "Type inheritance",
            "The entity type of an entity set or of a collection-valued containment navigation has derived types.",
            "all derived types share one table: properties of derived types are nullable columns, and a type cast in"
                    + " a query filters by the stored type",
            "expect derived-type properties to be null for entities of other types, and cast to a derived type to"
                    + " query its properties"),

    OPEN_TYPE("OUT112", Severity.WARNING,
            "Open type",
            "An entity or complex type declared OpenType=\"true\".",
            "dynamic properties are kept as a JSON document beside the declared properties; they cannot be used in"
                    + " $filter or $orderby on the local store",
            "declare the properties the app filters or sorts on; read dynamic properties as values only"),

    GEO("OUT113", Severity.INFO,
            "Geography or geometry properties",
            "Properties of an Edm.Geography* or Edm.Geometry* type; one finding per type lists them.",
            "the values are stored as GeoJSON text; geo functions (geo.distance, geo.intersects, geo.length) are"
                    + " not evaluated by the local store",
            "use geo functions in online queries only, or compute spatial conditions in the app"),

    UNTYPED("OUT114", Severity.WARNING,
            "Untyped property",
            "A property of type Edm.Untyped, or of the abstract types Edm.PrimitiveType or Edm.ComplexType.",
            "the value is stored as raw JSON; it cannot be used in $filter or $orderby locally, and the app must"
                    + " interpret it",
            "give the property a concrete type in the service if the app needs to query it"),

    OPERATION("OUT115", Severity.INFO,
            "Action or function",
            "An action or function (one finding per name, covering all overloads), and each action or function"
                    + " import.",
            "operations run on the back end only: a call fails while offline, and its effects reach the store only"
                    + " with the next download",
            "call operations while online and download afterwards, or express the change as entity creates,"
                    + " updates and deletes, which are queued offline"),

    SINGLETON("OUT116", Severity.INFO,
            "Singleton",
            "A singleton of the entity container.",
            "the singleton is stored as an entity set with one entity: it can be read and updated offline, but not"
                    + " created or deleted",
            "download the singleton with a defining query before the app reads it offline"),

    RESTRICTIONS("OUT117", Severity.INFO,
            "Insert, update or delete restrictions",
            "An entity set or singleton with Capabilities.InsertRestrictions/Insertable,"
                    + " Capabilities.UpdateRestrictions/Updatable or Capabilities.DeleteRestrictions/Deletable set to"
                    + " false.",
            "the store refuses the restricted local operation at once with a clear error, instead of queuing a"
                    + " request that the back end would reject at upload",
            "do not offer the restricted operation for this entity set in the app"),

    JAVA_NAME("OUT118", Severity.INFO,
            "Name renamed in generated code",
            "A schema, type, property, navigation property, enum member, entity set, singleton, operation,"
                    + " parameter or key property whose generated Java name is not the one the naming strategy proposes:"
                    + " the proposal is a reserved word, a method inherited from java.lang.Object or the runtime base"
                    + " class (a property Class would generate getClass()), a name another element took first (names"
                    + " that differ only by case meet here), or a type name longer than 128 characters. The finding"
                    + " gives the generated name, from the emitter's own naming, for the default service name.",
            "the store and sync are not affected; the generated Java name differs from the OData name",
            "use the generated Java name in Java code; URLs, queries and payloads keep the OData name"),

    SYSTEM_SET_NAME("OUT119", Severity.WARNING,
            "Name of a store system set",
            "An entity set or singleton named like one of the store's system entity sets (EventLog, ErrorArchive,"
                    + " RequestQueue), ignoring case.",
            "the service's entity set keeps the plain name; the store's system set stays reachable only under its"
                    + " qualified name",
            "address the store's system set as Outpost.EventLog, Outpost.ErrorArchive or Outpost.RequestQueue"),

    DECIMAL("OUT120", Severity.INFO,
            "Decimal without a bounded precision",
            "An Edm.Decimal property with no Precision, with Scale=\"variable\" or \"floating\", or with a Precision"
                    + " above 18.",
            "values are stored exactly as text; local comparison and ordering on the property use exact decimal"
                    + " comparison, which is slower than comparing integers",
            "nothing is required; give the property a Precision of at most 18 and a fixed Scale in the service if"
                    + " local filtering or sorting on it must be fast"),

    UNRELIABLE_KEY_TYPE("OUT121", Severity.WARNING,
            "Key property of an unreliable type",
            "A key property of a floating-point (Edm.Single, Edm.Double), binary, stream, untyped, geo or abstract"
                    + " type.",
            "key equality is unreliable: a value that goes through JSON or text can come back different in its last"
                    + " digits or its encoding, so the store may fail to match a downloaded entity with its local copy"
                    + " and keep both",
            "use an integer, string, GUID, date/time or fixed-scale decimal key in the service"),

    NO_BINDING("OUT122", Severity.WARNING,
            "Navigation without binding",
            "A non-containment navigation property reachable from an entity set or singleton (through its type,"
                    + " derived types and contained entities) has no NavigationPropertyBinding, and no binding of its"
                    + " partner points back at that entity set.",
            "the store cannot tell which entity set holds the targets, so the relationship cannot be stored,"
                    + " followed or expanded locally",
            "add a NavigationPropertyBinding for this path to the entity set that holds the targets"),

    IMMUTABLE("OUT123", Severity.INFO,
            "Immutable properties",
            "Non-key properties annotated Core.Immutable; one finding per type lists them.",
            "they can be set when an entity is created locally; a local update that changes them is refused",
            "set these properties when creating the entity and do not offer them for editing afterwards"),

    NULLABLE_KEY("OUT124", Severity.WARNING,
            "Nullable key property",
            "A key property that is nullable (no Nullable=\"false\"); CSDL requires key properties to be"
                    + " non-nullable.",
            "a downloaded entity with a null key part cannot be identified, and the store enforces key uniqueness"
                    + " only when every key part has a value",
            "declare the key property Nullable=\"false\" in the service"),

    COMPUTED_DEFAULT("OUT125", Severity.INFO,
            "Server default value",
            "A property annotated Core.ComputedDefaultValue: the server computes a value when the client sends"
                    + " none.",
            "a local create that leaves it empty keeps it empty until the next download after the upload; an empty"
                    + " key part means the store identifies the entity by its local entity ID until then",
            "set the property when creating entities if the app needs its value offline"),

    READ_ONLY("OUT126", Severity.INFO,
            "Read-only properties",
            "Properties annotated Core.Permissions with Read but not Write; one finding per type lists them.",
            "the back end does not accept client values for them: a value set locally is ignored or rejected at"
                    + " upload, and the real value arrives only with the next download; a read-only key is assigned by"
                    + " the server, so the store identifies new entities by their local entity ID",
            "do not set these properties in the app; create entities without a read-only key and use readLink and"
                    + " editLink to address them"),

    BINDING_TARGET_MISSING("OUT127", Severity.WARNING,
            "Binding to a missing target",
            "A NavigationPropertyBinding whose Target names no entity set or singleton of the entity container.",
            "the store cannot resolve where the targets live, so the relationship cannot be stored or expanded"
                    + " locally",
            "correct the Target to name an existing entity set or singleton");

    private final String code;
    private final Severity defaultSeverity;
    private final String title;
    private final String checks;
    private final String offline;
    private final String action;

    Rule(String code, Severity defaultSeverity, String title, String checks, String offline, String action) {
        this.code = code;
        this.defaultSeverity = defaultSeverity;
        this.title = title;
        this.checks = checks;
        this.offline = offline;
        this.action = action;
    }

    /** The stable code, for example {@code OUT104}. */
    public String code() {
        return code;
    }

    /** The severity a finding has unless the user overrides it. */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** A short title, for example "Entity set without ETag". */
    public String title() {
        return title;
    }

    /** What the rule checks, as a full sentence. */
    public String checks() {
        return checks;
    }

    /** What happens offline, as a clause (lower-case start, no final period). */
    public String offline() {
        return offline;
    }

    /** What to do, as a clause (lower-case start, no final period). */
    public String action() {
        return action;
    }

    /** {@link #offline()} as a sentence. */
    public String offlineSentence() {
        return sentence(offline);
    }

    /** {@link #action()} as a sentence. */
    public String actionSentence() {
        return sentence(action);
    }

    private static String sentence(String clause) {
        return Character.toUpperCase(clause.charAt(0)) + clause.substring(1) + ".";
    }

    /** The rule with this code, ignoring case. */
    public static Optional<Rule> byCode(String code) {
        String c = code.trim().toUpperCase(Locale.ROOT);
        for (Rule r : values()) {
            if (r.code.equals(c)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The first and last code, for messages such as "use one of OUT101..OUT127". */
    static String codeRange() {
        Rule[] all = values();
        return all[0].code + ".." + all[all.length - 1].code;
    }
}
