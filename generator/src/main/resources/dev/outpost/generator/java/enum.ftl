<#-- A Java enum for an OData enum type. Loops and output only. -->
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
public enum ${name} implements ${odataEnum} {
<#list constants as constant>

    /**
<#list constant.doc as line>
     * ${line}
</#list>
     */
    ${constant.name}(${constant.odataName}, ${constant.value})<#sep>,</#sep>
</#list>
    ;

    /**
     * The OData enum type.
     */
    public static final ${qualifiedName} ${typeConstant} = ${typeInitializer};

    private final ${string} odataName;

    private final long odataValue;

    ${name}(${string} odataName, long odataValue) {
        this.odataName = odataName;
        this.odataValue = odataValue;
    }

    @${override}
    public ${qualifiedName} odataType() {
        return ${typeConstant};
    }

    @${override}
    public ${string} odataName() {
        return odataName;
    }

    @${override}
    public long odataValue() {
        return odataValue;
    }
}
