package dev.outpost.examples.backend.internal.odata;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.outpost.examples.backend.internal.query.EntityQuery;
import dev.outpost.examples.backend.internal.query.Reader;
import dev.outpost.examples.backend.internal.store.Changes;
import dev.outpost.examples.backend.internal.store.Key;
import dev.outpost.examples.backend.internal.store.Rejected;
import dev.outpost.examples.backend.internal.store.Row;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.ODataLibraryException;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.deserializer.DeserializerException;
import org.apache.olingo.server.api.processor.ReferenceCollectionProcessor;
import org.apache.olingo.server.api.processor.ReferenceProcessor;
import org.apache.olingo.server.api.uri.UriInfo;

/**
 * Links between entities through {@code $ref}: reads them, adds to collections (POST), sets
 * to-one links (PUT), and removes either kind (DELETE, with {@code $id} or a key in the path).
 */
final class ReferenceRequests implements ReferenceProcessor, ReferenceCollectionProcessor {

  private final Service service;

  ReferenceRequests(Service service) {
    this.service = service;
  }

  @Override
  public void init(OData odata, ServiceMetadata serviceMetadata) {
    // Everything needed came through the constructor.
  }

  @Override
  public void readReference(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType format)
      throws ODataApplicationException, ODataLibraryException {
    Processing.run(service, connection -> {
      Target target = Targets.resolve(connection, service.catalog(), uriInfo.getUriResourceParts());
      if (target.key() == null) {
        Exchange.noContent(response);
        return;
      }
      try (EntityJson json = new EntityJson(false)) {
        JsonGenerator out = json.generator();
        out.writeStartObject();
        out.writeStringField("@odata.context", Exchange.serviceRoot(request) + "$metadata#$ref");
        out.writeStringField("@odata.id", target.key().id());
        out.writeEndObject();
        Exchange.json(response, 200, json.bytes(), format);
      }
    });
  }

  @Override
  public void readReferenceCollection(ODataRequest request, ODataResponse response, UriInfo uriInfo,
      ContentType format) throws ODataApplicationException, ODataLibraryException {
    Processing.run(service, connection -> {
      Target target = Targets.resolve(connection, service.catalog(), uriInfo.getUriResourceParts());
      EntityQuery query = EntityQuery.all(target.table());
      if (target.parent() != null) {
        query = query.relatedTo(target.relation(), target.parent());
      }
      try (EntityJson json = new EntityJson(false)) {
        JsonGenerator out = json.generator();
        out.writeStartObject();
        out.writeStringField("@odata.context", Exchange.serviceRoot(request) + "$metadata#Collection($ref)");
        out.writeArrayFieldStart("value");
        for (Row row : Reader.page(connection, query, null, 0, Integer.MAX_VALUE)) {
          out.writeStartObject();
          out.writeStringField("@odata.id", row.key().id());
          out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
        Exchange.json(response, 200, json.bytes(), format);
      }
    });
  }

  @Override
  public void createReference(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType format)
      throws ODataApplicationException, ODataLibraryException {
    link(request, response, uriInfo, format);
  }

  @Override
  public void updateReference(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType format)
      throws ODataApplicationException, ODataLibraryException {
    link(request, response, uriInfo, format);
  }

  private void link(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType format)
      throws ODataApplicationException, ODataLibraryException {
    List<URI> references = service.odata().createDeserializer(format).entityReferences(request.getBody())
        .getEntityReferences();
    if (references.size() != 1) {
      throw new DeserializerException("Send exactly one @odata.id to link.",
          DeserializerException.MessageKeys.UNKNOWN_CONTENT);
    }
    Processing.run(service, connection -> {
      Target target = navigationTarget(connection, uriInfo);
      Key related = Payloads.reference(service.odata(), service.metadata(), service.catalog(),
          references.get(0).toString(), Exchange.serviceRoot(request));
      service.changes().link(connection, target.relation(), target.parent().key(), related);
      Exchange.noContent(response);
    });
  }

  @Override
  public void deleteReference(ODataRequest request, ODataResponse response, UriInfo uriInfo)
      throws ODataApplicationException, ODataLibraryException {
    Processing.run(service, connection -> {
      Target target = navigationTarget(connection, uriInfo);
      Key related = target.key();
      if (target.relation().isCollection() && uriInfo.getIdOption() != null) {
        related = Payloads.reference(service.odata(), service.metadata(), service.catalog(),
            uriInfo.getIdOption().getValue(), Exchange.serviceRoot(request));
      } else if (target.relation().isCollection() && related == null) {
        throw new Rejected(400, "Name the entity to unlink with $id or a key: "
            + target.relation().name() + "(key)/$ref or " + target.relation().name() + "/$ref?$id=...");
      }
      service.changes().unlink(connection, target.relation(), Changes.existing(connection, target.parent().key()),
          related);
      Exchange.noContent(response);
    });
  }

  private Target navigationTarget(Connection connection, UriInfo uriInfo) throws SQLException {
    Target target = Targets.resolve(connection, service.catalog(), uriInfo.getUriResourceParts());
    if (target.relation() == null) {
      throw new Rejected(400, "$ref links need a navigation property, e.g. WorkOrders(1)/Parts/$ref.");
    }
    return target;
  }
}
