<#-- The service class of an entity container: typed methods over DataService. Loops and output only. -->
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
public class ${name} extends ${dataService} {

    /**
     * A service on a provider: the offline store opened for this service.
     *
     * @param ${params.provider} the provider
     */
    public ${name}(${dataProvider} ${params.provider}) {
        super(${params.provider}, ${valueFactory});
    }
<#list entitySets as set>

    /**
     * Reads every entity of the entity set ${set.nameCode}.
     *
     * @return the entities the store holds
     */
    public ${set.list} ${set.fetch}() {
        return ${set.fetch}(${set.dataQuery}.options());
    }

    /**
     * Reads entities of the entity set ${set.nameCode}.
     *
     * @param ${params.query} {@code DataQuery.options()} with filters, ordering, paging and expands, or a
     *     query of ${set.nameCode} built with {@code DataQuery.from}
     * @return the entities the query selects
     * @throws IllegalArgumentException if the query addresses another entity set
     */
    public ${set.list} ${set.fetch}(${set.dataQuery} ${params.query}) {
        return fetch(${set.entityClass}, ${params.query}.onEntitySet(${set.setConstant}));
    }
<#list set.keyLookups as key>

    /**
     * Reads the entity of the entity set ${set.nameCode} with the given key.
     *
<#list key.paramDocs as line>
     * ${line}
</#list>
     * @return the entity
     * @throws ${key.notFound} if the store holds no such entity
     */
    public ${set.entityType} ${key.method}(${key.parameters}) {
<#list key.singleKey as single>
        ${set.dataQuery} ${key.query} = ${set.dataQuery}.from(${set.setConstant}).withKey(${single.parameter});
</#list>
<#list key.compositeKey as composite>
        ${composite.map} ${composite.variable} = new ${composite.mapImplementation}<>();
<#list composite.parts as part>
        ${composite.variable}.put(${part.nameLiteral}, ${part.parameter});
</#list>
        ${set.dataQuery} ${key.query} = ${set.dataQuery}.from(${set.setConstant}).withKey(${composite.variable});
</#list>
        ${set.list} ${key.found} = fetch(${set.entityClass}, ${key.query});
        if (${key.found}.isEmpty()) {
            throw new ${key.notFound}(${key.query}.toUrl());
        }
        return ${key.found}.get(0);
    }
</#list>

    /**
     * Creates the entity in the entity set ${set.nameCode}: it is stored locally and its create is
     * queued for upload.
     *
     * @param ${params.entity} the new entity
     */
    public void ${set.create}(${set.entityType} ${params.entity}) {
        createEntity(${params.entity}, ${set.setConstant}, ${set.requestOptions}.defaults());
    }

    /**
     * Creates the entity in the entity set ${set.nameCode}, with request options.
     *
     * @param ${params.entity} the new entity
     * @param ${params.options} the request options
     */
    public void ${set.create}(${set.entityType} ${params.entity}, ${set.requestOptions} ${params.options}) {
        createEntity(${params.entity}, ${set.setConstant}, ${params.options});
    }

    /**
     * Updates an entity of the entity set ${set.nameCode}: its changed properties are queued as one
     * PATCH.
     *
     * @param ${params.entity} the changed entity
     */
    public void ${set.update}(${set.entityType} ${params.entity}) {
        updateEntity(${params.entity});
    }

    /**
     * Updates an entity of the entity set ${set.nameCode}, with request options.
     *
     * @param ${params.entity} the changed entity
     * @param ${params.options} the request options
     */
    public void ${set.update}(${set.entityType} ${params.entity}, ${set.requestOptions} ${params.options}) {
        updateEntity(${params.entity}, ${params.options});
    }

    /**
     * Deletes an entity of the entity set ${set.nameCode}.
     *
     * @param ${params.entity} the entity to delete
     */
    public void ${set.delete}(${set.entityType} ${params.entity}) {
        deleteEntity(${params.entity});
    }

    /**
     * Deletes an entity of the entity set ${set.nameCode}, with request options.
     *
     * @param ${params.entity} the entity to delete
     * @param ${params.options} the request options
     */
    public void ${set.delete}(${set.entityType} ${params.entity}, ${set.requestOptions} ${params.options}) {
        deleteEntity(${params.entity}, ${params.options});
    }
<#list set.collectionLinks as links>

    /**
     * Relates an entity of the entity set ${set.nameCode} to an existing entity through a
     * collection-valued navigation property.
     *
     * @param <T> the related entity's class
     * @param ${params.source} the entity whose navigation property changes
     * @param ${params.navigation} the navigation property's descriptor on the source's class
     * @param ${params.target} the entity to relate
     */
    public <T extends ${links.entityValue}> void ${links.createLink}(${set.entityType} ${params.source}, ${links.descriptor}<T> ${params.navigation}, T ${params.target}) {
        createLink(${params.source}, ${params.navigation}, ${params.target});
    }

    /**
     * Removes the relationship between an entity of the entity set ${set.nameCode} and a related
     * entity of a collection-valued navigation property.
     *
     * @param <T> the related entity's class
     * @param ${params.source} the entity whose navigation property changes
     * @param ${params.navigation} the navigation property's descriptor on the source's class
     * @param ${params.target} the related entity
     */
    public <T extends ${links.entityValue}> void ${links.deleteLink}(${set.entityType} ${params.source}, ${links.descriptor}<T> ${params.navigation}, T ${params.target}) {
        deleteLink(${params.source}, ${params.navigation}, ${params.target});
    }

