package dev.outpost.examples.backend.internal.odata;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.outpost.examples.backend.internal.query.EntityQuery;
import dev.outpost.examples.backend.internal.query.Reader;
import dev.outpost.examples.backend.internal.store.EntityTable;
import dev.outpost.examples.backend.internal.store.Rejected;
import dev.outpost.examples.backend.internal.store.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.commons.api.http.HttpHeader;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.ODataLibraryException;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.prefer.Preferences;
import org.apache.olingo.server.api.processor.CountEntityCollectionProcessor;
import org.apache.olingo.server.api.uri.UriInfo;

/**
 * Reads of entity collections: server-driven paging with next links, $count, and delta links
 * for sets with change tracking (the initial read with {@code Prefer: odata.track-changes} and
 * the reads of delta links, which report changed and removed entities in the order of change).
 */
final class CollectionReads implements CountEntityCollectionProcessor {

  private final Service service;

  CollectionReads(Service service) {
    this.service = service;
  }

  @Override
  public void init(OData odata, ServiceMetadata serviceMetadata) {
    // Everything needed came through the constructor.
  }

  @Override
  public void readEntityCollection(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType format)
      throws ODataApplicationException, ODataLibraryException {
    Processing.run(service, connection -> {
      Target target = Targets.resolve(connection, service.catalog(), uriInfo.getUriResourceParts());
      EntityQuery query = query(target, uriInfo);
      Preferences preferences = service.odata().createPreferences(request.getHeaders(HttpHeader.PREFER));
      Integer maxPageSize = preferences.getMaxPageSize();
      int pageSize = maxPageSize != null && maxPageSize > 0 ? maxPageSize : service.options().pageSize();
      List<String> applied = new ArrayList<>();
      if (maxPageSize != null) {
        applied.add("odata.maxpagesize=" + pageSize);
      }
      NextLinks links = new NextLinks(request, service.options().relativeLinks());
      byte[] body;
      if (uriInfo.getDeltaTokenOption() != null) {
        body = delta(connection, request, uriInfo, target, query, pageSize, links, format);
      } else {
        boolean track = service.options().delta() && preferences.hasTrackChanges() && target.table().tracksChanges()
            && target.parent() == null;
        if (track) {
          applied.add("odata.track-changes");
        }
        body = page(connection, request, uriInfo, query, pageSize, track, links, format);
      }
      Exchange.json(response, 200, body, format);
      if (!applied.isEmpty()) {
        response.setHeader(HttpHeader.PREFERENCE_APPLIED, String.join(", ", applied));
      }
    });
  }

  @Override
  public void countEntityCollection(ODataRequest request, ODataResponse response, UriInfo uriInfo)
      throws ODataApplicationException, ODataLibraryException {
    Processing.run(service, connection -> {
      Target target = Targets.resolve(connection, service.catalog(), uriInfo.getUriResourceParts());
      long count = Reader.count(connection, query(target, uriInfo));
      response.setStatusCode(200);
      response.setContent(new java.io.ByteArrayInputStream(Long.toString(count).getBytes(StandardCharsets.UTF_8)));
      response.setHeader(HttpHeader.CONTENT_TYPE, ContentType.TEXT_PLAIN.toContentTypeString());
    });
  }

  private static EntityQuery query(Target target, UriInfo uriInfo) throws ODataApplicationException {
    EntityQuery query = EntityQuery.of(target.table(), uriInfo.getFilterOption(), uriInfo.getOrderByOption(),
        uriInfo.getTopOption(), uriInfo.getSkipOption(), uriInfo.getSelectOption(), uriInfo.getExpandOption());
    return target.parent() == null ? query : query.relatedTo(target.relation(), target.parent());
  }

