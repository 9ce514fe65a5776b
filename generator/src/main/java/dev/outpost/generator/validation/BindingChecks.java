package dev.outpost.generator.validation;

import dev.outpost.model.Annotatable;
import dev.outpost.model.EntitySet;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.NavigationPropertyBinding;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.Singleton;
import dev.outpost.model.StructuredType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Navigation property bindings (OUT122): every non-containment navigation property reachable
 * from an entity set or singleton, through its type, derived types and contained entities, needs
 * a binding that says which entity set holds the targets.
 */
final class BindingChecks implements Check {

    /** A navigation property as reached from an entity set, with the path a binding names it by. */
    private record Reached(StructuredType declaringType, NavigationProperty nav, String path) {
    }

    /** A type whose navigation properties are reached through {@code prefix} (empty, or ending in '/'). */
    private record Visit(StructuredType type, String prefix) {
    }

    /** An entity set or singleton. */
    private record Source(String name, QualifiedName type, List<NavigationPropertyBinding> bindings, Annotatable element,
                          String kind) {
    }

    @Override
    public void run(ValidationContext ctx) {
        List<Source> sources = new ArrayList<>();
        for (EntitySet s : ctx.model().entitySets()) {
            sources.add(new Source(s.name(), s.entityType(), s.navigationPropertyBindings(), s, "entity set"));
        }
        for (Singleton s : ctx.model().singletons()) {
            sources.add(new Source(s.name(), s.type(), s.navigationPropertyBindings(), s, "singleton"));
        }
        for (Source source : sources) {
            ctx.model().entityType(source.type()).ifPresent(type -> {
                for (Reached r : reachable(ctx, type)) {
                    if (!bound(ctx, source, r) && !boundThroughPartner(ctx, sources, source, r)) {
                        ctx.report(Rule.NO_BINDING, source.element().location(),
                                ctx.scope().containerPath(source.name()) + "/" + r.path(),
                                source.kind() + " '" + source.name() + "' has no NavigationPropertyBinding for '"
                                        + r.path() + "' (navigation property '"
                                        + OfflineScope.memberPath(r.declaringType(), r.nav().name()) + "' to '"
                                        + r.nav().targetType() + "')");
                    }
                }
            });
        }
    }

    /**
     * Non-containment navigation properties of the type, its base and derived types, and of the
     * entities it contains (recursively; each contained type once).
     */
    private static List<Reached> reachable(ValidationContext ctx, StructuredType root) {
        ServiceModel model = ctx.model();
        List<Reached> found = new ArrayList<>();
        Set<QualifiedName> visited = new HashSet<>();
        visited.add(root.qualifiedName());
        Deque<Visit> work = new ArrayDeque<>();
        work.add(new Visit(root, ""));
        while (!work.isEmpty()) {
            Visit at = work.poll();
            List<Reached> navs = new ArrayList<>();
            for (StructuredType t : model.hierarchy(at.type())) {
                t.declaredNavigationProperties().forEach(n -> navs.add(new Reached(t, n, at.prefix() + n.name())));
            }
            for (StructuredType d : ctx.scope().allDerived(at.type())) {
                d.declaredNavigationProperties().forEach(n -> navs.add(new Reached(d, n,
                        at.prefix() + d.qualifiedName() + "/" + n.name())));
            }
            for (Reached r : navs) {
                if (!r.nav().containsTarget()) {
                    found.add(r);
                } else {
                    model.entityType(r.nav().targetType())
                            .filter(target -> visited.add(target.qualifiedName()))
                            .ifPresent(target -> work.add(new Visit(target, r.path() + "/")));
                }
            }
        }
        return found;
    }

    private static boolean bound(ValidationContext ctx, Source source, Reached r) {
        String wanted = withoutTypeCasts(r.path());
        for (NavigationPropertyBinding b : source.bindings()) {
            if (withoutTypeCasts(b.path()).equals(wanted) || namesDeclaringType(ctx, b.path(), r)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Accepts the form some services write for navigation properties of contained or derived
     * types: {@code Ns.Type/Nav}, where {@code Ns.Type} has the navigation property.
     */
    private static boolean namesDeclaringType(ValidationContext ctx, String bindingPath, Reached r) {
        String[] segments = bindingPath.split("/");
        if (segments.length != 2 || segments[0].indexOf('.') <= 0 || !segments[1].equals(r.nav().name())) {
            return false;
        }
        return ctx.model().structuredType(QualifiedName.parse(segments[0]))
                .flatMap(t -> ctx.scope().navigationProperty(t, r.nav().name()))
                .map(m -> m.declaringType().qualifiedName().equals(r.declaringType().qualifiedName()))
                .orElse(false);
    }

    /** Whether another entity set binds this navigation property's partner to the source. */
    private static boolean boundThroughPartner(ValidationContext ctx, List<Source> sources, Source source, Reached r) {
        Optional<OfflineScope.Member<NavigationProperty>> partner = ctx.scope().partner(r.nav());
        if (partner.isEmpty()) {
            return false;
        }
        String partnerName = partner.get().element().name();
        for (Source other : sources) {
            for (NavigationPropertyBinding b : other.bindings()) {
                String[] path = withoutTypeCasts(b.path()).split("/");
                String[] target = b.target().split("/");
                if (path[path.length - 1].equals(partnerName) && target[target.length - 1].equals(source.name())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String withoutTypeCasts(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.indexOf('.') < 0) {
                out.append(out.length() == 0 ? "" : "/").append(segment);
            }
        }
        return out.toString();
    }
}
