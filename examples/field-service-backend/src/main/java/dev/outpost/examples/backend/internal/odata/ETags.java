package dev.outpost.examples.backend.internal.odata;

import dev.outpost.examples.backend.internal.store.Catalog;
import org.apache.olingo.commons.api.edm.EdmBindingTarget;
import org.apache.olingo.server.api.etag.CustomETagSupport;

/**
 * Tells Olingo which entity sets have ETags, so that it answers 428 to writes on them that
 * come without If-Match.
 */
final class ETags implements CustomETagSupport {

  private final Catalog catalog;

  ETags(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public boolean hasETag(EdmBindingTarget entitySetOrSingleton) {
    return catalog.table(entitySetOrSingleton.getName()).hasETag();
  }

  @Override
  public boolean hasMediaETag(EdmBindingTarget entitySetOrSingleton) {
    return false;
  }
}
