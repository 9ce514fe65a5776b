package dev.outpost.examples.backend.internal.odata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.commons.api.http.HttpHeader;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.ODataLibraryException;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.batch.BatchFacade;
import org.apache.olingo.server.api.deserializer.batch.BatchOptions;
import org.apache.olingo.server.api.deserializer.batch.BatchRequestPart;
import org.apache.olingo.server.api.deserializer.batch.ODataResponsePart;
import org.apache.olingo.server.api.prefer.PreferencesApplied;
import org.apache.olingo.server.api.processor.BatchProcessor;

/**
 * Multipart {@code $batch}: each change set runs all-or-nothing under one savepoint. When a
 * request in it fails, the change set's answer is that request's response alone, still framed as
 * a change set so that it carries the failing request's Content-ID (Olingo drops Content-ID
 * from a change set answered by a single application/http part). Requests outside
 * change sets run on their own. Processing stops at the first failure unless the client prefers
 * {@code odata.continue-on-error}.
 */
final class BatchRequests implements BatchProcessor {

  private static final Pattern CONTENT_ID_REFERENCE = Pattern.compile("/?\\$([^/]+)(/.*)?");

  private final Service service;

  BatchRequests(Service service) {
    this.service = service;
  }

  @Override
  public void init(OData odata, ServiceMetadata serviceMetadata) {
    // Everything needed came through the constructor.
  }

  @Override
  public void processBatch(BatchFacade facade, ODataRequest request, ODataResponse response)
      throws ODataApplicationException, ODataLibraryException {
    OData odata = service.odata();
    boolean continueOnError = odata.createPreferences(request.getHeaders(HttpHeader.PREFER)).hasContinueOnError();
    String boundary = facade.extractBoundaryFromContentType(request.getHeader(HttpHeader.CONTENT_TYPE));
    BatchOptions options = BatchOptions.with().rawBaseUri(request.getRawBaseUri())
        .rawServiceResolutionUri(request.getRawServiceResolutionUri()).build();
    List<BatchRequestPart> parts = odata.createFixedFormatDeserializer().parseBatchRequest(request.getBody(), boundary,
        options);
    for (BatchRequestPart part : parts) {
      part.getRequests().forEach(BatchRequests::bufferBody);
    }
    service.hooks().parsed(parts);
    List<ODataResponsePart> responses = new ArrayList<>();
    for (BatchRequestPart part : parts) {
      ODataResponsePart answered = part.isChangeSet()
          ? facade.handleBatchRequest(part)
          : new ODataResponsePart(single(facade, part.getRequests().get(0)), false);
      responses.add(answered);
      if (answered.getResponses().get(0).getStatusCode() >= 400 && !continueOnError) {
        break;
      }
    }
    String responseBoundary = "batchresponse_" + UUID.randomUUID();
    response.setContent(odata.createFixedFormatSerializer().batchResponse(responses, responseBoundary));
    response.setHeader(HttpHeader.CONTENT_TYPE, ContentType.MULTIPART_MIXED + ";boundary=" + responseBoundary);
    response.setStatusCode(200);
    if (continueOnError) {
      response.setHeader(HttpHeader.PREFERENCE_APPLIED,
          PreferencesApplied.with().continueOnError().build().toValueString());
    }
  }

  private ODataResponse single(BatchFacade facade, ODataRequest request) {
    return service.database().transaction(connection -> run(facade, request),
        answered -> answered.getStatusCode() < 400);
  }

  @Override
  public ODataResponsePart processChangeSet(BatchFacade facade, List<ODataRequest> requests) {
    ContentIds.begin();
    try {
      return service.database().transaction(connection -> {
        List<ODataResponse> responses = new ArrayList<>();
        for (ODataRequest request : requests) {
          ODataResponse answered = run(facade, request);
          if (answered.getStatusCode() >= 400) {
            return new ODataResponsePart(List.of(answered), true);
          }
          ContentIds.created(request.getHeader(HttpHeader.CONTENT_ID), answered.getHeader(HttpHeader.LOCATION));
          responses.add(answered);
        }
        return new ODataResponsePart(responses, true);
      }, part -> part.getResponses().get(0).getStatusCode() < 400);
    } finally {
      ContentIds.end();
    }
  }

  private ODataResponse run(BatchFacade facade, ODataRequest request) {
    ODataResponse answered = service.hooks().before(request);
    if (answered == null) {
      resolveContentIdReference(request);
      try {
        answered = facade.handleODataRequest(request);
      } catch (ODataApplicationException | ODataLibraryException e) {
        throw new IllegalStateException("Olingo reported a batch part failure as an exception: " + e.getMessage(), e);
      }
      bufferContent(answered);
      service.hooks().after(request, answered);
    }
    String contentId = request.getHeader(HttpHeader.CONTENT_ID);
    if (contentId != null) {
      answered.setHeader(HttpHeader.CONTENT_ID, contentId);
    }
    return answered;
  }

  /**
   * Replaces a leading {@code $<Content-ID>} in the request path by the path of the entity that
   * request created. Olingo would do this too, but only for requests it ran itself, not for
   * ones answered from the repeatable-request record.
   */
  private static void resolveContentIdReference(ODataRequest request) {
    Matcher matcher = CONTENT_ID_REFERENCE.matcher(request.getRawODataPath());
    if (!matcher.matches()) {
      return;
    }
    String resolved = ContentIds.resolve("$" + matcher.group(1));
    if (resolved.startsWith(request.getRawBaseUri())) {
      String path = resolved.substring(request.getRawBaseUri().length()) + (matcher.group(2) == null ? ""
          : matcher.group(2));
      request.setRawODataPath(path);
      request.setRawRequestUri(request.getRawBaseUri() + path);
    }
  }

  private static void bufferBody(ODataRequest request) {
    request.setBody(new ByteArrayInputStream(readAll(request.getBody())));
  }

  private static void bufferContent(ODataResponse response) {
    if (response.getContent() != null) {
      response.setContent(new ByteArrayInputStream(readAll(response.getContent())));
    }
  }

  private static byte[] readAll(InputStream in) {
    if (in == null) {
      return new byte[0];
    }
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Reading a batch part failed", e);
    }
  }
}
