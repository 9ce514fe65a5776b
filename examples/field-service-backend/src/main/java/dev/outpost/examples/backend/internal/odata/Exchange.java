package dev.outpost.examples.backend.internal.odata;

import dev.outpost.examples.backend.internal.query.EntityQuery;
import dev.outpost.examples.backend.internal.store.Row;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.commons.api.http.HttpHeader;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;

/** Request facts and response writing that every processor shares. */
final class Exchange {

  private Exchange() {}

  /** The service root of the request, ending with a slash. */
  static String serviceRoot(ODataRequest request) {
    return request.getRawBaseUri() + "/";
  }

  static boolean ieee754Compatible(ContentType format) {
    return format != null && "true".equalsIgnoreCase(format.getParameter(ContentType.PARAMETER_IEEE754_COMPATIBLE));
  }

  /** Answers {@code status} with {@code row} as the body, and its ETag as a header. */
  static void entity(ODataResponse response, int status, Row row, EntityQuery query, String context,
      ContentType format) throws IOException {
    try (EntityJson json = new EntityJson(ieee754Compatible(format))) {
      json.entity(row, query, context);
      json(response, status, json.bytes(), format);
    }
    if (row.table().hasETag()) {
      response.setHeader(HttpHeader.ETAG, row.etag());
    }
  }

  /** Answers {@code status} with a JSON body. */
  static void json(ODataResponse response, int status, byte[] body, ContentType format) {
    response.setStatusCode(status);
    response.setContent(new ByteArrayInputStream(body));
    response.setHeader(HttpHeader.CONTENT_TYPE, (format == null ? ContentType.JSON_NO_METADATA : format)
        .toContentTypeString());
  }

  static void noContent(ODataResponse response) {
    response.setStatusCode(HttpStatusCode.NO_CONTENT.getStatusCode());
  }
}
