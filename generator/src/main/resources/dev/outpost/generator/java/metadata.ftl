<#-- The metadata class of a service: names, value factory, the packaged model. Loops and output only. -->
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
public final class ${name} {
<#list names as constant>

    /**
<#list constant.doc as line>
     * ${line}
</#list>
     */
    public static final ${string} ${constant.name} = ${constant.literal};
</#list>

    /**
     * The classpath resource holding the service's {@code $metadata} document, byte for byte the
     * document the proxies were generated from.
     */
    public static final ${string} ${resourceConstant} = ${resourceLiteral};

    /**
     * Creates the generated classes for the entities and complex values the store reads.
     */
    public static final ${valueFactory} ${valueFactoryConstant} = new ${valueFactoryImplementation}();

    private ${name}() {
    }

    /**
     * Reads the service model from the packaged {@code $metadata} document, without a network.
     * Reading takes a while for large services: keep the result.
     *
     * @return the service model
     */
    public static ${serviceModel} ${loadModel}() {
        return ${serviceModel}.read(${metadataSource}.classpath(${name}.class.getClassLoader(), ${resourceConstant}));
    }
}
