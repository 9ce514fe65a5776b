package dev.outpost.generator.naming;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Names a scope must not hand out, each with the reason: Java's reserved words, and the public and
 * protected methods a generated class inherits (from {@code java.lang.Object} and the runtime base
 * class), which a generated member must not hide or override. Immutable.
 */
public final class ReservedNames implements Predicate<String> {

    private final Map<String, String> reasons;

    private ReservedNames(Map<String, String> reasons) {
        this.reasons = Map.copyOf(reasons);
    }

    /** Java's keywords, literals and restricted identifiers. */
    public static ReservedNames javaKeywords() {
        return new ReservedNames(Map.of());
    }

    /** These names plus every public and protected method of a class and its superclasses. */
    public ReservedNames plusMethodsOf(Class<?> type) {
        Map<String, String> more = new LinkedHashMap<>(reasons);
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
                    more.putIfAbsent(m.getName(), m.getName() + "() is a method of " + c.getName()
                            + (c == Object.class ? "" : ", which the generated class extends"));
                }
            }
        }
        return new ReservedNames(more);
    }

    /** These names plus one more, with its reason. */
    public ReservedNames plus(String name, String reason) {
        Map<String, String> more = new LinkedHashMap<>(reasons);
        more.putIfAbsent(name, reason);
        return new ReservedNames(more);
    }

    /** Whether the name is reserved. */
    @Override
    public boolean test(String name) {
        return JavaNames.isReserved(name) || reasons.containsKey(name);
    }

    /**
     * Why the name is reserved, as a clause: {@code 'class' is a Java keyword},
     * {@code getClass() is a method of java.lang.Object}.
     *
     * @throws IllegalArgumentException if it is not reserved
     */
    public String why(String name) {
        if (JavaNames.isReserved(name)) {
            return "'" + name + "' is a reserved word in Java";
        }
        String reason = reasons.get(name);
        if (reason == null) {
            throw new IllegalArgumentException("'" + name + "' is not reserved");
        }
        return reason;
    }
}
