package dev.outpost.examples.backend.internal.http;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.JournalEntry;
import dev.outpost.examples.backend.internal.odata.Service;
import dev.outpost.examples.backend.internal.store.Database;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.olingo.commons.api.http.HttpMethod;
import org.apache.olingo.server.api.ODataRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Answers every request under the service root, in this order: journal it; Basic
 * authentication and CSRF token checks; the $batch switch; fault injection; repeatable-request
 * replay; then the OData service inside one database transaction that commits before the
 * response is sent (so that a dropped connection can follow a committed change).
 */
public final class BackendServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String CSRF = "X-CSRF-Token";

  private final transient Service service;
  private final transient BackendOptions options;
  private final transient Database database;
  private final transient FaultAction.Source faults;
  private final transient Consumer<JournalEntry> journal;
  private final transient RepeatableRequests repeatable;
  private final String csrfToken = UUID.randomUUID().toString();

  public BackendServlet(Service.Factory services, BackendOptions options, Database database,
      FaultAction.Source faults, Consumer<JournalEntry> journal) {
    this.options = options;
    this.database = database;
    this.faults = faults;
    this.journal = journal;
    this.repeatable = new RepeatableRequests(database);
    this.service = services.create(new RequestHooks(faults, repeatable, database, options.repeatability()));
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body = request.getInputStream().readAllBytes();
    Map<String, List<String>> headers = headers(request);
    String path = relativePath(request);
    RequestHooks.BatchState batch = RequestHooks.begin();
    Answer answer;
    boolean drop = false;
    try {
      FaultAction fault = FaultAction.NONE;
      answer = refusal(request, path);
      if (answer == null) {
        fault = faults.next(request.getMethod(), path);
        Pause.of(fault.delayMillis());
        answer = fault.status() != 0 ? faultAnswer(fault) : execute(request, headers, body);
      }
      drop = fault.dropConnection() || batch.dropConnection;
      if ("fetch".equalsIgnoreCase(request.getHeader(CSRF)) && options.csrfRequired() && answer.status() < 400) {
        answer = answer.with(CSRF, csrfToken);
      }
    } catch (RuntimeException e) {
      answer = Answer.text(500, "The back end failed: " + e);
    } finally {
      RequestHooks.end();
    }
    String url = request.getRequestURL() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    journal.accept(new JournalEntry(request.getMethod(), url, HeaderNames.lowerCase(headers), body, answer.status(),
        drop, List.copyOf(batch.parts)));
    if (drop) {
      ServletContextRequest.getServletContextRequest(request).getConnectionMetaData().getConnection().getEndPoint()
          .close();
      return;
    }
    write(response, answer);
  }

  /** The answer to a request that authentication, CSRF protection or the $batch switch refuses, or null. */
  private Answer refusal(HttpServletRequest request, String path) {
    if (options.basicAuthentication() && !authenticated(request.getHeader("Authorization"))) {
      return Answer.text(401, "Authenticate with HTTP Basic authentication.")
          .with("WWW-Authenticate", "Basic realm=\"field-service\", charset=\"UTF-8\"");
    }
    if (options.csrfRequired() && !READS.contains(request.getMethod())
        && !csrfToken.equals(request.getHeader(CSRF))) {
      return Answer.text(403, "CSRF token validation failed: fetch a token with a GET request that has "
          + "X-CSRF-Token: Fetch and send it in X-CSRF-Token.").with(CSRF, "Required");
    }
    if (!options.batch() && path.startsWith("$batch")) {
      return Answer.text(501, "$batch is switched off on this back end; send the requests one by one.");
    }
    return null;
  }

  private boolean authenticated(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    byte[] expected = (options.user() + ":" + options.password()).getBytes(StandardCharsets.UTF_8);
    try {
      return MessageDigest.isEqual(expected, Base64.getDecoder().decode(authorization.substring(6).trim()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static Answer faultAnswer(FaultAction fault) {
    Answer answer = Answer.text(fault.status(), "Injected fault: this request was not run.");
    return fault.retryAfterSeconds() >= 0 ? answer.with("Retry-After", Integer.toString(fault.retryAfterSeconds()))
        : answer;
  }

  private Answer execute(HttpServletRequest request, Map<String, List<String>> headers, byte[] body) {
    boolean modifying = !READS.contains(request.getMethod());
    RepeatableRequests.Identity identity = null;
    if (options.repeatability() && modifying) {
      try {
        identity = RepeatableRequests.identity(first(headers, RepeatableRequests.REQUEST_ID),
            first(headers, RepeatableRequests.CLIENT_ID), first(headers, RepeatableRequests.FIRST_SENT));
      } catch (RepeatableRequests.Refusal refusal) {
        return Answer.text(400, refusal.getMessage()).with(RepeatableRequests.RESULT, "rejected");
      }
    }
    if (identity == null) {
      return process(request, headers, body);
    }
    return repeatable.once(identity, () -> process(request, headers, body));
  }

  /** Runs the OData service in a transaction; responses that report an error roll back. */
  private Answer process(HttpServletRequest request, Map<String, List<String>> headers, byte[] body) {
    ODataRequest odataRequest = odataRequest(request, headers, body);
    return database.transaction(connection -> Answer.of(service.handler().process(odataRequest)),
        answer -> answer.status() < 400);
  }

  private static ODataRequest odataRequest(HttpServletRequest request, Map<String, List<String>> headers,
      byte[] body) {
    ODataRequest odata = new ODataRequest();
    odata.setMethod(HttpMethod.valueOf(request.getMethod().toUpperCase(Locale.ROOT)));
    odata.setProtocol(request.getProtocol());
    headers.forEach(odata::addHeader);
    odata.setBody(new ByteArrayInputStream(body));
    String base = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
        + request.getContextPath() + request.getServletPath();
    String path = request.getRequestURI().substring(request.getContextPath().length()
        + request.getServletPath().length());
    odata.setRawBaseUri(base);
    odata.setRawODataPath(path);
    odata.setRawQueryPath(request.getQueryString());
    odata.setRawRequestUri(base + path + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
    odata.setRawServiceResolutionUri(null);
    return odata;
  }

  private static String relativePath(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length()
        + request.getServletPath().length());
    return path.startsWith("/") ? path.substring(1) : path;
  }

  private static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
    }
    return headers;
  }

  private static String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return header.getValue().get(0);
      }
    }
    return null;
  }

  private static void write(HttpServletResponse response, Answer answer) throws IOException {
    response.setStatus(answer.status());
    answer.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    response.setContentLength(answer.body().length);
    response.getOutputStream().write(answer.body());
  }
}
