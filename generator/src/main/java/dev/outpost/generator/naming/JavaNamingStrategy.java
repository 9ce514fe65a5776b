package dev.outpost.generator.naming;

import dev.outpost.model.ServiceModel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The one place that turns OData names into Java names (in the spirit of jOOQ's
 * {@code GeneratorStrategy}); emitters never capitalise or join words themselves. The strategy
 * proposes; a {@link NameAllocator} makes the proposal unique in its scope.
 *
 * <ul>
 *   <li><b>Words.</b> Underscores and characters that cannot stand in a Java identifier separate
 *       words: {@code to_Item} has the words {@code to} and {@code Item}.</li>
 *   <li><b>Types</b> (entity, complex, enum classes): the words with their first letters
 *       upper-cased and joined, the rest of each word kept as written
 *       ({@code directoryObject} → {@code DirectoryObject}, {@code C_SerialNumber} →
 *       {@code CSerialNumber}). Names longer than {@value #MAX_TYPE_NAME} characters are cut and
 *       get {@code _} and eight hex digits of a CRC-32 of the whole name, so file names stay short
 *       and stable.</li>
 *   <li><b>Members</b>: getters and setters are {@code get}/{@code set} + the type-style name
 *       ({@code getUserName}); parameters and methods start lower-case ({@code userName},
 *       {@code getNearestAirport}); a leading acronym is lower-cased as a whole
 *       ({@code URLPath} → {@code urlPath}).</li>
 *   <li><b>Constants</b> (property descriptors, enum constants, entity set names): upper snake
 *       case, splitting words also at case changes ({@code UserName} → {@code USER_NAME},
 *       {@code HTTPServer} → {@code HTTP_SERVER}).</li>
 *   <li><b>Packages</b>: lower-case segments; Java keywords get a trailing {@code _}.</li>
 *   <li>A name that would start with a digit gets a leading {@code _}.</li>
 * </ul>
 */
public final class JavaNamingStrategy {

    /** The longest type name kept as is: the most CSDL allows for a simple identifier. */
    public static final int MAX_TYPE_NAME = 128;

    /** Creates the strategy. */
    public JavaNamingStrategy() {
    }

    /** The class name proposed for an entity, complex or enum type. */
    public String typeName(String odataName) {
        return shorten(upperCamel(odataName));
    }

    /** Whether {@link #typeName} cuts the type's name (and appends a hash) because it is too long. */
    public boolean isShortened(String odataName) {
        return upperCamel(odataName).length() > MAX_TYPE_NAME;
    }

    /** The name of a descriptor constant or enum constant. */
    public String constantName(String odataName) {
        List<String> words = new ArrayList<>();
        for (String part : parts(odataName)) {
            words.addAll(caseWords(part));
        }
        String joined = String.join("_", words).toUpperCase(Locale.ROOT);
        return startable(joined.isEmpty() ? "_" : joined);
    }

    /** The getter of a property or navigation property. */
    public String getterName(String odataName) {
        return "get" + upperCamel(odataName);
    }

    /** The setter of a property or navigation property. */
    public String setterName(String odataName) {
        return "set" + upperCamel(odataName);
    }

    /** A parameter (or local variable) named after an OData name. */
    public String parameterName(String odataName) {
        return lowerCamel(odataName);
    }

    /** A method that calls an action or function (import). */
    public String operationMethodName(String operationName) {
        return lowerCamel(operationName);
    }

    /** A method that calls an operation bound to a collection of entities of the named type. */
    public String collectionOperationMethodName(String operationName, String bindingTypeName) {
        return lowerCamel(operationName) + "On" + upperCamel(bindingTypeName) + "Collection";
    }

    /** The query method of an entity set or singleton: {@code fetchPeople}. */
    public String fetchMethodName(String entitySetName) {
        return "fetch" + upperCamel(entitySetName);
    }

    /** The key lookup of an entity set: {@code fetchPeopleByKey}. */
    public String fetchByKeyMethodName(String entitySetName) {
        return "fetch" + upperCamel(entitySetName) + "ByKey";
    }

    /** The create method of an entity set: {@code createInPeople}. */
    public String createMethodName(String entitySetName) {
        return "createIn" + upperCamel(entitySetName);
    }

    /** The update method of an entity set or singleton: {@code updateInPeople}, {@code updateMe}. */
    public String updateMethodName(String entitySetName, boolean singleton) {
        return (singleton ? "update" : "updateIn") + upperCamel(entitySetName);
    }

    /** The delete method of an entity set: {@code deleteFromPeople}. */
    public String deleteMethodName(String entitySetName) {
        return "deleteFrom" + upperCamel(entitySetName);
    }

    /** A link method of an entity set: {@code createLinkInPeople} for {@code "createLink"}. */
    public String linkMethodName(String operation, String entitySetName) {
        return operation + "In" + upperCamel(entitySetName);
    }

    /**
     * The stem of the service's class names, {@code TripPin} in {@code TripPinService} and
     * {@code TripPinMetadata}: the configured name, else the container's name without a
     * trailing {@code Service}.
     */
    public String serviceStem(String configured, String containerName) {
        String stem = typeName(configured != null ? configured : containerName);
        if (configured == null && stem.endsWith("Service") && stem.length() > "Service".length()) {
            stem = stem.substring(0, stem.length() - "Service".length());
        }
        return stem;
    }

    /**
     * The stem of a model's service class names: the configured name, else the entity container's
     * name as {@link #serviceStem(String, String)} shortens it, else the last segment of the
     * {@linkplain #mainNamespace main namespace}.
     */
    public String serviceStem(String configured, ServiceModel model) {
        String main = mainNamespace(model);
        return serviceStem(configured, model.container().map(c -> c.qualifiedName().name())
                .orElse(main.substring(main.lastIndexOf('.') + 1)));
    }

    /**
     * The namespace whose schema gets the base package: the entity container's, else the first
     * schema's, else the empty string.
     */
    public String mainNamespace(ServiceModel model) {
        return model.container().map(c -> c.qualifiedName().namespace())
                .orElse(model.schemas().isEmpty() ? "" : model.schemas().get(0).namespace());
    }

    /** The data service class. */
    public String serviceClassName(String stem) {
        return stem + "Service";
    }

    /** The metadata class: entity set names, the value factory, the packaged model. */
    public String metadataClassName(String stem) {
        return stem + "Metadata";
    }

    /** The value factory class. */
    public String valueFactoryClassName(String stem) {
        return stem + "ValueFactory";
    }

    /**
     * The package of a schema. The schema of the entity container (or, without one, the first
     * schema) gets the base package; every other schema a sub-package named after its namespace,
     * without the main namespace when it starts with it: with main namespace
     * {@code microsoft.graph}, {@code microsoft.graph.callRecords} becomes
     * {@code <base>.callrecords} and {@code NorthwindModel} becomes {@code <base>.northwindmodel}.
     */
    public String packageName(String basePackage, String namespace, String mainNamespace) {
        if (namespace.equals(mainNamespace)) {
            return basePackage;
        }
        String rest = namespace.startsWith(mainNamespace + ".") ? namespace.substring(mainNamespace.length() + 1) : namespace;
        StringBuilder pkg = new StringBuilder(basePackage);
        for (String segment : rest.split("\\.")) {
            pkg.append('.').append(packageSegment(segment));
        }
        return pkg.toString();
    }

    /** One package segment: lower case, identifier characters only, keywords escaped. */
    public String packageSegment(String text) {
        String segment = shorten(startable(String.join("", parts(text)).toLowerCase(Locale.ROOT)));
        return JavaNames.isReserved(segment) ? segment + "_" : segment;
    }

    /** The classpath resource that holds the {@code $metadata} document of the service in a package. */
    public String metadataResource(String basePackage) {
        return "META-INF/outpost/" + basePackage.replace('.', '/') + "/metadata.xml";
    }

    /** The words with their first letters upper-cased, joined: {@code to_Item} → {@code ToItem}. */
    String upperCamel(String text) {
        StringBuilder out = new StringBuilder();
        for (String part : parts(text)) {
            int first = part.codePointAt(0);
            out.appendCodePoint(Character.toUpperCase(first)).append(part.substring(Character.charCount(first)));
        }
        return startable(out.length() == 0 ? "_" : out.toString());
    }

    /** Like {@link #upperCamel} with a leading upper-case run lowered: {@code URLPath} → {@code urlPath}. */
    String lowerCamel(String text) {
        String upper = upperCamel(text);
        int[] cps = upper.codePoints().toArray();
        int run = 0;
        while (run < cps.length && Character.isUpperCase(cps[run])) {
            run++;
        }
        int lower = run == cps.length || run <= 1 ? run : run - 1;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            out.appendCodePoint(i < lower ? Character.toLowerCase(cps[i]) : cps[i]);
        }
        return out.toString();
    }

    /** The parts of a name between separators (underscores and non-identifier characters). */
    private static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp == '_' || !JavaNames.isIdentifierPart(cp)) {
                if (current.length() > 0) {
                    parts.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.appendCodePoint(cp);
            }
        });
        if (current.length() > 0) {
            parts.add(current.toString());
        }
        return parts;
    }

    /** Splits one part at case changes: {@code HTTPServer2Go} → {@code HTTP}, {@code Server2}, {@code Go}. */
    private static List<String> caseWords(String part) {
        List<String> words = new ArrayList<>();
        int[] cps = part.codePoints().toArray();
        int start = 0;
        for (int i = 1; i < cps.length; i++) {
            boolean upper = Character.isUpperCase(cps[i]);
            boolean afterLowerOrDigit = Character.isLowerCase(cps[i - 1]) || Character.isDigit(cps[i - 1]);
            boolean acronymEnd = Character.isUpperCase(cps[i - 1]) && i + 1 < cps.length
                    && Character.isLowerCase(cps[i + 1]);
            if (upper && (afterLowerOrDigit || acronymEnd)) {
                words.add(new String(cps, start, i - start));
                start = i;
            }
        }
        words.add(new String(cps, start, cps.length - start));
        return words;
    }

    private static String startable(String name) {
        return Character.isJavaIdentifierStart(name.codePointAt(0)) ? name : "_" + name;
    }

    private static String shorten(String name) {
        if (name.length() <= MAX_TYPE_NAME) {
            return name;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        String hash = String.format(Locale.ROOT, "%08x", crc.getValue());
        int cut = MAX_TYPE_NAME - hash.length() - 1;
        if (Character.isHighSurrogate(name.charAt(cut - 1))) {
            cut--;
        }
        return name.substring(0, cut) + "_" + hash;
    }
}
