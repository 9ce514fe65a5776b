package dev.outpost.internal.sync;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * OData 4.0 {@code $batch} in the multipart/mixed format: writes a batch of single requests and
 * change sets, and reads the back end's answer into one response per request. Request URLs are
 * relative to the service root (the batch request's own URL is {@code <root>$batch}); requests in
 * a change set may refer to an entity created earlier in it as {@code $<Content-ID>}.
 *
 * <p>A failed change set is answered either by one response for the whole change set (OData
 * 4.0) or as a change set holding the failing request's response; both read the same way: the
 * change set's item has fewer responses than requests.
 */
final class Batch {

    /** One request: method, URL relative to the service root, headers, body (or null), Content-ID in a change set. */
    record Part(String method, String url, Map<String, String> headers, byte[] body, String contentId) {
    }

    /** A top-level item of a batch: one request, or a change set of several. */
    record Item(List<Part> parts, boolean changeSet) {
    }

    /** One response: status, headers (case-insensitive names), body (empty when none), Content-ID if given. */
    record PartResponse(int status, Map<String, String> headers, byte[] body, String contentId) {
        String header(String name) {
            return headers.get(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private Batch() {
    }

    /** A boundary that cannot occur in JSON bodies' text by accident. */
    static String boundary(String prefix) {
        return prefix + "_" + java.util.UUID.randomUUID();
    }

    /** The multipart body of a batch. */
    static byte[] write(String boundary, List<Item> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        for (Item item : items) {
            line(out, "--" + boundary);
            if (item.changeSet()) {
                String cs = boundary("changeset");
                line(out, "Content-Type: multipart/mixed; boundary=" + cs);
                out.writeBytes(CRLF);
                for (Part p : item.parts()) {
                    line(out, "--" + cs);
                    part(out, p);
                }
                line(out, "--" + cs + "--");
            } else {
                part(out, item.parts().get(0));
            }
        }
        line(out, "--" + boundary + "--");
        return out.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, Part p) {
        line(out, "Content-Type: application/http");
        line(out, "Content-Transfer-Encoding: binary");
        if (p.contentId() != null) {
            line(out, "Content-ID: " + p.contentId());
        }
        out.writeBytes(CRLF);
        line(out, p.method() + " " + p.url() + " HTTP/1.1");
        for (Map.Entry<String, String> h : p.headers().entrySet()) {
            line(out, h.getKey() + ": " + h.getValue());
        }
        if (p.body() != null) {
            line(out, "Content-Length: " + p.body().length);
        }
        out.writeBytes(CRLF);
        if (p.body() != null) {
            out.writeBytes(p.body());
        }
        out.writeBytes(CRLF);
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(CRLF);
    }

    // ---- reading -------------------------------------------------------------------------------

    /** A malformed batch response. */
    static final class MalformedBatch extends Exception {
        MalformedBatch(String message) {
            super(message);
        }
    }

    /** Reads a batch response: for each top-level item, its responses in order. */
    static List<List<PartResponse>> read(String contentType, byte[] body) throws MalformedBatch {
        String boundary = boundaryOf(contentType);
        if (boundary == null) {
            throw new MalformedBatch("the $batch response is not multipart/mixed with a boundary (Content-Type: "
                    + contentType + ")");
        }
        List<List<PartResponse>> items = new ArrayList<>();
        for (byte[] part : split(body, boundary)) {
            int headerEnd = indexOf(part, new byte[] {'\r', '\n', '\r', '\n'}, 0);
            Map<String, String> mime = headerEnd < 0 ? headers(part, 0, part.length) : headers(part, 0, headerEnd);
            byte[] content = headerEnd < 0 ? new byte[0] : java.util.Arrays.copyOfRange(part, headerEnd + 4, part.length);
            String type = mime.getOrDefault("content-type", "");
            if (type.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
                String inner = boundaryOf(type);
                if (inner == null) {
                    throw new MalformedBatch("a change set in the $batch response has no boundary (" + type + ")");
                }
                List<PartResponse> responses = new ArrayList<>();
                for (byte[] p : split(content, inner)) {
                    responses.add(response(p));
                }
                items.add(responses);
            } else {
                items.add(List.of(response(part)));
            }
        }
        return items;
    }

    /** One {@code application/http} part: MIME headers, blank line, status line, headers, blank line, body. */
    private static PartResponse response(byte[] part) throws MalformedBatch {
        int mimeEnd = indexOf(part, new byte[] {'\r', '\n', '\r', '\n'}, 0);
        if (mimeEnd < 0) {
            throw new MalformedBatch("a part of the $batch response has no header section");
        }
        Map<String, String> mime = headers(part, 0, mimeEnd);
        int start = mimeEnd + 4;
        int statusEnd = indexOf(part, CRLF, start);
        if (statusEnd < 0) {
            statusEnd = part.length;
        }
        String statusLine = new String(part, start, statusEnd - start, StandardCharsets.ISO_8859_1).trim();
        String[] words = statusLine.split(" ", 3);
        if (words.length < 2 || !words[0].startsWith("HTTP/")) {
            throw new MalformedBatch("a part of the $batch response has no HTTP status line: '" + statusLine + "'");
        }
        int status;
        try {
            status = Integer.parseInt(words[1]);
        } catch (NumberFormatException e) {
            throw new MalformedBatch("a part of the $batch response has an unreadable status: '" + statusLine + "'");
        }
        int headersStart = Math.min(statusEnd + 2, part.length);
        int headersEnd = indexOf(part, new byte[] {'\r', '\n', '\r', '\n'}, statusEnd);
        Map<String, String> headers;
        byte[] body;
        if (headersEnd < 0) {
            headers = headers(part, headersStart, part.length);
            body = new byte[0];
        } else {
            headers = headersStart >= headersEnd + 2 ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER)
                    : headers(part, headersStart, headersEnd);
            body = java.util.Arrays.copyOfRange(part, headersEnd + 4, part.length);
        }
        String length = headers.get("content-length");
        if (length != null) {
            try {
                int n = Integer.parseInt(length.trim());
                if (n >= 0 && n < body.length) {
                    body = java.util.Arrays.copyOf(body, n);
                }
            } catch (NumberFormatException ignored) {
                // the part's end delimits the body anyway
            }
        }
        String contentId = mime.get("content-id");
        if (contentId == null) {
            contentId = headers.get("content-id");
        }
        return new PartResponse(status, headers, body, contentId == null ? null : contentId.trim());
    }

    private static Map<String, String> headers(byte[] bytes, int from, int to) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String text = new String(bytes, from, Math.max(0, to - from), StandardCharsets.UTF_8);
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /** The parts between {@code --boundary} delimiters, without the CRLF before each delimiter. */
    private static List<byte[]> split(byte[] body, String boundary) throws MalformedBatch {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new MalformedBatch("the boundary '" + boundary + "' does not occur in the $batch response");
        }
        while (true) {
            int after = at + delimiter.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                return parts; // the close delimiter
            }
            int lineEnd = indexOf(body, CRLF, after);
            if (lineEnd < 0) {
                throw new MalformedBatch("the $batch response ends inside a part (no closing '--" + boundary + "--')");
            }
            int start = lineEnd + 2;
            int next = indexOf(body, delimiter, start);
            if (next < 0) {
                throw new MalformedBatch("the $batch response ends inside a part (no closing '--" + boundary + "--')");
            }
            int end = next;
            if (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') {
                end -= 2;
            }
            parts.add(java.util.Arrays.copyOfRange(body, start, Math.max(start, end)));
            at = next;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The {@code boundary} parameter of a multipart content type, unquoted. */
    static String boundaryOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length()).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() ? null : b;
            }
        }
        return null;
    }
}
