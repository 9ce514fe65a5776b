package dev.outpost.model;

/** The vocabulary terms that Outpost's validator, generator and runtime read. */
public final class Terms {

    /** Namespace of the OASIS Core vocabulary. */
    public static final String CORE = "Org.OData.Core.V1";
    /** Namespace of the OASIS Capabilities vocabulary. */
    public static final String CAPABILITIES = "Org.OData.Capabilities.V1";

    /** The server computes the value; clients do not send it. */
    public static final QualifiedName CORE_COMPUTED = new QualifiedName(CORE, "Computed");
    /** The value can be set on create but not changed afterwards. */
    public static final QualifiedName CORE_IMMUTABLE = new QualifiedName(CORE, "Immutable");
    /** The entity set uses ETags for optimistic concurrency, computed from these properties. */
    public static final QualifiedName CORE_OPTIMISTIC_CONCURRENCY = new QualifiedName(CORE, "OptimisticConcurrency");
    /** A short description, used for Javadoc. */
    public static final QualifiedName CORE_DESCRIPTION = new QualifiedName(CORE, "Description");
    /** A long description, used for Javadoc. */
    public static final QualifiedName CORE_LONG_DESCRIPTION = new QualifiedName(CORE, "LongDescription");
    /** The server computes a default value when the client sends none. */
    public static final QualifiedName CORE_COMPUTED_DEFAULT_VALUE = new QualifiedName(CORE, "ComputedDefaultValue");
    /** The media type of a stream property or media entity. */
    public static final QualifiedName CORE_MEDIA_TYPE = new QualifiedName(CORE, "MediaType");
    /** Read/write permissions of a property. */
    public static final QualifiedName CORE_PERMISSIONS = new QualifiedName(CORE, "Permissions");

    /** Whether and how entities can be inserted. */
    public static final QualifiedName CAPABILITIES_INSERT_RESTRICTIONS = new QualifiedName(CAPABILITIES, "InsertRestrictions");
    /** Whether and how entities can be updated. */
    public static final QualifiedName CAPABILITIES_UPDATE_RESTRICTIONS = new QualifiedName(CAPABILITIES, "UpdateRestrictions");
    /** Whether and how entities can be deleted. */
    public static final QualifiedName CAPABILITIES_DELETE_RESTRICTIONS = new QualifiedName(CAPABILITIES, "DeleteRestrictions");
    /** Whether the service supports change tracking (delta links). */
    public static final QualifiedName CAPABILITIES_CHANGE_TRACKING = new QualifiedName(CAPABILITIES, "ChangeTracking");
    /** Whether the service supports deep insert. */
    public static final QualifiedName CAPABILITIES_DEEP_INSERT_SUPPORT = new QualifiedName(CAPABILITIES, "DeepInsertSupport");

    private Terms() {
    }
}
