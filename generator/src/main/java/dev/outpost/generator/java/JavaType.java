package dev.outpost.generator.java;

import java.util.List;

/** A Java type as generated code refers to it; {@link Imports} decides how each file spells it. */
sealed interface JavaType {

    /** Adds the erasure of this type, fully qualified, to a signature. */
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

    /** A primitive type or {@code void}. */
    record Primitive(String keyword) implements JavaType {
        @Override
        public String erasure() {
            return keyword;
        }
    }

    /** A type variable of a generic method, such as {@code T}. */
    record Variable(String name, ClassName bound) implements JavaType {
        @Override
        public String erasure() {
            return bound.erasure();
        }
    }
}
