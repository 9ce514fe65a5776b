package dev.outpost.generator.validation;

import dev.outpost.model.EntityContainer;
import dev.outpost.model.Operation;
import dev.outpost.model.OperationImport;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.TypeRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Actions and functions (OUT115): one finding per operation name, and one per import. */
final class OperationChecks implements Check {

    @Override
    public void run(ValidationContext ctx) {
        Map<QualifiedName, List<Operation>> byName = new LinkedHashMap<>();
        for (Operation o : ctx.model().operations()) {
            byName.computeIfAbsent(o.qualifiedName(), k -> new ArrayList<>()).add(o);
        }
        byName.forEach((name, overloads) -> {
            Operation first = overloads.get(0);
            Set<String> boundTo = new LinkedHashSet<>();
            for (Operation o : overloads) {
                TypeRef binding = o.bindingType();
                if (binding != null) {
                    boundTo.add(binding.toString());
                }
            }
            String what = kind(first.kind()) + " '" + name + "'"
                    + (boundTo.isEmpty() ? "" : " bound to " + Text.list(Text.quoted(List.copyOf(boundTo))))
                    + (overloads.size() > 1 ? " (" + overloads.size() + " overloads)" : "");
            ctx.report(Rule.OPERATION, first.location(), name.toString(), what);
        });
        for (OperationImport i : ctx.model().container().map(EntityContainer::operationImports).orElse(List.of())) {
            ctx.report(Rule.OPERATION, i.location(), ctx.scope().containerPath(i.name()),
                    kind(i.kind()) + " import '" + i.name() + "' calls '" + i.operation() + "'");
        }
    }

    private static String kind(Operation.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
