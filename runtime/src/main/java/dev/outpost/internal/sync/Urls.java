package dev.outpost.internal.sync;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** URLs as sync sends them: relative ones resolved against the service root, unsafe characters percent-encoded. */
final class Urls {

    private static final String ALLOWED = "-._~!$&'()*+,;=:@/?";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Urls() {
    }

    /**
     * Encodes what may not stand in a URL as written by a person ({@code WorkOrders?$filter=Title
     * eq 'a b'}): spaces become {@code %20} (never {@code +}), non-ASCII its UTF-8 bytes; existing
     * {@code %XX} escapes are kept.
     */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean escape = b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2]);
            if (b < 0x80 && (Character.isLetterOrDigit(b) || ALLOWED.indexOf(b) >= 0 || escape)) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean hex(byte b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
    }

    /** A link from a response (next link, delta link, Location): absolute, or relative to the service root. */
    static URI resolve(URI root, String link) {
        URI uri = URI.create(encode(link));
        return uri.isAbsolute() ? uri : root.resolve(uri);
    }
}
