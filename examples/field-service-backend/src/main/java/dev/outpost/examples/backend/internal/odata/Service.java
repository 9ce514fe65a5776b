package dev.outpost.examples.backend.internal.odata;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.internal.store.Catalog;
import dev.outpost.examples.backend.internal.store.Changes;
import dev.outpost.examples.backend.internal.store.Database;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataHttpHandler;
import org.apache.olingo.server.api.ServiceMetadata;

/**
 * The OData service: the model, the store and the processors that answer requests. Olingo's
 * handler keeps per-request state, so {@link #handler()} makes a new one for each request.
 */
public final class Service {

  private final OData odata;
  private final ServiceMetadata metadata;
  private final Catalog catalog;
  private final Database database;
  private final Changes changes;
  private final BackendOptions options;
  private final BatchHooks hooks;

  public Service(OData odata, ServiceMetadata metadata, Catalog catalog, Database database, BackendOptions options,
      BatchHooks hooks) {
    this.hooks = hooks;
    this.odata = odata;
    this.metadata = metadata;
    this.catalog = catalog;
    this.database = database;
    this.options = options;
    this.changes = new Changes(database, options.duplicateKeyStatus());
  }

  /** Makes the service once the HTTP layer's hooks for batch parts exist. */
  @FunctionalInterface
  public interface Factory {
    Service create(BatchHooks hooks);
  }

  /** A handler with all processors registered, for one request. */
  public ODataHttpHandler handler() {
    ODataHttpHandler handler = odata.createHandler(metadata);
    handler.register(new CollectionReads(this));
    handler.register(new EntityRequests(this));
    handler.register(new ReferenceRequests(this));
    handler.register(new BatchRequests(this));
    handler.register(new ETags(catalog));
    return handler;
  }

  OData odata() { return odata; }
  ServiceMetadata metadata() { return metadata; }
  Catalog catalog() { return catalog; }
  public Database database() { return database; }
  Changes changes() { return changes; }
  BackendOptions options() { return options; }
  BatchHooks hooks() { return hooks; }
}
