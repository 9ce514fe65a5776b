package dev.outpost.generator.validation;

import dev.outpost.model.EntitySet;
import dev.outpost.model.EntityType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.Property;
import dev.outpost.model.PropertyRef;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.Singleton;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Keys: missing keys (OUT101), server-generated keys (OUT102), unreliable key types (OUT121), nullable keys (OUT124). */
final class KeyChecks implements Check {

    private static final Set<PrimitiveType.Family> UNRELIABLE = EnumSet.of(PrimitiveType.Family.FLOATING,
            PrimitiveType.Family.BINARY, PrimitiveType.Family.STREAM, PrimitiveType.Family.UNTYPED,
            PrimitiveType.Family.GEO, PrimitiveType.Family.ABSTRACT);

    @Override
    public void run(ValidationContext ctx) {
        missingKeys(ctx);
        for (EntityType type : ctx.scope().storedEntityTypes()) {
            for (PropertyRef ref : type.declaredKey()) {
                ctx.scope().keyProperty(type, ref).ifPresent(p -> keyProperty(ctx, type, ref, p));
            }
        }
    }

    private static void missingKeys(ValidationContext ctx) {
        ServiceModel model = ctx.model();
        Map<EntityType, List<String>> users = new LinkedHashMap<>();
        for (EntitySet s : model.entitySets()) {
            model.entityType(s.entityType()).ifPresent(t -> users.computeIfAbsent(t, k -> new ArrayList<>())
                    .add("entity set '" + s.name() + "'"));
        }
        for (Singleton s : model.singletons()) {
            model.entityType(s.type()).ifPresent(t -> users.computeIfAbsent(t, k -> new ArrayList<>())
                    .add("singleton '" + s.name() + "'"));
        }
        for (EntityType t : ctx.scope().storedEntityTypes()) {
            for (NavigationProperty n : t.declaredNavigationProperties()) {
                if (n.containsTarget() && n.collection()) {
                    model.entityType(n.targetType()).ifPresent(target -> users.computeIfAbsent(target, k -> new ArrayList<>())
                            .add("containment navigation '" + OfflineScope.memberPath(t, n.name()) + "'"));
                }
            }
        }
        users.forEach((type, usedBy) -> {
            if (model.key(type).isEmpty()) {
                ctx.report(Rule.NO_KEY, type.location(), type.qualifiedName().toString(),
                        "entity type '" + type.qualifiedName() + "' has no key, but " + Text.list(usedBy) + " "
                                + (usedBy.size() == 1 ? "uses" : "use") + " it");
            }
        });
    }

    private static void keyProperty(ValidationContext ctx, EntityType type, PropertyRef ref,
                                    OfflineScope.Member<Property> member) {
        Property p = member.element();
        String path = OfflineScope.memberPath(member.declaringType(), p.name());
        String subject = "key property '" + ref.path() + "' of '" + type.qualifiedName() + "'";
        if (p.isComputed()) {
            ctx.report(Rule.COMPUTED_KEY, p.location(), path, subject + " is computed by the server (Core.Computed)");
        }
        PrimitiveType primitive = ctx.scope().primitive(p.type());
        if (primitive != null && UNRELIABLE.contains(primitive.family())) {
            ctx.report(Rule.UNRELIABLE_KEY_TYPE, p.location(), path, subject + " has type " + p.type());
        }
        if (p.nullable()) {
            ctx.report(Rule.NULLABLE_KEY, p.location(), path, subject + " is nullable");
        }
    }
}
