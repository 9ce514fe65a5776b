package dev.outpost.generator.validation;

import dev.outpost.model.Annotatable;
import dev.outpost.model.EntityContainer;
import dev.outpost.model.EnumMember;
import dev.outpost.model.EnumType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.Operation;
import dev.outpost.model.Parameter;
import dev.outpost.model.Property;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.SourceLocation;
import dev.outpost.model.StructuredType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names the generated Java code cannot use as they are (OUT118): Java keywords, collisions with
 * {@code java.lang.Object} methods, and names that differ from a sibling only by case. Every
 * type is checked, stored offline or not, because proxies are generated for all of them.
 */
final class NamingChecks implements Check {

    /** A named element: its name, where it is, its model path and what it is called in messages. */
    private record Named(String name, SourceLocation location, String path, String kind) {
    }

    @Override
    public void run(ValidationContext ctx) {
        ServiceModel model = ctx.model();
        List<Named> types = new ArrayList<>();
        for (StructuredType t : model.structuredTypes()) {
            types.add(new Named(t.qualifiedName().name(), t.location(), t.qualifiedName().toString(),
                    "type '" + t.qualifiedName() + "'"));
            members(ctx, t);
        }
        for (EnumType e : model.enumTypes()) {
            types.add(new Named(e.qualifiedName().name(), e.location(), e.qualifiedName().toString(),
                    "enum type '" + e.qualifiedName() + "'"));
            List<Named> constants = new ArrayList<>();
            for (EnumMember m : e.members()) {
                Named n = new Named(m.name(), m.location(), e.qualifiedName() + "/" + m.name(),
                        "enum member '" + e.qualifiedName() + "/" + m.name() + "'");
                report(ctx, n, JavaNames.constantNameProblems(m.name()));
                constants.add(n);
            }
            caseCollisions(ctx, constants, constants);
        }
        for (Named t : types) {
            report(ctx, t, JavaNames.typeNameProblems(t.name()));
        }
        caseCollisionsPerNamespace(ctx, types);
        model.container().ifPresent(c -> containerChildren(ctx, c));
        operations(ctx);
    }

    private static void members(ValidationContext ctx, StructuredType type) {
        List<Named> inherited = new ArrayList<>();
        List<Named> declared = new ArrayList<>();
        for (StructuredType t : ctx.model().hierarchy(type)) {
            List<Named> into = t == type ? declared : inherited;
            for (Property p : t.declaredProperties()) {
                into.add(member(t, p.name(), p, "property"));
            }
            for (NavigationProperty n : t.declaredNavigationProperties()) {
                into.add(member(t, n.name(), n, "navigation property"));
            }
        }
        for (Named n : declared) {
            report(ctx, n, JavaNames.propertyNameProblems(n.name()));
        }
        List<Named> all = new ArrayList<>(inherited);
        all.addAll(declared);
        caseCollisions(ctx, all, declared);
    }

    private static Named member(StructuredType type, String name, Annotatable element, String kind) {
        String path = OfflineScope.memberPath(type, name);
        return new Named(name, element.location(), path, kind + " '" + path + "'");
    }

    private static void containerChildren(ValidationContext ctx, EntityContainer container) {
        List<Named> children = new ArrayList<>();
        container.entitySets().forEach(s -> children.add(child(ctx, s.name(), s.location(), "entity set")));
        container.singletons().forEach(s -> children.add(child(ctx, s.name(), s.location(), "singleton")));
        container.operationImports().forEach(i -> children.add(child(ctx, i.name(), i.location(),
                i.kind().name().toLowerCase(Locale.ROOT) + " import")));
        for (Named n : children) {
            report(ctx, n, JavaNames.identifierProblems(n.name()));
        }
        caseCollisions(ctx, children, children);
    }

    private static Named child(ValidationContext ctx, String name, SourceLocation at, String kind) {
        return new Named(name, at, ctx.scope().containerPath(name), kind + " '" + name + "'");
    }

    private static void operations(ValidationContext ctx) {
        Set<String> seen = new HashSet<>();
        for (Operation o : ctx.model().operations()) {
            String path = o.qualifiedName().toString();
            String kind = o.kind().name().toLowerCase(Locale.ROOT);
            if (seen.add(path)) {
                report(ctx, new Named(o.qualifiedName().name(), o.location(), path, kind + " '" + path + "'"),
                        JavaNames.methodNameProblems(o.qualifiedName().name()));
            }
            List<Parameter> parameters = o.bound() ? o.parameters().subList(1, o.parameters().size()) : o.parameters();
            for (Parameter p : parameters) {
                String ppath = path + "/" + p.name();
                if (seen.add(ppath)) {
                    report(ctx, new Named(p.name(), o.location(), ppath, "parameter '" + p.name() + "' of " + kind
                            + " '" + path + "'"), JavaNames.identifierProblems(p.name()));
                }
            }
        }
    }

    private static void report(ValidationContext ctx, Named n, List<String> problems) {
        if (!problems.isEmpty()) {
            ctx.report(Rule.JAVA_NAME, n.location(), n.path(), "the name of " + n.kind() + " " + String.join(" and ", problems));
        }
    }

    /** Reports each of {@code checked} whose name differs only by case from an earlier name in {@code all}. */
    private static void caseCollisions(ValidationContext ctx, List<Named> all, List<Named> checkedList) {
        Set<Named> checked = new HashSet<>(checkedList);
        Map<String, Named> first = new HashMap<>();
        for (Named n : all) {
            Named earlier = first.putIfAbsent(JavaNames.caseKey(n.name()), n);
            if (earlier != null && !earlier.name().equals(n.name()) && checked.contains(n)) {
                ctx.report(Rule.JAVA_NAME, n.location(), n.path(), "the name of " + n.kind()
                        + " differs only by case from " + earlier.kind());
            }
        }
    }

    private static void caseCollisionsPerNamespace(ValidationContext ctx, List<Named> types) {
        Map<String, List<Named>> byNamespace = new HashMap<>();
        for (Named t : types) {
            String namespace = t.path().substring(0, t.path().lastIndexOf('.'));
            byNamespace.computeIfAbsent(namespace, k -> new ArrayList<>()).add(t);
        }
        // Order by location so that the type written later is the one reported.
        for (List<Named> inNamespace : byNamespace.values()) {
            List<Named> ordered = new ArrayList<>(inNamespace);
            ordered.sort((a, b) -> a.location().line() != b.location().line()
                    ? Integer.compare(a.location().line(), b.location().line())
                    : Integer.compare(a.location().column(), b.location().column()));
            caseCollisions(ctx, ordered, ordered);
        }
    }
}
