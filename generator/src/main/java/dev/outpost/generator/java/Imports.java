package dev.outpost.generator.java;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How one generated file spells the types it uses: by simple name where that is unambiguous
 * (adding an import when needed), fully qualified where not. A simple name is claimed, in this
 * order, by the variables and type variables in scope (a field named like a class obscures the
 * class, a type variable shadows it), by the classes of the file's own package, by the
 * {@code java.lang} types generated code uses, and then by the first other type to ask for it.
 */
final class Imports {

    /** The {@code java.lang} types generated code mentions; they keep their simple names unless shadowed. */
    private static final Set<String> JAVA_LANG = Set.of("Boolean", "Byte", "Double", "Float", "Integer", "Long",
            "Object", "Override", "Short", "String");

    private final String packageName;
    private final Set<String> packageClasses;
    private final Set<String> variables;
    /** Simple names claimed by types outside the package, and by the {@code java.lang} types we use. */
    private final Map<String, JavaType.ClassName> claims = new HashMap<>();
    private final Set<String> imports = new TreeSet<>();
    private boolean listed;

    /**
     * The spelling scope of one file.
     *
     * @param packageName the file's package
     * @param packageClasses the simple names of every class generated into that package (not copied)
     * @param variables field, parameter and type variable names declared or inherited in the file
     */
    Imports(String packageName, Set<String> packageClasses, Set<String> variables) {
        this.packageName = packageName;
        this.packageClasses = packageClasses;
        this.variables = variables;
        for (String l : JAVA_LANG) {
            claims.put(l, new JavaType.ClassName("java.lang", l));
        }
    }

    /** The spelling of a type in this file. */
    String render(JavaType type) {
        if (type instanceof JavaType.ClassName c) {
            return name(c);
        } else if (type instanceof JavaType.Parameterized p) {
            return name(p.raw()) + p.arguments().stream().map(this::render).collect(Collectors.joining(", ", "<", ">"));
        } else if (type instanceof JavaType.ArrayOf a) {
            return render(a.component()) + "[]";
        }
        return ((JavaType.Primitive) type).keyword();
    }

    /** The spelling of a class. */
    String render(Class<?> type) {
        return render(JavaType.ClassName.of(type));
    }

    /** The imports the file needs, sorted. Call it last: a type spelled afterwards could miss its import. */
    List<String> imports() {
        listed = true;
        return new ArrayList<>(imports);
    }

    private String name(JavaType.ClassName c) {
        if (listed) {
            throw new IllegalStateException(c.qualified() + " spelled after the imports were listed");
        }
        String simple = c.simpleName();
        boolean local = c.packageName().equals(packageName);
        if (variables.contains(simple) || packageClasses.contains(simple) != local) {
            return c.qualified();
        }
        if (local) {
            return simple;
        }
        JavaType.ClassName owner = claims.putIfAbsent(simple, c);
        if (owner != null && !owner.equals(c)) {
            return c.qualified();
        }
        if (!c.packageName().equals("java.lang")) {
            imports.add(c.qualified());
        }
        return simple;
    }
}
