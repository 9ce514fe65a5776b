package dev.outpost.internal.url;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding per RFC 3986 as the OData URL conventions use it: spaces become {@code %20}
 * (never {@code +}), and the characters that OData syntax needs ({@code $ ' ( ) , : / =}) stay
 * readable where the URL grammar allows them.
 */
public final class UrlEncoding {

    private static final String QUERY_SAFE = "-._~!$'()*,;:@/?=";
    private static final String SEGMENT_SAFE = "-._~!$&'()*+,;=:@";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEncoding() {
    }

    /** Encodes the value of a query option ({@code &}, {@code +}, {@code #}, {@code %}, spaces are escaped). */
    public static String queryValue(String text) {
        return encode(text, QUERY_SAFE);
    }

    /** Encodes one path segment ({@code /}, {@code ?}, {@code #}, {@code %}, spaces are escaped). */
    public static String pathSegment(String text) {
        return encode(text, SEGMENT_SAFE);
    }

    private static String encode(String text, String safe) {
        StringBuilder out = null;
        byte[] bytes = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnreservedAscii(c) || (c < 128 && safe.indexOf(c) >= 0)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16);
                out.append(text, 0, i);
            }
            int end = i + 1;
            if (Character.isHighSurrogate(c) && end < text.length()) {
                end++;
            }
            bytes = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        return out == null ? text : out.toString();
    }

    private static boolean isUnreservedAscii(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
