<#-- An entity or complex class: descriptors, constructors, delegating accessors. Loops and output only. -->
${header}
package ${packageName};

<#list imports as import>
import ${import};
</#list>

/**
<#list doc as line>
 * ${line}
</#list>
 */
public ${declaration} ${name} extends ${superclass} {

    /**
     * The OData type of this class.
     */
    public static final ${qualifiedName} ${typeConstant} = ${typeInitializer};
<#list constants as constant>

    /**
<#list constant.doc as line>
     * ${line}
</#list>
     */
    public static final ${constant.type} ${constant.name} = ${constant.initializer};
</#list>
<#list newInstanceConstructors as constructor>

    /**
<#list constructor.doc as line>
     * ${line}
</#list>
     */
    public ${name}() {
        super(${typeConstant});
    }
</#list>

    /**
     * For subclasses: a new, empty value of a derived type.
     *
     * @param type the derived type
     */
    protected ${name}(${qualifiedName} type) {
        super(type);
    }
<#list accessors as accessor>

    /**
<#list accessor.doc as line>
     * ${line}
</#list>
     */
    public ${accessor.returnType} ${accessor.name}(${accessor.parameters}) {
        ${accessor.statement}
    }
</#list>
}
