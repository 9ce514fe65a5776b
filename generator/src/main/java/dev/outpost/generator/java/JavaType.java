package dev.outpost.generator.java;

import java.util.List;

/** A Java type as generated code refers to it; {@link Imports} decides how each file spells it. */
sealed interface JavaType {

    /** The erasure of this type, fully qualified, as overload signatures compare it. */
    String erasure();

    /** A top-level class or interface. */
    record ClassName(String packageName, String simpleName) implements JavaType {

        static ClassName of(Class<?> type) {
            return new ClassName(type.getPackageName(), type.getSimpleName());
        }

        /** The fully qualified name. */
        String qualified() {
            return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
        }

        @Override
        public String erasure() {
            return qualified();
        }
    }

    /** A generic class with type arguments, such as {@code List<Person>}. */
    record Parameterized(ClassName raw, List<JavaType> arguments) implements JavaType {

        public Parameterized {
            arguments = List.copyOf(arguments);
        }

        static Parameterized of(ClassName raw, JavaType... arguments) {
            return new Parameterized(raw, List.of(arguments));
        }

        @Override
        public String erasure() {
            return raw.erasure();
        }
    }

    /** An array, such as {@code byte[]}. */
    record ArrayOf(JavaType component) implements JavaType {
        @Override
        public String erasure() {
            return component.erasure() + "[]";
        }
    }

    /** A primitive type, such as {@code byte}. */
    record Primitive(String keyword) implements JavaType {
        @Override
        public String erasure() {
            return keyword;
        }
    }
}
