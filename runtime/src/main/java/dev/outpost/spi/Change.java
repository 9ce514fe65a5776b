package dev.outpost.spi;

import dev.outpost.EntityValue;
import dev.outpost.RequestOptions;

import java.util.Objects;

/**
 * One local change, as the data service hands it to its provider. Each becomes one OData
 * request in the request queue. For the provider implementation (the offline store).
 */
public sealed interface Change {

    /** The request options. */
    RequestOptions options();

    /** POST to an entity set (L1), with bindings ({@code @odata.bind}) and deep-inserted related entities. */
    record Create(EntityValue entity, String entitySet, RequestOptions options) implements Change {
        public Create {
            Objects.requireNonNull(entity, "entity");
        }
    }

    /** POST to a navigation of an existing or newly created parent (L7). */
    record CreateRelated(EntityValue entity, EntityValue parent, String navigation, RequestOptions options)
            implements Change {
    }

    /** PATCH with the changed properties (L3). */
    record Update(EntityValue entity, RequestOptions options) implements Change {
    }

    /** DELETE (L5). */
    record Delete(EntityValue entity, RequestOptions options) implements Change {
    }

    /** POST {@code .../Navigation/$ref} (L6). */
    record CreateLink(EntityValue source, String navigation, EntityValue target, RequestOptions options)
            implements Change {
    }

    /** PUT {@code .../Navigation/$ref} for a single-valued navigation (L6). */
    record UpdateLink(EntityValue source, String navigation, EntityValue target, RequestOptions options)
            implements Change {
    }

    /** DELETE {@code .../Navigation/$ref}; the target is null for single-valued navigations (L6). */
    record DeleteLink(EntityValue source, String navigation, EntityValue target, RequestOptions options)
            implements Change {
    }
}
