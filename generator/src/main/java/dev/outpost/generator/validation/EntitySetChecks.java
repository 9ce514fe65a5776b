package dev.outpost.generator.validation;

import dev.outpost.model.Annotatable;
import dev.outpost.model.AnnotationValue;
import dev.outpost.model.Annotations;
import dev.outpost.model.EntityContainer;
import dev.outpost.model.EntitySet;
import dev.outpost.model.EntityType;
import dev.outpost.model.NavigationPropertyBinding;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.Singleton;
import dev.outpost.model.StructuredType;
import dev.outpost.model.Terms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Entity sets and singletons: ETags (OUT104), change tracking (OUT105), inheritance (OUT111),
 * singletons (OUT116), restrictions (OUT117), system set names (OUT119), binding targets (OUT127).
 */
final class EntitySetChecks implements Check {

    /** The store's own entity sets, reachable as {@code Outpost.<name>}. */
    static final List<String> SYSTEM_SETS = List.of("EventLog", "ErrorArchive", "RequestQueue");

    /** A term some services write for Capabilities.ChangeTracking (seen in Olingo's sample service). */
    private static final QualifiedName MISSPELLED_CHANGE_TRACKING = new QualifiedName(Terms.CORE, "ChangeTracking");

    @Override
    public void run(ValidationContext ctx) {
        ServiceModel model = ctx.model();
        Optional<EntityContainer> container = model.container();
        if (container.isEmpty()) {
            return;
        }
        for (EntitySet set : model.entitySets()) {
            String path = ctx.scope().containerPath(set.name());
            String subject = "entity set '" + set.name() + "'";
            if (!set.annotations().has(Terms.CORE_OPTIMISTIC_CONCURRENCY)) {
                ctx.report(Rule.NO_ETAG, set.location(), path, subject + " has no ETag (Core.OptimisticConcurrency)");
            }
            changeTracking(ctx, set, container.get(), subject, path);
            model.entityType(set.entityType()).ifPresent(type -> inheritance(ctx, set, type, path));
            restrictions(ctx, set, subject, path);
            systemName(ctx, set, set.name(), subject, path);
            bindingTargets(ctx, container.get(), set, set.name(), set.navigationPropertyBindings(), subject);
        }
        for (Singleton singleton : model.singletons()) {
            String path = ctx.scope().containerPath(singleton.name());
            String subject = "singleton '" + singleton.name() + "'";
            ctx.report(Rule.SINGLETON, singleton.location(), path, subject + " of type '" + singleton.type() + "'");
            restrictions(ctx, singleton, subject, path);
            systemName(ctx, singleton, singleton.name(), subject, path);
            bindingTargets(ctx, container.get(), singleton, singleton.name(), singleton.navigationPropertyBindings(),
                    subject);
        }
    }

    /**
     * Reports a set unless change tracking is declared with Supported true (the term's default when
     * the record leaves it out) on the set, else on its entity type or a base type (as Microsoft
     * Graph does), else on the container.
     */
    private static void changeTracking(ValidationContext ctx, EntitySet set, EntityContainer container, String subject,
                                       String path) {
        List<Annotations> candidates = new ArrayList<>();
        candidates.add(set.annotations());
        ctx.model().entityType(set.entityType()).ifPresent(t -> {
            List<StructuredType> chain = ctx.model().hierarchy(t);
            for (int i = chain.size() - 1; i >= 0; i--) {
                candidates.add(chain.get(i).annotations());
            }
        });
        candidates.add(container.annotations());
        Optional<Boolean> supported = candidates.stream().filter(a -> a.has(Terms.CAPABILITIES_CHANGE_TRACKING)).findFirst()
                .flatMap(a -> a.find(Terms.CAPABILITIES_CHANGE_TRACKING))
                .map(a -> supported(a.value()));
        if (supported.isPresent() && supported.get()) {
            return;
        }
        String what = supported.isPresent()
                ? subject + " declares change tracking as not supported (Capabilities.ChangeTracking)"
                : subject + " declares no change tracking (Capabilities.ChangeTracking on the set, its entity type or the"
                        + " container)";
        if (set.annotations().has(MISSPELLED_CHANGE_TRACKING)) {
            what += "; it is annotated Core.ChangeTracking, a term the Core vocabulary does not define";
        }
        ctx.report(Rule.NO_CHANGE_TRACKING, set.location(), path, what);
    }

