package dev.outpost.generator.java;

import dev.outpost.model.EnumMember;
import dev.outpost.model.EnumType;
import dev.outpost.model.QualifiedName;
import dev.outpost.query.ODataEnum;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds the view of a Java enum for an OData enum type. */
final class EnumViewBuilder {

    private final ProxyNames names;
    private final String header;

    EnumViewBuilder(ProxyNames names, String header) {
        this.names = names;
        this.header = header;
    }

    Views.EnumView build(EnumType type) {
        JavaType.ClassName cls = names.classOf(type.qualifiedName());
        List<String> constantNames = names.enumConstants(type);
        Set<String> variables = new HashSet<>(constantNames);
        variables.add(ProxyNames.TYPE_CONSTANT);
        variables.addAll(ProxyNames.ENUM_FIELDS);
        Imports imports = new Imports(cls.packageName(), names.classesIn(cls.packageName()), variables);

        List<Views.EnumConstant> constants = new ArrayList<>();
        for (int i = 0; i < type.members().size(); i++) {
            EnumMember m = type.members().get(i);
            constants.add(new Views.EnumConstant(
                    Javadoc.describing(m.annotations(), "The member " + Javadoc.code(m.name()) + ".")
                            .paragraph("Value " + m.value() + ".").lines(),
                    constantNames.get(i), Sources.literal(m.name()), m.value() + "L"));
        }
        QualifiedName qn = type.qualifiedName();
        Javadoc doc = Javadoc.describing(type.annotations(), "The enum type " + Javadoc.code(qn.name()) + ".");
        doc.paragraph("Enum type " + Javadoc.code(qn.toString()) + " with underlying type "
                + Javadoc.code(type.underlyingType().edmName()) + (type.isFlags()
                ? "; flags: a value is a set of members, which properties hold as an {@code EnumSet}."
                : "."));
        String odataEnum = imports.render(ODataEnum.class);
        String qualifiedName = imports.render(QualifiedName.class);
        String typeInitializer = Sources.qualifiedName(imports, qn);
        String string = imports.render(String.class);
        String override = imports.render(Override.class);
        return new Views.EnumView(header, cls.packageName(), imports.imports(), doc.lines(), cls.simpleName(),
                odataEnum, qualifiedName, ProxyNames.TYPE_CONSTANT, typeInitializer, string, override, constants);
    }
}
