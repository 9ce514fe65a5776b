package dev.outpost.query;

/**
 * A structural property descriptor with a Java value type: generated classes declare one per
 * property, and the dynamic API can create them by name. Values are stored in their canonical
 * form ({@link Literals}; enums as member names, flags as {@code "A,B"}) and converted here.
 *
 * @param <T> the Java type applications see
 */
public interface TypedProperty<T> {

    /** The property name as in {@code $metadata}. */
    String name();

    /** Converts a stored value to the Java type; null stays null. */
    T fromValue(Object stored);

    /** Converts a Java value to its stored form; null stays null. */
    Object toValue(T value);
}
