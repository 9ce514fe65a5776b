package dev.outpost.examples.backend.internal.http;

import dev.outpost.examples.backend.JournalEntry;
import dev.outpost.examples.backend.internal.odata.BatchHooks;
import dev.outpost.examples.backend.internal.store.Database;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.olingo.commons.api.http.HttpHeader;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.deserializer.batch.BatchRequestPart;

/**
 * Fault injection, journaling and repeatability for the requests inside a {@code $batch}; the
 * state of the batch being answered lives with the thread that answers it.
 */
final class RequestHooks implements BatchHooks {

  /** What the hooks learn about the batch that the current thread answers. */
  static final class BatchState {
    final List<JournalEntry.BatchPart> parts = new ArrayList<>();
    boolean dropConnection;
  }

  private static final ThreadLocal<BatchState> CURRENT = new ThreadLocal<>();

  private final FaultAction.Source faults;
  private final RepeatableRequests repeatable;
  private final Database database;
  private final boolean repeatability;

  RequestHooks(FaultAction.Source faults, RepeatableRequests repeatable, Database database, boolean repeatability) {
    this.faults = faults;
    this.repeatable = repeatable;
    this.database = database;
    this.repeatability = repeatability;
  }

  static BatchState begin() {
    BatchState state = new BatchState();
    CURRENT.set(state);
    return state;
  }

  static void end() {
    CURRENT.remove();
  }

  @Override
  public void parsed(List<BatchRequestPart> parts) {
    BatchState state = CURRENT.get();
    int changeSet = 0;
    for (BatchRequestPart part : parts) {
      for (ODataRequest request : part.getRequests()) {
        byte[] body = readAgain(request);
        String query = request.getRawQueryPath();
        String path = relativePath(request) + (query == null || query.isEmpty() ? "" : "?" + query);
        state.parts.add(new JournalEntry.BatchPart(part.isChangeSet() ? changeSet : -1,
            request.getMethod().name(), path, request.getHeader(HttpHeader.CONTENT_ID),
            HeaderNames.lowerCase(request.getAllHeaders()), new String(body, StandardCharsets.UTF_8)));
      }
      if (part.isChangeSet()) {
        changeSet++;
      }
    }
  }

  @Override
  public ODataResponse before(ODataRequest request) {
    FaultAction fault = faults.next(request.getMethod().name(), relativePath(request));
    Pause.of(fault.delayMillis());
    if (fault.dropConnection()) {
      CURRENT.get().dropConnection = true;
    }
    if (fault.status() != 0) {
      return response(BackendServlet.faultAnswer(fault));
    }
    RepeatableRequests.Identity identity = identity(request);
    if (identity == null) {
      return null;
    }
    Answer recorded = database.transaction(connection -> repeatable.find(connection, identity));
    return recorded == null ? null : response(recorded.with(RepeatableRequests.RESULT, "accepted"));
  }

  @Override
  public void after(ODataRequest request, ODataResponse response) {
    RepeatableRequests.Identity identity = identity(request);
    if (identity == null || response.getStatusCode() >= 500) {
      return;
    }
    response.setHeader(RepeatableRequests.RESULT, "accepted");
    Answer answer = Answer.of(response);
    response.setContent(new ByteArrayInputStream(answer.body()));
    database.transaction(connection -> {
      repeatable.record(connection, identity, answer);
      return null;
    });
  }

  private RepeatableRequests.Identity identity(ODataRequest request) {
    if (!repeatability) {
      return null;
    }
    try {
      List<String> firstSent = request.getHeaders(RepeatableRequests.FIRST_SENT);
      // Olingo splits header values at commas, and an IMF-fixdate has one.
      return RepeatableRequests.identity(request.getHeader(RepeatableRequests.REQUEST_ID),
          request.getHeader(RepeatableRequests.CLIENT_ID), firstSent == null ? null : String.join(", ", firstSent));
    } catch (RepeatableRequests.Refusal refusal) {
      return null;
    }
  }

  private static ODataResponse response(Answer answer) {
    ODataResponse response = new ODataResponse();
    response.setStatusCode(answer.status());
    for (Map.Entry<String, List<String>> header : answer.headers().entrySet()) {
      response.addHeader(header.getKey(), header.getValue());
    }
    response.setContent(new ByteArrayInputStream(answer.body()));
    return response;
  }

  private static String relativePath(ODataRequest request) {
    String path = request.getRawODataPath();
    return path.startsWith("/") ? path.substring(1) : path;
  }

  private static byte[] readAgain(ODataRequest request) {
    try {
      byte[] body = request.getBody().readAllBytes();
      request.setBody(new ByteArrayInputStream(body));
      return body;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
