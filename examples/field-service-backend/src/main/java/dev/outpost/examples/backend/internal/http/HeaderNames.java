package dev.outpost.examples.backend.internal.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Header maps keyed by lower-case name, for journal entries. */
final class HeaderNames {

  private HeaderNames() {}

  static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT),
        key -> new java.util.ArrayList<>()).addAll(values));
    return lower;
  }
}