  private byte[] page(Connection connection, ODataRequest request, UriInfo uriInfo, EntityQuery query, int pageSize,
      boolean track, NextLinks links, ContentType format) throws SQLException, IOException {
    PageToken token = uriInfo.getSkipTokenOption() != null
        ? PageToken.decode(uriInfo.getSkipTokenOption().getValue())
        : PageToken.first(track ? service.database().lastVersion() : -1);
    long remaining = query.top() == null ? Long.MAX_VALUE : query.top() - token.served();
    int limit = (int) Math.max(0, Math.min(pageSize, remaining));
    long skip = query.skip() == null ? 0 : query.skip();
    boolean keyOrder = !query.hasOrderBy();
    long offset = keyOrder ? (token.lastKey() == null ? skip : 0) : skip + token.served();
    List<Row> rows = Reader.page(connection, query, keyOrder ? token.lastKey() : null, offset, limit + 1);
    boolean more = rows.size() > limit && remaining > limit;
    if (rows.size() > limit) {
      rows = rows.subList(0, limit);
    }
    try (EntityJson json = new EntityJson(Exchange.ieee754Compatible(format))) {
      JsonGenerator out = json.generator();
      out.writeStartObject();
      out.writeStringField("@odata.context", Exchange.serviceRoot(request) + "$metadata#" + query.table().name());
      if (uriInfo.getCountOption() != null && uriInfo.getCountOption().getValue()) {
        out.writeNumberField("@odata.count", Reader.count(connection, query));
      }
      out.writeArrayFieldStart("value");
      for (Row row : rows) {
        json.entity(row, query, null);
      }
      out.writeEndArray();
      if (more) {
        Row last = rows.get(rows.size() - 1);
        PageToken next = new PageToken(token.served() + rows.size(), keyOrder ? last.key().values() : null,
            token.since(), -1);
        out.writeStringField("@odata.nextLink", links.next(next.encode(), null));
      } else if (token.since() >= 0) {
        out.writeStringField("@odata.deltaLink", links.delta(token.since()));
      }
      out.writeEndObject();
      return json.bytes();
    }
  }

  /**
   * A page of a delta response: changes after the delta token's version, up to the version the
   * first page saw; changed entities that no longer match the filter come as removed, reason
   * "changed", deleted ones as removed, reason "deleted".
   */
  private byte[] delta(Connection connection, ODataRequest request, UriInfo uriInfo, Target target,
      EntityQuery query, int pageSize, NextLinks links, ContentType format) throws SQLException, IOException {
    EntityTable table = target.table();
    if (!service.options().delta() || !table.tracksChanges() || target.parent() != null) {
      throw new Rejected(400, "Delta links are not offered for " + uriInfo.getUriResourceParts()
          + (service.options().delta() ? "" : ": change tracking is switched off on this back end")
          + "; read the collection again instead.");
    }
    String deltaToken = uriInfo.getDeltaTokenOption().getValue();
    long since;
    try {
      since = Long.parseLong(deltaToken);
    } catch (NumberFormatException e) {
      throw new Rejected(400, "The $deltatoken " + deltaToken + " was not made by this service.");
    }
    PageToken token = uriInfo.getSkipTokenOption() != null
        ? PageToken.decode(uriInfo.getSkipTokenOption().getValue())
        : new PageToken(0, null, service.database().lastVersion(), since);
    List<Reader.Change> changes = Reader.changes(connection, query, token.lastChange(), token.since(), pageSize + 1);
    List<Reader.Removal> removals = Reader.removals(connection, table, token.lastChange(), token.since(), pageSize + 1);
    String idBase = service.options().relativeLinks() ? "" : Exchange.serviceRoot(request);
    try (EntityJson json = new EntityJson(Exchange.ieee754Compatible(format))) {
      JsonGenerator out = json.generator();
      out.writeStartObject();
      out.writeStringField("@odata.context", Exchange.serviceRoot(request) + "$metadata#" + table.name() + "/$delta");
      out.writeArrayFieldStart("value");
      int c = 0;
      int r = 0;
      long lastVersion = token.lastChange();
      while (c + r < pageSize && (c < changes.size() || r < removals.size())) {
        boolean change = r >= removals.size()
            || c < changes.size() && changes.get(c).row().version() < removals.get(r).version();
        if (change) {
          Reader.Change next = changes.get(c++);
          lastVersion = next.row().version();
          if (next.matches()) {
            json.entity(next.row(), query, null);
          } else {
            removed(out, idBase + next.row().key().id(), "changed");
          }
        } else {
          Reader.Removal next = removals.get(r++);
          lastVersion = next.version();
          removed(out, idBase + next.id(), "deleted");
        }
      }
      out.writeEndArray();
      if (c < changes.size() || r < removals.size()) {
        PageToken next = new PageToken(token.served() + c + r, null, token.since(), lastVersion);
        out.writeStringField("@odata.nextLink", links.next(next.encode(), deltaToken));
      } else {
        out.writeStringField("@odata.deltaLink", links.delta(token.since()));
      }
      out.writeEndObject();
      return json.bytes();
    }
  }

  private static void removed(JsonGenerator out, String id, String reason) throws IOException {
    out.writeStartObject();
    out.writeObjectFieldStart("@removed");
    out.writeStringField("reason", reason);
    out.writeEndObject();
    out.writeStringField("@id", id);
    out.writeEndObject();
  }
}
