package dev.outpost.model;

import java.util.List;

/**
 * An action or function (one overload). Operations run on the back end only; offline they are
 * unavailable.
 *
 * @param kind action or function
 * @param qualifiedName the operation's name (overloads share it)
 * @param bound whether the first parameter is the binding parameter
 * @param composable whether a function result can be further composed
 * @param parameters parameters in order, the binding parameter first when bound
 * @param returnType the return type, or null for actions without a result
 * @param entitySetPath the {@code EntitySetPath}, or null
 * @param annotations annotations on the operation
 * @param location where it was written
 */
public record Operation(Kind kind, QualifiedName qualifiedName, boolean bound, boolean composable,
                        List<Parameter> parameters, ReturnType returnType, String entitySetPath,
                        Annotations annotations, SourceLocation location) implements Annotatable {

    /** Whether an operation is an action (side effects, POST) or a function (no side effects, GET). */
    public enum Kind { ACTION, FUNCTION }

    public Operation {
        parameters = List.copyOf(parameters);
    }

    /** The binding parameter's type, or null for unbound operations. */
    public TypeRef bindingType() {
        return bound && !parameters.isEmpty() ? parameters.get(0).type() : null;
    }
}
