package dev.outpost;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options of one local change, kept with its request in the request queue (L10). Immutable;
 * start from {@link #defaults()}.
 *
 * <pre>{@code
 * service.createEntity(order, RequestOptions.defaults().unmodifiable().transactionId("order-42"));
 * }</pre>
 */
public final class RequestOptions {

    private static final RequestOptions DEFAULTS = new RequestOptions(false, false, false, null, null, null, Map.of());

    private final boolean unmodifiable;
    private final boolean removeCreatedEntityAfterUpload;
    private final boolean sendEmptyUpdate;
    private final String transactionId;
    private final String uploadCategory;
    private final String customTag;
    private final Map<String, String> headers;

    private RequestOptions(boolean unmodifiable, boolean removeCreatedEntityAfterUpload, boolean sendEmptyUpdate,
                           String transactionId, String uploadCategory, String customTag, Map<String, String> headers) {
        this.unmodifiable = unmodifiable;
        this.removeCreatedEntityAfterUpload = removeCreatedEntityAfterUpload;
        this.sendEmptyUpdate = sendEmptyUpdate;
        this.transactionId = transactionId;
        this.uploadCategory = uploadCategory;
        this.customTag = customTag;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** No options: the request may be optimised, the entity stays after upload, empty updates are dropped. */
    public static RequestOptions defaults() {
        return DEFAULTS;
    }

    /** The request is sent exactly as made: never combined or removed by queue optimisation. */
    public RequestOptions unmodifiable() {
        return new RequestOptions(true, removeCreatedEntityAfterUpload, sendEmptyUpdate, transactionId, uploadCategory,
                customTag, headers);
    }

    /** The created entity leaves the store once its create is uploaded successfully. */
    public RequestOptions removeCreatedEntityAfterUpload() {
        return new RequestOptions(unmodifiable, true, sendEmptyUpdate, transactionId, uploadCategory, customTag, headers);
    }

    /** An update that changes nothing is still queued and sent (an empty PATCH). */
    public RequestOptions sendEmptyUpdate() {
        return new RequestOptions(unmodifiable, removeCreatedEntityAfterUpload, true, transactionId, uploadCategory,
                customTag, headers);
    }

    /** Groups requests with the same ID into one change set when the transaction builder is on. */
    public RequestOptions transactionId(String id) {
        return new RequestOptions(unmodifiable, removeCreatedEntityAfterUpload, sendEmptyUpdate, nonBlank(id, "transactionId"),
                uploadCategory, customTag, headers);
    }

    /** Puts the request in an upload category, so that an upload can send only some categories. */
    public RequestOptions uploadCategory(String category) {
        return new RequestOptions(unmodifiable, removeCreatedEntityAfterUpload, sendEmptyUpdate, transactionId,
                nonBlank(category, "uploadCategory"), customTag, headers);
    }

    /** A tag of the application's choosing, shown in the request queue and the error archive. */
    public RequestOptions customTag(String tag) {
        return new RequestOptions(unmodifiable, removeCreatedEntityAfterUpload, sendEmptyUpdate, transactionId,
                uploadCategory, tag, headers);
    }

    /**
     * A header sent with this request. Never put credentials here: headers are stored in the
     * request queue. Authentication belongs to the store's transport options.
     *
     * @throws IllegalArgumentException for {@code Authorization}, {@code Cookie} and other credential headers, for a
     *     name that is not an HTTP token or a value with a line break (either could forge header lines in the
     *     {@code $batch}), and for the headers that frame a part ({@code Content-Length}, {@code Content-ID}, ...)
     */
    public RequestOptions header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            // a space, colon or line break in the name would forge other header lines in the $batch part
            throw new IllegalArgumentException("'" + name.replace("\r", "\\r").replace("\n", "\\n")
                    + "' is not a valid header name (RFC 9110 token)");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\r' || ch == '\n' || ch == 0 || (ch < 0x20 && ch != '\t') || ch == 0x7f) {
                throw new IllegalArgumentException("the value of header '" + name + "' contains a line break or control"
                        + " character; it would start a new header line (e.g. credentials) in the $batch part");
            }
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (FRAMING.contains(lower)) {
            throw new IllegalArgumentException("'" + name + "' is set by the upload itself (it frames the request in"
                    + " the $batch); it cannot be a request option");
        }
        if (lower.equals("authorization") || lower.equals("cookie") || lower.equals("proxy-authorization")
                || lower.startsWith("x-csrf")) {
            throw new IllegalArgumentException("'" + name + "' carries credentials and would be stored in the request"
                    + " queue; configure authentication on the store's transport instead");
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new RequestOptions(unmodifiable, removeCreatedEntityAfterUpload, sendEmptyUpdate, transactionId,
                uploadCategory, customTag, all);
    }

    /** Headers that frame a request inside a {@code $batch}; a request option must not override them. */
    private static final java.util.Set<String> FRAMING = java.util.Set.of("content-length", "content-id",
            "content-transfer-encoding", "transfer-encoding", "host");

    private static String nonBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    public boolean isUnmodifiable() {
        return unmodifiable;
    }

    public boolean isRemoveCreatedEntityAfterUpload() {
        return removeCreatedEntityAfterUpload;
    }

    public boolean isSendEmptyUpdate() {
        return sendEmptyUpdate;
    }

    /** The transaction ID, or null. */
    public String transactionId() {
        return transactionId;
    }

    /** The upload category, or null. */
    public String uploadCategory() {
        return uploadCategory;
    }

    /** The custom tag, or null. */
    public String customTag() {
        return customTag;
    }

    /** Extra request headers. */
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestOptions r && unmodifiable == r.unmodifiable
                && removeCreatedEntityAfterUpload == r.removeCreatedEntityAfterUpload
                && sendEmptyUpdate == r.sendEmptyUpdate && Objects.equals(transactionId, r.transactionId)
                && Objects.equals(uploadCategory, r.uploadCategory) && Objects.equals(customTag, r.customTag)
                && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(unmodifiable, removeCreatedEntityAfterUpload, sendEmptyUpdate, transactionId,
                uploadCategory, customTag, headers);
    }
}
