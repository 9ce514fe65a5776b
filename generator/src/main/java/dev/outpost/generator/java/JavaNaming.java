package dev.outpost.generator.java;

import dev.outpost.generator.naming.JavaNamingStrategy;
import dev.outpost.generator.naming.NameAllocator;
import dev.outpost.generator.naming.ReservedNames;
import dev.outpost.model.EnumType;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.SourceLocation;

import java.util.List;
import java.util.Objects;

/**
 * The names the Java emitter gives a model, for those who must know them without generating:
 * the validator reports every element whose generated name is not the one the naming strategy
 * proposed (rule OUT118), and so says exactly what the emitter writes, because the names come from
 * the very allocation the emitter runs.
 */
public final class JavaNaming {

    /**
     * The package the validator plans names in. Package names never change a class or member
     * name, except that parameters avoid the first segment of the base package; {@code java} and
     * {@code dev} are avoided anyway.
     */
    static final String PLANNING_PACKAGE = "dev.outpost.generated";

    /**
     * A model element whose generated Java name differs from the proposal of
     * {@link JavaNamingStrategy}.
     *
     * @param element what it is, for messages: {@code property 'NS.Person/Class'}
     * @param modelPath the element in the model: {@code NS.Person/Class}
     * @param location where it was written
     * @param names the generated names, as written in Java: {@code CLASS_}, {@code getClass_()}
     * @param reason why, as a clause: {@code getClass() is a method of java.lang.Object}
     */
    public record Renamed(String element, String modelPath, SourceLocation location, List<String> names, String reason) {
        public Renamed {
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(modelPath, "modelPath");
            Objects.requireNonNull(location, "location");
            names = List.copyOf(names);
            Objects.requireNonNull(reason, "reason");
        }
    }

    private JavaNaming() {
    }

    /**
     * Every element of the model whose generated name had to change, as the emitter names them
     * for the service's default name ({@link JavaOptions#of}).
     */
    public static List<Renamed> renamed(ServiceModel model) {
        ProxyNames names = new ProxyNames(model, JavaOptions.of(PLANNING_PACKAGE), new JavaNamingStrategy());
        for (EnumType e : model.enumTypes()) {
            names.enumConstants(e);
        }
        if (model.container().isPresent()) {
            new ServiceViewBuilder(model, names, new TypeMapping(model, names), "").plan();
        }
        return names.renamed();
    }

    /** Why an allocation did not keep its candidates, as a clause. */
    static String reason(NameAllocator.Conflict conflict, ReservedNames reserved) {
        if (conflict.reserved()) {
            return reserved.why(conflict.name());
        }
        return conflict.name() + " is taken by " + (conflict.owner() != null ? conflict.owner() : "another generated name");
    }
}
