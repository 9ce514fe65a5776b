package dev.outpost;

import java.util.List;

/**
 * The result of a query: the entities of one page, the total count when asked for with
 * {@code $count=true}, and the next link when {@code odata.maxpagesize} cut the result.
 *
 * @param entities the entities of this page
 * @param count the total count, or null when not asked for
 * @param nextLink the URL of the next page, relative to the service root, or null
 * @param <T> the entity class
 */
public record QueryResult<T extends EntityValue>(List<T> entities, Long count, String nextLink) {

    public QueryResult {
        entities = List.copyOf(entities);
    }
}
