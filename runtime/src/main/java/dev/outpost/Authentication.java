package dev.outpost;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How sync authenticates to the back end (S16). The store asks for the headers before every
 * request and never writes them anywhere: not to the request queue, the error archive, the event
 * log or an exception message.
 *
 * <pre>{@code
 * SyncOptions.of(serviceRoot).authentication(Authentication.bearer(tokens::current));
 * }</pre>
 */
public interface Authentication {

    /** The headers that authenticate one request, for example {@code Authorization}. */
    Map<String, String> headers();

    /**
     * Called when the back end answered 401. Return true to retry the request once with fresh
     * {@link #headers()} (after refreshing a token, say); false gives up with a clear error.
     *
     * @param challenge the response's headers, among them {@code WWW-Authenticate}
     */
    default boolean refresh(Map<String, List<String>> challenge) {
        return false;
    }

    /** No authentication. */
    static Authentication none() {
        return Map::of;
    }

    /** HTTP Basic authentication. */
    static Authentication basic(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        String value = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return () -> Map.of("Authorization", value);
    }

    /**
     * A bearer token, asked for before every request (so a supplier that refreshes tokens keeps
     * long syncs authenticated); a 401 asks once more and retries.
     */
    static Authentication bearer(Supplier<String> token) {
        Objects.requireNonNull(token, "token");
        return new Authentication() {
            @Override
            public Map<String, String> headers() {
                return Map.of("Authorization", "Bearer " + token.get());
            }

            @Override
            public boolean refresh(Map<String, List<String>> challenge) {
                return true;
            }
        };
    }
}
