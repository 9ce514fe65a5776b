package dev.outpost.generator.java;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The view models the templates render: every name allocated, every type spelled for its file,
 * every Javadoc line escaped. Templates only loop and print; a list with zero or one element
 * stands for an optional part. Type names in fields are already spelled for the file they go to.
 */
final class Views {

    private Views() {
    }

    /** What every generated source file starts with. */
    interface SourceView {
        String packageName();

        String name();
    }

    /** An entity or complex class. */
    record StructuredView(String header, String packageName, List<String> imports, List<String> doc,
                          String declaration, String name, String superclass, String qualifiedName,
                          String typeConstant, String typeInitializer, List<Constant> constants,
                          List<Constructor> newInstanceConstructors, List<Accessor> accessors) implements SourceView {
    }

    /** A {@code public static final} descriptor. */
    record Constant(List<String> doc, String type, String name, String initializer) {
    }

    /** The public no-arg constructor of a class that is not abstract. */
    record Constructor(List<String> doc) {
    }

    /** A getter or setter: one statement that delegates to the runtime base class. */
    record Accessor(List<String> doc, String returnType, String name, String parameters, String statement) {
    }

    /** A Java enum for an OData enum type. */
    record EnumView(String header, String packageName, List<String> imports, List<String> doc, String name,
                    String odataEnum, String qualifiedName, String typeConstant, String typeInitializer,
                    String string, String override, List<EnumConstant> constants) implements SourceView {
    }

    /** One enum constant. */
    record EnumConstant(List<String> doc, String name, String odataName, String value) {
    }

    /** The service class of an entity container. */
    record ServiceView(String header, String packageName, List<String> imports, List<String> doc, String name,
                       String dataService, String dataProvider, String valueFactory, Params params,
                       List<EntitySetView> entitySets, List<SingletonView> singletons,
                       List<OperationView> operations) implements SourceView {
    }

    /**
     * The parameter names of the service's fixed methods, allocated once: they must not obscure
     * the first segment of a qualified type name.
     */
    record Params(String provider, String query, String entity, String options, String source, String navigation,
                  String target, String parent) {
    }

    /** The typed methods of one entity set. */
    record EntitySetView(String nameCode, String entityType, String entityClass, String setConstant, String list,
                         String dataQuery, String requestOptions, String fetch, List<KeyLookup> keyLookups,
                         String create, String update, String delete, List<LinkMethods> collectionLinks,
                         List<LinkMethods> singleLinks) {
    }

    /** The key lookup of an entity set. */
    record KeyLookup(String method, String parameters, List<String> paramDocs, List<SingleKey> singleKey,
                     List<CompositeKey> compositeKey, String query, String found, String notFound) {
    }

    /** The key value of a single-part key. */
    record SingleKey(String parameter) {
    }

    /** The key values of a composite key, in key order. */
    record CompositeKey(String map, String mapImplementation, String variable, List<KeyPart> parts) {
    }

    /** One named value put into a map: a key part or an operation argument. */
    record KeyPart(String nameLiteral, String parameter) {
    }

    /** Link methods of an entity set for one kind of navigation descriptor. */
    record LinkMethods(String descriptor, String entityValue, String createLink, String updateLink,
                       String deleteLink, String createRelated) {
    }

    /** The typed methods of a singleton. */
    record SingletonView(String nameCode, String entityType, String entityClass, String constant, String list,
                         String dataQuery, String requestOptions, String fetch, String update, String found,
                         String notFound) {
    }

    /** A method that calls an action or function on the back end. */
    record OperationView(List<String> doc, String returnType, String name, String parameters, String map,
                         String mapImplementation, String variable, List<KeyPart> arguments, String result,
                         String call, String operationName, String binding, String resultArgument) {
    }

    /** The metadata class of a service. */
    record MetadataView(String header, String packageName, List<String> imports, List<String> doc, String name,
                        String string, List<NameConstant> names, String resourceConstant, String resourceLiteral,
                        String valueFactoryConstant, String valueFactory, String valueFactoryImplementation,
                        String loadModel, String serviceModel, String metadataSource) implements SourceView {
    }

    /** A {@code String} constant naming an entity set or singleton. */
    record NameConstant(List<String> doc, String name, String literal) {
    }

    /** The value factory of a service. */
    record ValueFactoryView(String header, String packageName, List<String> imports, List<String> doc, String name,
                            String valueFactory, String entityValue, String complexValue, String qualifiedName,
                            String string, String override, String firstEntityChunk, String firstComplexChunk,
                            List<Chunk> entityChunks, List<Chunk> complexChunks) implements SourceView {
    }

    /**
     * One method's share of the type-to-constructor table (one method for all would be too
     * large); a name it does not know goes to the next chunk's method, the last one answers null.
     */
    record Chunk(String method, List<Case> cases, String fallback) {
    }

    /** One type name and the class to create for it. */
    record Case(String literal, String type) {
    }

    /** The view as nested maps and lists, which is all the templates see. */
    static Object toTemplateModel(Object view) {
        if (view instanceof Record record) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                try {
                    map.put(c.getName(), toTemplateModel(c.getAccessor().invoke(record)));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + c, e);
                }
            }
            return map;
        }
        if (view instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(toTemplateModel(o));
            }
            return out;
        }
        return view;
    }
}
