package dev.outpost.examples.backend.internal.store;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of literals inside URL path segments. */
final class UriText {

  private static final String KEPT = "-._~'()*,;=:@!$+";

  private UriText() {}

  static String encode(String text) {
    StringBuilder encoded = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || KEPT.indexOf(c) >= 0)) {
        encoded.append(c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return encoded.toString();
  }
}
