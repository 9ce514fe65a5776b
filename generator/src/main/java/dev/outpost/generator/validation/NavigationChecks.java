package dev.outpost.generator.validation;

import dev.outpost.model.EntityType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.Property;
import dev.outpost.model.ReferentialConstraint;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.StructuredType;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Navigation properties of stored entity types: missing partners (OUT106), many-to-many
 * (OUT107), containment (OUT108), deep insert limits (OUT110), inheritance behind containment
 * (OUT111). Bindings (OUT122) are checked by {@link BindingChecks}.
 */
final class NavigationChecks implements Check {

    @Override
    public void run(ValidationContext ctx) {
        Set<String> reportedPairs = new HashSet<>();
        Set<EntityType> setTypes = Set.copyOf(ctx.scope().entitySetTypes());
        for (EntityType type : ctx.scope().storedEntityTypes()) {
            for (NavigationProperty nav : type.declaredNavigationProperties()) {
                String path = OfflineScope.memberPath(type, nav.name());
                String subject = "navigation property '" + path + "'";
                Optional<OfflineScope.Member<NavigationProperty>> partner = ctx.scope().partner(nav);
                if (nav.containsTarget()) {
                    ctx.report(Rule.CONTAINMENT, nav.location(), path, subject + " contains its targets of type '"
                            + nav.targetType() + "'");
                    containedInheritance(ctx, nav, path, subject);
                } else if (nav.partner() == null && nav.referentialConstraints().isEmpty()
                        && !ctx.scope().isNamedAsPartner(type, nav)) {
                    ctx.report(Rule.NAVIGATION_WITHOUT_PARTNER, nav.location(), path,
                            subject + " has neither a Partner nor a ReferentialConstraint");
                }
                if (nav.collection() && partner.isPresent() && partner.get().element().collection()) {
                    manyToMany(ctx, nav, path, partner.get(), reportedPairs);
                }
                if (setTypes.contains(type) && nav.collection() && !nav.containsTarget() && partner.isPresent()) {
                    deepInsert(ctx, nav, path, subject, partner.get());
                }
            }
        }
    }

    private static void containedInheritance(ValidationContext ctx, NavigationProperty nav, String path, String subject) {
        if (!nav.collection()) {
            return;
        }
        ctx.model().entityType(nav.targetType()).ifPresent(target -> {
            List<StructuredType> derived = ctx.scope().allDerived(target);
            if (!derived.isEmpty()) {
                ctx.report(Rule.INHERITANCE, nav.location(), path, subject + " holds entities of type '"
                        + target.qualifiedName() + "' and of its derived " + (derived.size() == 1 ? "type " : "types ")
                        + Text.list(Text.quoted(derived.stream().map(d -> d.qualifiedName().toString()).toList())));
            }
        });
    }

    private static void manyToMany(ValidationContext ctx, NavigationProperty nav, String path,
                                   OfflineScope.Member<NavigationProperty> partner, Set<String> reportedPairs) {
        String partnerPath = OfflineScope.memberPath(partner.declaringType(), partner.element().name());
        String pair = path.compareTo(partnerPath) <= 0 ? path + "|" + partnerPath : partnerPath + "|" + path;
        if (reportedPairs.add(pair)) {
            ctx.report(Rule.MANY_TO_MANY, nav.location(), path, "navigation properties '" + path + "' and '"
                    + partnerPath + "' form a many-to-many relationship");
        }
    }

    private static void deepInsert(ValidationContext ctx, NavigationProperty nav, String path, String subject,
                                   OfflineScope.Member<NavigationProperty> partner) {
        NavigationProperty back = partner.element();
        if (back.collection()) {
            return;
        }
        String reason = null;
        if (!back.nullable()) {
            reason = "its partner '" + back.name() + "' is not nullable";
        } else {
            Optional<String> keyPart = constrainedKeyPart(ctx.model(), ctx.scope(), nav, back);
            if (keyPart.isPresent()) {
                reason = "its partner '" + back.name() + "' constrains the non-nullable key property '" + keyPart.get() + "'";
            }
        }
        if (reason != null) {
            ctx.report(Rule.DEEP_INSERT, nav.location(), path, subject + " leads to children of type '" + nav.targetType()
                    + "' that cannot exist without their parent: " + reason);
        }
    }

    /** A non-nullable key property of the child that the partner's referential constraint sets, if any. */
    private static Optional<String> constrainedKeyPart(ServiceModel model, OfflineScope scope, NavigationProperty nav,
                                                       NavigationProperty back) {
        Optional<EntityType> child = model.entityType(nav.targetType());
        if (child.isEmpty()) {
            return Optional.empty();
        }
        Set<String> key = scope.keyNames(child.get());
        for (ReferentialConstraint rc : back.referentialConstraints()) {
            String name = rc.property().split("/")[0];
            Optional<Property> p = model.property(child.get(), name);
            if (key.contains(name) && p.isPresent() && !p.get().nullable()) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
