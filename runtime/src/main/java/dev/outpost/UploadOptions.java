package dev.outpost;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which queued requests an upload sends (S14): all of them (the default), those of some upload
 * categories, or those that change some entities. A selected request that needs an unselected
 * earlier one (the create of an entity it changes or links to) takes that one along, so nothing
 * reaches the back end before what it depends on.
 */
public final class UploadOptions {

    private static final UploadOptions ALL = new UploadOptions(null, null);

    private final Set<String> categories;
    private final List<String> entities;

    private UploadOptions(Set<String> categories, List<String> entities) {
        this.categories = categories;
        this.entities = entities;
    }

    /** Every queued request. */
    public static UploadOptions all() {
        return ALL;
    }

    /** Requests made with one of these upload categories ({@link RequestOptions#uploadCategory(String)}). */
    public static UploadOptions categories(String... categories) {
        if (categories.length == 0) {
            throw new IllegalArgumentException("name at least one upload category");
        }
        return new UploadOptions(Set.of(categories), null);
    }

    /** Requests that change these entities, given by readLink ({@code Set(key)} or {@code Set($lid=n)}). */
    public static UploadOptions entities(String... readLinks) {
        if (readLinks.length == 0) {
            throw new IllegalArgumentException("name at least one entity");
        }
        for (String r : readLinks) {
            Objects.requireNonNull(r, "readLink");
        }
        return new UploadOptions(null, List.of(readLinks));
    }

    /** The selected categories, or null for no selection by category. */
    public Set<String> categories() {
        return categories;
    }

    /** The selected entities' readLinks, or null for no selection by entity. */
    public List<String> entities() {
        return entities;
    }

    /** Whether every request is selected. */
    public boolean isAll() {
        return categories == null && entities == null;
    }
}
