package dev.outpost.generator.java;

import dev.outpost.ComplexValue;
import dev.outpost.EntityValue;
import dev.outpost.model.EntitySet;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.Singleton;
import dev.outpost.model.StructuredType;
import dev.outpost.spi.ValueFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds the views of the metadata class and of the value factory it holds. */
final class MetadataViewBuilder {

    /**
     * Cases per factory method. A string switch costs some 40 bytes of bytecode per case; 400
     * keep each method far below the JVM's 64 KiB limit (Microsoft Graph has 1,780 complex types).
     */
    static final int CASES_PER_METHOD = 400;

    private static final String LOAD_MODEL = "loadModel";

    private final ServiceModel model;
    private final ProxyNames names;
    private final String header;

    MetadataViewBuilder(ServiceModel model, ProxyNames names, String header) {
        this.model = model;
        this.names = names;
        this.header = header;
    }

    Views.MetadataView metadata(String resource) {
        JavaType.ClassName cls = names.metadata();
        Set<String> variables = new HashSet<>(List.of(names.resourceConstant(), names.valueFactoryConstant()));
        model.entitySets().forEach(s -> variables.add(names.containerConstant(s.name())));
        model.singletons().forEach(s -> variables.add(names.containerConstant(s.name())));
        Imports imports = new Imports(cls.packageName(), names.classesIn(cls.packageName()), variables);
        List<Views.NameConstant> constants = new ArrayList<>();
        for (EntitySet set : model.entitySets()) {
            constants.add(new Views.NameConstant(Javadoc.describing(set.annotations(),
                            "The name of the entity set " + Javadoc.code(set.name()) + ".")
                    .paragraph("Entity set of " + Javadoc.code(set.entityType().toString()) + ".").lines(),
                    names.containerConstant(set.name()), Sources.literal(set.name())));
        }
        for (Singleton s : model.singletons()) {
            constants.add(new Views.NameConstant(Javadoc.describing(s.annotations(),
                            "The name of the singleton " + Javadoc.code(s.name()) + ".")
                    .paragraph("Singleton of " + Javadoc.code(s.type().toString()) + ".").lines(),
                    names.containerConstant(s.name()), Sources.literal(s.name())));
        }
        String origin = model.container().map(c -> "entity container " + Javadoc.code(c.qualifiedName().toString()))
                .orElse("schema " + Javadoc.code(model.schemas().isEmpty() ? "" : model.schemas().get(0).namespace()));
        List<String> doc = Javadoc.of("The names, value factory and service model of the " + origin + ".")
                .paragraph("Open the offline store with {@link #" + LOAD_MODEL + "()} and {@link #"
                        + names.valueFactoryConstant() + "}; no network is needed to read the model.").lines();
        String string = imports.render(String.class);
        String valueFactory = imports.render(ValueFactory.class);
        String implementation = imports.render(names.valueFactory());
        String serviceModel = imports.render(ServiceModel.class);
        String metadataSource = imports.render(MetadataSource.class);
        return new Views.MetadataView(header, cls.packageName(), imports.imports(), doc, cls.simpleName(), string,
                constants, names.resourceConstant(), Sources.literal(resource), names.valueFactoryConstant(),
                valueFactory, implementation, LOAD_MODEL, serviceModel, metadataSource);
    }

    Views.ValueFactoryView valueFactory() {
        JavaType.ClassName cls = names.valueFactory();
        Imports imports = new Imports(cls.packageName(), names.classesIn(cls.packageName()),
                Set.of("entityType", "complexType", "name", "entity", "value"));
        List<Views.Chunk> entityChunks = chunks(imports, "entities", new ArrayList<>(model.entityTypes()));
        List<Views.Chunk> complexChunks = chunks(imports, "complexValues", new ArrayList<>(model.complexTypes()));
        String valueFactory = imports.render(ValueFactory.class);
        String entityValue = imports.render(EntityValue.class);
        String complexValue = imports.render(ComplexValue.class);
        String qualifiedName = imports.render(QualifiedName.class);
        String string = imports.render(String.class);
        String override = imports.render(Override.class);
        List<String> doc = Javadoc.of("Creates the generated class for each entity and complex type the store reads;"
                + " a type without a class (abstract, or added to the service since generation) gets a dynamic value.")
                .lines();
        return new Views.ValueFactoryView(header, cls.packageName(), imports.imports(), doc, cls.simpleName(),
                valueFactory, entityValue, complexValue, qualifiedName, string, override, entityChunks.get(0).method(),
                complexChunks.get(0).method(), entityChunks, complexChunks);
    }

    private List<Views.Chunk> chunks(Imports imports, String method, List<? extends StructuredType> types) {
        List<Views.Case> cases = new ArrayList<>();
        for (StructuredType t : types) {
            if (!t.isAbstract()) {
                cases.add(new Views.Case(Sources.literal(t.qualifiedName().toString()),
                        imports.render(names.classOf(t.qualifiedName()))));
            }
        }
        int count = Math.max(1, (cases.size() + CASES_PER_METHOD - 1) / CASES_PER_METHOD);
        List<Views.Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Views.Case> share = cases.subList(i * CASES_PER_METHOD, Math.min(cases.size(), (i + 1) * CASES_PER_METHOD));
            chunks.add(new Views.Chunk(method + (i + 1), share, i + 1 < count ? method + (i + 2) + "(name)" : "null"));
        }
        return chunks;
    }
}
