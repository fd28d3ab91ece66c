package dev.provably.nautilus.enclave.http;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as an endpoint sees it: nothing of it is read lazily, so an endpoint can never be
 * stalled by a slow client.
 *
 * @param method the HTTP method, as sent
 * @param path the raw (still percent-encoded) path
 * @param pathParameters values of the route template's {@code {name}} segments
 * @param rawQuery the raw query string, or null
 * @param headers header values by lower-case name (repeated headers joined with ", ")
 * @param body the whole body, at most the route's limit; shared, not copied: never modify it
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> pathParameters,
        String rawQuery,
        Map<String, String> headers,
        byte[] body) {
    private static final byte[] EMPTY = new byte[0];

    public ApiRequest {
        pathParameters = Map.copyOf(pathParameters);
        headers = Map.copyOf(headers);
        body = body == null ? EMPTY : body;
    }

    /** The header's value, if sent; {@code name} is case-insensitive. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A template parameter the route declares (so always present). */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route declares no parameter " + name);
        }
        return value;
    }
}
