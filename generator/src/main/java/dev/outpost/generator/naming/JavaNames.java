package dev.outpost.generator.naming;

import java.util.Set;

/** Words Java reserves: they can never be identifiers, whatever a service calls its elements. */
public final class JavaNames {

    /** Keywords, literals and the restricted identifiers of Java 17. */
    private static final Set<String> RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "_",
            "true", "false", "null",
            "var", "yield", "record", "sealed", "permits");

    private JavaNames() {
    }

    /** Whether the word is a Java keyword, literal or restricted identifier. */
    public static boolean isReserved(String word) {
        return RESERVED.contains(word);
    }

    /** Whether the text can be a Java identifier as it is. */
    public static boolean isIdentifier(String text) {
        if (text.isEmpty() || isReserved(text)) {
            return false;
        }
        int first = text.codePointAt(0);
        if (!Character.isJavaIdentifierStart(first) || Character.isIdentifierIgnorable(first)) {
            return false;
        }
        return text.codePoints().skip(1).allMatch(JavaNames::isIdentifierPart);
    }

    /**
     * Whether a code point may stand inside a generated identifier. Excludes what Java ignores in
     * identifiers (two names differing only there would be the same name) and {@code $}, which
     * compilers use for synthetic names.
     */
    static boolean isIdentifierPart(int codePoint) {
        return codePoint != '$' && Character.isJavaIdentifierPart(codePoint)
                && !Character.isIdentifierIgnorable(codePoint);
    }
}
