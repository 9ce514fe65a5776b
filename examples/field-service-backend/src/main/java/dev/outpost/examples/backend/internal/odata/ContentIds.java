package dev.outpost.examples.backend.internal.odata;

import java.util.HashMap;
import java.util.Map;

/**
 * The entities created so far in the change set that the current thread is running, by the
 * Content-ID of the request that created them, so that {@code "$1"} in an {@code @odata.bind}
 * finds the entity created by request 1. Olingo rewrites such references in URLs itself.
 */
final class ContentIds {

  private static final ThreadLocal<Map<String, String>> LOCATIONS = new ThreadLocal<>();

  private ContentIds() {}

  static void begin() {
    LOCATIONS.set(new HashMap<>());
  }

  static void end() {
    LOCATIONS.remove();
  }

  static void created(String contentId, String location) {
    Map<String, String> locations = LOCATIONS.get();
    if (locations != null && contentId != null && location != null) {
      locations.put(contentId, location);
    }
  }

  /** {@code reference} with a leading {@code $<Content-ID>} replaced by the entity's location. */
  static String resolve(String reference) {
    Map<String, String> locations = LOCATIONS.get();
    if (locations == null || !reference.startsWith("$")) {
      return reference;
    }
    int end = reference.indexOf('/');
    String id = reference.substring(1, end < 0 ? reference.length() : end);
    String location = locations.get(id);
    return location == null ? reference : location + (end < 0 ? "" : reference.substring(end));
  }
}
