package dev.outpost.generator.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which OData names cannot be used unchanged as Java names, and why. */
final class JavaNames {

    /** Reserved keywords and literals of Java 17. */
    static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
            "while", "true", "false", "null", "_");

    /** Identifiers Java 17 does not allow as type names. */
    static final Set<String> RESTRICTED_TYPE_NAMES = Set.of("var", "yield", "record", "sealed", "permits");

    /** Methods every generated class inherits from {@code java.lang.Object}. */
    static final Set<String> OBJECT_METHODS = Set.of("getClass", "hashCode", "equals", "toString", "notify",
            "notifyAll", "wait", "clone", "finalize");

    private JavaNames() {
    }

    /** Why a type name cannot be a Java class name as it is, or empty. */
    static List<String> typeNameProblems(String name) {
        List<String> problems = new ArrayList<>();
        if (KEYWORDS.contains(name)) {
            problems.add("is the Java keyword '" + name + "'");
        } else if (RESTRICTED_TYPE_NAMES.contains(name)) {
            problems.add("is '" + name + "', which Java does not allow as a type name");
        }
        return problems;
    }

    /**
     * Why a property or navigation property name cannot be used as it is: as a field or
     * parameter (in lower camel case), and through its accessor {@code get<Name>()}.
     */
    static List<String> propertyNameProblems(String name) {
        List<String> problems = new ArrayList<>(identifierProblems(name));
        if (("get" + capitalize(name)).equals("getClass")) {
            problems.add("would generate getClass(), which java.lang.Object declares final");
        }
        return problems;
    }

    /** Why an operation name cannot be a Java method name (in lower camel case) as it is. */
    static List<String> methodNameProblems(String name) {
        List<String> problems = new ArrayList<>(identifierProblems(name));
        String lower = decapitalize(name);
        if (OBJECT_METHODS.contains(lower)) {
            problems.add("collides with java.lang.Object#" + lower + "()");
        }
        return problems;
    }

    /** Why a name cannot be a Java field, parameter or variable name, as it is or in lower camel case. */
    static List<String> identifierProblems(String name) {
        String lower = decapitalize(name);
        if (KEYWORDS.contains(name) || KEYWORDS.contains(lower)) {
            return List.of("is the Java keyword '" + (KEYWORDS.contains(name) ? name : lower) + "'");
        }
        return List.of();
    }

    /** Why an enum member cannot be a Java enum constant as it is. */
    static List<String> constantNameProblems(String name) {
        return KEYWORDS.contains(name) ? List.of("is the Java keyword '" + name + "'") : List.of();
    }

    /** The key under which names that differ only by case meet. */
    static String caseKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static String capitalize(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
