package dev.outpost.spi;

import dev.outpost.ComplexValue;
import dev.outpost.EntityValue;
import dev.outpost.model.QualifiedName;

/**
 * Creates the Java objects for entities and complex values read from the store, so that typed
 * code receives its generated classes. For generated code; the dynamic API uses {@link #DYNAMIC}.
 */
public interface ValueFactory {

    /** Plain {@link EntityValue} and {@link ComplexValue} instances. */
    ValueFactory DYNAMIC = new ValueFactory() {
        @Override
        public EntityValue newEntity(QualifiedName entityType) {
            return new EntityValue(entityType);
        }

        @Override
        public ComplexValue newComplex(QualifiedName complexType) {
            return new ComplexValue(complexType);
        }
    };

    /** A new, empty entity of the given (most derived) type. */
    EntityValue newEntity(QualifiedName entityType);

    /** A new, empty complex value of the given (most derived) type. */
    ComplexValue newComplex(QualifiedName complexType);
}
