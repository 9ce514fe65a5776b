package dev.outpost.examples.backend.internal.odata;

import dev.outpost.examples.backend.internal.query.EntityQuery;
import dev.outpost.examples.backend.internal.query.Reader;
import dev.outpost.examples.backend.internal.store.Changes;
import dev.outpost.examples.backend.internal.store.Key;
import dev.outpost.examples.backend.internal.store.Rejected;
import dev.outpost.examples.backend.internal.store.Row;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.olingo.commons.api.data.Entity;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.commons.api.http.HttpHeader;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.ODataLibraryException;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.prefer.Preferences;
import org.apache.olingo.server.api.prefer.PreferencesApplied;
import org.apache.olingo.server.api.processor.EntityProcessor;
import org.apache.olingo.server.api.uri.UriInfo;

/** Reads, creates, updates and deletes single entities. */
final class EntityRequests implements EntityProcessor {

  private final Service service;

  EntityRequests(Service service) {
    this.service = service;
  }

  @Override
  public void init(OData odata, ServiceMetadata serviceMetadata) {
    // Everything needed came through the constructor.
  }

  @Override
  public void readEntity(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType format)
      throws ODataApplicationException, ODataLibraryException {
    run(connection -> {
      Target target = Targets.resolve(connection, service.catalog(), uriInfo.getUriResourceParts());
      if (target.key() == null) {
        Exchange.noContent(response);
        return;
      }
      EntityQuery query = EntityQuery.of(target.table(), null, null, null, null, uriInfo.getSelectOption(),
          uriInfo.getExpandOption());
      Row row = Reader.find(connection, query, target.key());
      if (row == null) {
        throw new Rejected(404, "There is no entity " + target.key().id() + ".");
      }
      if (target.table().hasETag()) {
        service.odata().createETagHelper().checkReadPreconditions(row.etag(), request.getHeaders(HttpHeader.IF_MATCH),
            request.getHeaders(HttpHeader.IF_NONE_MATCH));
      }
      Exchange.entity(response, 200, row, query, context(request, target), format);
    });
  }

  @Override
  public void createEntity(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType requestFormat,
      ContentType responseFormat) throws ODataApplicationException, ODataLibraryException {
    run(connection -> {
      Target target = Targets.resolve(connection, service.catalog(), uriInfo.getUriResourceParts());
      Entity entity = service.odata().createDeserializer(requestFormat, service.metadata())
          .entity(request.getBody(), target.table().entityType()).getEntity();
      Key key = new EntityWrites(service, Exchange.serviceRoot(request))
          .create(connection, target.table(), entity, target.relation(), target.parent());
      Row row = Changes.existing(connection, key);
      String location = Exchange.serviceRoot(request) + key.id();
      response.setHeader(HttpHeader.LOCATION, location);
      respond(request, response, row, location, HttpStatusCode.CREATED.getStatusCode(), true, responseFormat);
    });
  }

  @Override
  public void updateEntity(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType requestFormat,
      ContentType responseFormat) throws ODataApplicationException, ODataLibraryException {
    run(connection -> {
      Key key = existingKey(connection, uriInfo);
      checkIfMatch(request, Changes.existing(connection, key));
      Entity entity = service.odata().createDeserializer(requestFormat, service.metadata())
          .entity(request.getBody(), key.table().entityType()).getEntity();
      boolean replace = request.getMethod() == org.apache.olingo.commons.api.http.HttpMethod.PUT;
      new EntityWrites(service, Exchange.serviceRoot(request)).update(connection, key, entity, replace);
      respond(request, response, Changes.existing(connection, key), null, HttpStatusCode.OK.getStatusCode(), false,
          responseFormat);
    });
  }

  @Override
  public void deleteEntity(ODataRequest request, ODataResponse response, UriInfo uriInfo)
      throws ODataApplicationException, ODataLibraryException {
    run(connection -> {
      Key key = existingKey(connection, uriInfo);
      checkIfMatch(request, Changes.existing(connection, key));
      service.changes().delete(connection, key);
      Exchange.noContent(response);
    });
  }

  private Key existingKey(Connection connection, UriInfo uriInfo) throws SQLException {
    Target target = Targets.resolve(connection, service.catalog(), uriInfo.getUriResourceParts());
    if (target.key() == null) {
      throw new Rejected(404, "No entity is linked through " + target.relation().name() + ".");
    }
    return target.key();
  }

  private void checkIfMatch(ODataRequest request, Row row) throws ODataLibraryException {
    if (row.table().hasETag()) {
      service.odata().createETagHelper().checkChangePreconditions(row.etag(), request.getHeaders(HttpHeader.IF_MATCH),
          request.getHeaders(HttpHeader.IF_NONE_MATCH));
    }
  }

  /**
   * Answers a write: the entity as body by default for creates, or when the client prefers
   * {@code return=representation}; 204 with headers only otherwise.
   */
  private void respond(ODataRequest request, ODataResponse response, Row row, String location, int status,
      boolean bodyByDefault, ContentType format) throws IOException {
    Preferences preferences = service.odata().createPreferences(request.getHeaders(HttpHeader.PREFER));
    Preferences.Return preferred = preferences.getReturn();
    boolean body = preferred == null ? bodyByDefault : preferred == Preferences.Return.REPRESENTATION;
    if (body) {
      Exchange.entity(response, status, row, EntityQuery.all(row.table()),
          Exchange.serviceRoot(request) + "$metadata#" + row.table().name() + "/$entity", format);
    } else {
      Exchange.noContent(response);
      if (location != null) {
        response.setHeader(HttpHeader.ODATA_ENTITY_ID, location);
      }
      if (row.table().hasETag()) {
        response.setHeader(HttpHeader.ETAG, row.etag());
      }
    }
    if (preferred != null) {
      response.setHeader(HttpHeader.PREFERENCE_APPLIED,
          PreferencesApplied.with().returnRepresentation(preferred).build().toValueString());
    }
  }

  private static String context(ODataRequest request, Target target) {
    return Exchange.serviceRoot(request) + "$metadata#" + target.table().name() + "/$entity";
  }

  private void run(Processing.Work work) throws ODataApplicationException, ODataLibraryException {
    Processing.run(service, work);
  }
}
