<#-- The value factory: type name to generated constructor, split into chunks. Loops and output only. -->
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
final class ${name} implements ${valueFactory} {

    ${name}() {
    }

    @${override}
    public ${entityValue} newEntity(${qualifiedName} entityType) {
        ${entityValue} entity = ${firstEntityChunk}(entityType.toString());
        return entity != null ? entity : new ${entityValue}(entityType);
    }

    @${override}
    public ${complexValue} newComplex(${qualifiedName} complexType) {
        ${complexValue} value = ${firstComplexChunk}(complexType.toString());
        return value != null ? value : new ${complexValue}(complexType);
    }
<#list entityChunks as chunk>

    private static ${entityValue} ${chunk.method}(${string} name) {
        return switch (name) {
<#list chunk.cases as case>
            case ${case.literal} -> new ${case.type}();
</#list>
            default -> ${chunk.fallback};
        };
    }
</#list>
<#list complexChunks as chunk>

    private static ${complexValue} ${chunk.method}(${string} name) {
        return switch (name) {
<#list chunk.cases as case>
            case ${case.literal} -> new ${case.type}();
</#list>
            default -> ${chunk.fallback};
        };
    }
</#list>
}
