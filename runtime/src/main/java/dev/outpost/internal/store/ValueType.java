package dev.outpost.internal.store;

import dev.outpost.model.ComplexType;
import dev.outpost.model.EnumType;
import dev.outpost.model.ModelType;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.TypeDefinition;
import dev.outpost.model.TypeRef;

/** The shape of a property value, resolved from the model once: what the codec converts. */
sealed interface ValueType {

    /** A primitive value (type definitions resolve to their underlying type). */
    record Primitive(PrimitiveType type) implements ValueType {
    }

    /** An enum value: member names in Java, the numeric value in SQL, names in JSON. */
    record Enumeration(EnumType type) implements ValueType {
    }

    /** A complex value. */
    record Complex(ComplexType type) implements ValueType {
    }

    /** A collection. */
    record Collection(ValueType element) implements ValueType {
    }

    /** Anything else (Edm.Untyped, abstract types, types of referenced documents): raw JSON. */
    record Untyped() implements ValueType {
    }

    static ValueType of(ServiceModel model, TypeRef ref) {
        ValueType single = single(model.resolve(ref.name()));
        return ref.collection() ? new Collection(single) : single;
    }

    private static ValueType single(ModelType t) {
        if (t instanceof PrimitiveType p) {
            return p.family() == PrimitiveType.Family.ABSTRACT || p == PrimitiveType.UNTYPED
                    ? new Untyped() : new Primitive(p);
        } else if (t instanceof TypeDefinition d) {
            return new Primitive(d.underlyingType());
        } else if (t instanceof EnumType e) {
            return new Enumeration(e);
        } else if (t instanceof ComplexType c) {
            return new Complex(c);
        }
        return new Untyped();
    }
}