    /**
     * The record's Supported, true when left out. An empty {@code <Record/>} reaches the model as
     * no value at all, which likewise means every property at its default.
     */
    private static boolean supported(AnnotationValue value) {
        if (value instanceof AnnotationValue.RecordValue r) {
            return r.get("Supported").map(Annotations::isTrue).orElse(true);
        }
        return value instanceof AnnotationValue.Absent;
    }

    private static void inheritance(ValidationContext ctx, EntitySet set, EntityType type, String path) {
        List<StructuredType> derived = ctx.scope().allDerived(type);
        if (!derived.isEmpty()) {
            ctx.report(Rule.INHERITANCE, set.location(), path, "entity set '" + set.name() + "' holds entities of type '"
                    + type.qualifiedName() + "' and of its derived " + (derived.size() == 1 ? "type " : "types ")
                    + Text.list(Text.quoted(derived.stream().map(d -> d.qualifiedName().toString()).toList())));
        }
    }

    private static void restrictions(ValidationContext ctx, Annotatable element, String subject, String path) {
        List<String> refused = new ArrayList<>();
        if (restricted(element.annotations(), Terms.CAPABILITIES_INSERT_RESTRICTIONS, "Insertable")) {
            refused.add("insert");
        }
        if (restricted(element.annotations(), Terms.CAPABILITIES_UPDATE_RESTRICTIONS, "Updatable")) {
            refused.add("update");
        }
        if (restricted(element.annotations(), Terms.CAPABILITIES_DELETE_RESTRICTIONS, "Deletable")) {
            refused.add("delete");
        }
        if (!refused.isEmpty()) {
            ctx.report(Rule.RESTRICTIONS, element.location(), path, subject + " does not allow " + Text.list(refused)
                    + " (Capabilities restrictions)");
        }
    }

    private static boolean restricted(Annotations annotations, QualifiedName term, String property) {
        return annotations.record(term).flatMap(r -> r.get(property)).map(Annotations::isFalse).orElse(false);
    }

    private static void systemName(ValidationContext ctx, Annotatable element, String name, String subject, String path) {
        for (String system : SYSTEM_SETS) {
            if (system.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                ctx.report(Rule.SYSTEM_SET_NAME, element.location(), path, subject + " has the name of the store's"
                        + " system set " + system);
            }
        }
    }

    private static void bindingTargets(ValidationContext ctx, EntityContainer container, Annotatable element,
                                       String owner, List<NavigationPropertyBinding> bindings, String subject) {
        for (NavigationPropertyBinding b : bindings) {
            String target = localTarget(container, b.target());
            if (target != null && container.entitySet(target).isEmpty() && container.singleton(target).isEmpty()) {
                ctx.report(Rule.BINDING_TARGET_MISSING, element.location(),
                        ctx.scope().containerPath(owner) + "/" + b.path(), subject + " binds '" + b.path() + "' to '"
                                + b.target() + "', which is neither an entity set nor a singleton of '"
                                + container.qualifiedName() + "'");
            }
        }
    }

    /**
     * The entity set or singleton name a binding target starts with, or null when the target is
     * in another container. Targets may be qualified by the container and continue into
     * containment ({@code Ns.Container/Set/Nav}).
     */
    private static String localTarget(EntityContainer container, String target) {
        String[] segments = target.split("/");
        if (segments[0].indexOf('.') > 0) {
            if (!segments[0].equals(container.qualifiedName().toString()) || segments.length < 2) {
                return null;
            }
            return segments[1];
        }
        return segments[0];
    }
}
