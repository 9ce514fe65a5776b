package dev.outpost.generator.validation;

import dev.outpost.model.AnnotationValue;
import dev.outpost.model.EntityType;
import dev.outpost.model.Facets;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.Property;
import dev.outpost.model.StructuredType;
import dev.outpost.model.Terms;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Structural properties and type flags of stored types: computed (OUT103), streams and media
 * entities (OUT109), open types (OUT112), geo (OUT113), untyped (OUT114), decimals (OUT120),
 * immutable (OUT123), server defaults (OUT125), read-only (OUT126).
 */
final class PropertyChecks implements Check {

    /** Decimals with more digits than a 64-bit integer holds are kept as text. */
    static final int MAX_INTEGER_PRECISION = 18;

    @Override
    public void run(ValidationContext ctx) {
        for (StructuredType type : ctx.scope().storedTypes()) {
            String typePath = type.qualifiedName().toString();
            String kind = type instanceof EntityType ? "entity type" : "complex type";
            Set<String> key = type instanceof EntityType e ? ctx.scope().keyNames(e) : Set.of();
            if (type.isOpenType()) {
                ctx.report(Rule.OPEN_TYPE, type.location(), typePath, kind + " '" + typePath + "' is open (OpenType)");
            }
            if (type instanceof EntityType e && e.hasStream()) {
                ctx.report(Rule.STREAM, type.location(), typePath, "entity type '" + typePath
                        + "' is a media entity (HasStream)");
            }
            List<String> computed = new ArrayList<>();
            List<String> immutable = new ArrayList<>();
            List<String> readOnly = new ArrayList<>();
            List<String> geo = new ArrayList<>();
            for (Property p : type.declaredProperties()) {
                boolean isKey = key.contains(p.name());
                if (p.isComputed() && !isKey) {
                    computed.add(p.name());
                }
                if (p.isImmutable() && !isKey) {
                    immutable.add(p.name());
                }
                if (isReadOnly(p)) {
                    readOnly.add(p.name() + (isKey ? " (key)" : ""));
                }
                PrimitiveType primitive = ctx.scope().primitive(p.type());
                if (primitive != null && primitive.family() == PrimitiveType.Family.GEO) {
                    geo.add(p.name());
                }
                property(ctx, type, p, primitive, isKey);
            }
            listed(ctx, Rule.COMPUTED_PROPERTIES, type, kind, computed, "computed", " (Core.Computed)");
            listed(ctx, Rule.IMMUTABLE, type, kind, immutable, "immutable", " (Core.Immutable)");
            listed(ctx, Rule.READ_ONLY, type, kind, readOnly, "read-only", " (Core.Permissions Read)");
            listed(ctx, Rule.GEO, type, kind, geo, "geography or geometry", "");
        }
    }

    private static void property(ValidationContext ctx, StructuredType type, Property p, PrimitiveType primitive,
                                 boolean isKey) {
        String path = OfflineScope.memberPath(type, p.name());
        String subject = "property '" + path + "'";
        if (primitive != null) {
            switch (primitive.family()) {
                case STREAM -> ctx.report(Rule.STREAM, p.location(), path, subject + " has type " + p.type());
                case UNTYPED -> ctx.report(Rule.UNTYPED, p.location(), path, subject + " has type " + p.type());
                case ABSTRACT -> {
                    if (primitive == PrimitiveType.ANY_PRIMITIVE || primitive == PrimitiveType.ANY_COMPLEX) {
                        ctx.report(Rule.UNTYPED, p.location(), path, subject + " has the abstract type " + p.type());
                    }
                }
                case DECIMAL -> decimal(ctx, p, path, subject);
                default -> {
                }
            }
        }
        if (p.annotations().isTagged(Terms.CORE_COMPUTED_DEFAULT_VALUE)) {
            ctx.report(Rule.COMPUTED_DEFAULT, p.location(), path, subject + (isKey ? ", a key property," : "")
                    + " gets a server default value (Core.ComputedDefaultValue)");
        }
    }

    private static void decimal(ValidationContext ctx, Property p, String path, String subject) {
        Facets f = ctx.scope().facets(p);
        String why = null;
        if (f.precision() == null) {
            why = "has no Precision";
        } else if (f.precision() > MAX_INTEGER_PRECISION) {
            why = "has Precision " + f.precision() + " (more than " + MAX_INTEGER_PRECISION + " digits)";
        } else if (f.variableScale()) {
            why = "has a variable Scale";
        }
        if (why != null) {
            ctx.report(Rule.DECIMAL, p.location(), path, subject + " of type Edm.Decimal " + why);
        }
    }

    /** One finding per type: "entity type 'T' has 2 computed properties (Core.Computed): A, B". */
    private static void listed(ValidationContext ctx, Rule rule, StructuredType type, String kind, List<String> names,
                               String adjective, String annotation) {
        if (!names.isEmpty()) {
            ctx.report(rule, type.location(), type.qualifiedName().toString(), kind + " '" + type.qualifiedName() + "' has "
                    + names.size() + " " + adjective + " " + (names.size() == 1 ? "property" : "properties") + annotation
                    + ": " + String.join(", ", names));
        }
    }

    /** Whether {@code Core.Permissions} grants Read but not Write. */
    static boolean isReadOnly(Property p) {
        return p.annotations().find(Terms.CORE_PERMISSIONS)
                .map(a -> a.value() instanceof AnnotationValue.Constant c ? c.text() : "")
                .map(text -> {
                    boolean read = false;
                    boolean write = false;
                    for (String member : text.trim().split("\\s+")) {
                        String m = member.substring(member.lastIndexOf('/') + 1);
                        read |= m.equals("Read") || m.equals("ReadWrite");
                        write |= m.equals("Write") || m.equals("ReadWrite");
                    }
                    return read && !write;
                })
                .orElse(false);
    }
}
