package dev.outpost.examples.backend.internal.odata;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.olingo.server.api.ODataRequest;

/**
 * Builds next links and delta links from the request URL: the same resource and query options
 * with a new {@code $skiptoken} or {@code $deltatoken}, absolute or relative to the service root.
 */
final class NextLinks {

  private static final Set<String> PAGING = Set.of("$skiptoken", "$deltatoken");
  private static final Set<String> NOT_IN_DELTA = Set.of("$skiptoken", "$deltatoken", "$top", "$skip", "$count",
      "$orderby");

  private final String base;
  private final String resource;
  private final List<String> options;

  NextLinks(ODataRequest request, boolean relative) {
    this.base = relative ? "" : Exchange.serviceRoot(request);
    String path = request.getRawODataPath();
    this.resource = path.startsWith("/") ? path.substring(1) : path;
    String query = request.getRawQueryPath();
    this.options = query == null || query.isEmpty() ? List.of() : List.of(query.split("&"));
  }

  /** The link to the next page of this read. */
  String next(String skipToken, String deltaToken) {
    List<String> kept = without(PAGING);
    if (deltaToken != null) {
      kept.add("$deltatoken=" + deltaToken);
    }
    kept.add("$skiptoken=" + skipToken);
    return link(kept);
  }

  /** The delta link that returns the changes after {@code version}. */
  String delta(long version) {
    List<String> kept = without(NOT_IN_DELTA);
    kept.add("$deltatoken=" + version);
    return link(kept);
  }

  private List<String> without(Set<String> names) {
    List<String> kept = new ArrayList<>();
    for (String option : options) {
      String name = URLDecoder.decode(option.split("=", 2)[0], StandardCharsets.UTF_8);
      if (!names.contains(name)) {
        kept.add(option);
      }
    }
    return kept;
  }

  private String link(List<String> query) {
    return base + resource + "?" + String.join("&", query);
  }
}