    /**
     * Creates an entity through a collection-valued navigation property of an entity of the entity
     * set ${set.nameCode} (POST to the navigation), for example a contained entity.
     *
     * @param <T> the new entity's class
     * @param ${params.entity} the new entity
     * @param ${params.parent} the entity whose navigation property receives it
     * @param ${params.navigation} the navigation property's descriptor on the parent's class
     */
    public <T extends ${links.entityValue}> void ${links.createRelated}(T ${params.entity}, ${set.entityType} ${params.parent}, ${links.descriptor}<T> ${params.navigation}) {
        createRelatedEntity(${params.entity}, ${params.parent}, ${params.navigation});
    }

    /**
     * Creates an entity through a collection-valued navigation property of an entity of the entity
     * set ${set.nameCode}, with request options.
     *
     * @param <T> the new entity's class
     * @param ${params.entity} the new entity
     * @param ${params.parent} the entity whose navigation property receives it
     * @param ${params.navigation} the navigation property's descriptor on the parent's class
     * @param ${params.options} the request options
     */
    public <T extends ${links.entityValue}> void ${links.createRelated}(T ${params.entity}, ${set.entityType} ${params.parent}, ${links.descriptor}<T> ${params.navigation}, ${set.requestOptions} ${params.options}) {
        createRelatedEntity(${params.entity}, ${params.parent}, ${params.navigation}.name(), ${params.options});
    }
</#list>
<#list set.singleLinks as links>

    /**
     * Sets the target of a single-valued navigation property of an entity of the entity set
     * ${set.nameCode}.
     *
     * @param <T> the related entity's class
     * @param ${params.source} the entity whose navigation property changes
     * @param ${params.navigation} the navigation property's descriptor on the source's class
     * @param ${params.target} the entity to relate
     */
    public <T extends ${links.entityValue}> void ${links.createLink}(${set.entityType} ${params.source}, ${links.descriptor}<T> ${params.navigation}, T ${params.target}) {
        createLink(${params.source}, ${params.navigation}, ${params.target});
    }

    /**
     * Replaces the target of a single-valued navigation property of an entity of the entity set
     * ${set.nameCode}.
     *
     * @param <T> the related entity's class
     * @param ${params.source} the entity whose navigation property changes
     * @param ${params.navigation} the navigation property's descriptor on the source's class
     * @param ${params.target} the new related entity
     */
    public <T extends ${links.entityValue}> void ${links.updateLink}(${set.entityType} ${params.source}, ${links.descriptor}<T> ${params.navigation}, T ${params.target}) {
        updateLink(${params.source}, ${params.navigation}, ${params.target});
    }

    /**
     * Removes the target of a single-valued navigation property of an entity of the entity set
     * ${set.nameCode}.
     *
     * @param <T> the related entity's class
     * @param ${params.source} the entity whose navigation property changes
     * @param ${params.navigation} the navigation property's descriptor on the source's class
     */
    public <T extends ${links.entityValue}> void ${links.deleteLink}(${set.entityType} ${params.source}, ${links.descriptor}<T> ${params.navigation}) {
        deleteLink(${params.source}, ${params.navigation});
    }
</#list>
</#list>
<#list singletons as singleton>

    /**
     * Reads the singleton ${singleton.nameCode}.
     *
     * @return the entity
     * @throws ${singleton.notFound} if the store does not hold it
     */
    public ${singleton.entityType} ${singleton.fetch}() {
        ${singleton.list} ${singleton.found} = fetch(${singleton.entityClass}, ${singleton.dataQuery}.from(${singleton.constant}));
        if (${singleton.found}.isEmpty()) {
            throw new ${singleton.notFound}(${singleton.constant});
        }
        return ${singleton.found}.get(0);
    }

    /**
     * Updates the singleton ${singleton.nameCode}: its changed properties are queued as one PATCH.
     *
     * @param ${params.entity} the changed entity
     */
    public void ${singleton.update}(${singleton.entityType} ${params.entity}) {
        updateEntity(${params.entity});
    }

    /**
     * Updates the singleton ${singleton.nameCode}, with request options.
     *
     * @param ${params.entity} the changed entity
     * @param ${params.options} the request options
     */
    public void ${singleton.update}(${singleton.entityType} ${params.entity}, ${singleton.requestOptions} ${params.options}) {
        updateEntity(${params.entity}, ${params.options});
    }
</#list>
<#list operations as operation>

    /**
<#list operation.doc as line>
     * ${line}
</#list>
     */
    public ${operation.returnType} ${operation.name}(${operation.parameters}) {
        ${operation.map} ${operation.variable} = new ${operation.mapImplementation}<>();
<#list operation.arguments as argument>
        ${operation.variable}.put(${argument.nameLiteral}, ${argument.parameter});
</#list>
        ${operation.result}${operation.call}(${operation.operationName}, ${operation.binding}, ${operation.variable}${operation.resultArgument});
    }
</#list>
}
