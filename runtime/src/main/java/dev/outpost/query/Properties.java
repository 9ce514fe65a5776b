package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

import java.util.List;

/** Shared helpers of the property descriptors. */
final class Properties {

    private Properties() {
    }

    static Expr.Path path(String name) {
        return Expr.Path.of(name);
    }

    static String name(Expression e) {
        List<String> segments = ((Expr.Path) e.node()).segments();
        return segments.get(segments.size() - 1);
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object stored, Class<T> type, String property) {
        if (stored == null || type.isInstance(stored)) {
            return (T) stored;
        }
        throw new ClassCastException("property '" + property + "' holds a " + stored.getClass().getSimpleName()
                + ", not a " + type.getSimpleName());
    }

    static Object checked(PrimitiveType type, Object value) {
        return Literals.checked(type, value);
    }
}
