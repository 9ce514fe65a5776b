package dev.outpost.generator.validation;

import dev.outpost.generator.java.JavaNaming;

/**
 * Names the generated Java code cannot use as they are (OUT118). The findings come from the Java
 * emitter's own naming ({@link JavaNaming}: one strategy, one allocator per scope), so each says
 * exactly what the generated name is and why: a reserved word, a member inherited from
 * {@code java.lang.Object} or a runtime base class, a name taken by another element (names that
 * differ only by case meet here), or a type name too long to keep. Every type is checked, stored
 * offline or not, because proxies are generated for all of them.
 */
final class NamingChecks implements Check {

    @Override
    public void run(ValidationContext ctx) {
        for (JavaNaming.Renamed r : JavaNaming.renamed(ctx.model())) {
            ctx.report(Rule.JAVA_NAME, r.location(), r.modelPath(), r.element() + " is generated as "
                    + join(r.names()) + ", because " + r.reason());
        }
    }

    private static String join(java.util.List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
