package dev.provably.nautilus.enclave.server;

import dev.provably.nautilus.enclave.http.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The query string of a request, strictly parsed: known names only, each at most once. */
final class QueryParameters {
    /** Far above any valid query (a 512-byte nonce is 1024 hex digits), far below abuse. */
    static final int MAX_QUERY_LENGTH = 4096;

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    static QueryParameters parse(String rawQuery, Set<String> allowed) throws ApiException {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new QueryParameters(values);
        }
        if (rawQuery.length() > MAX_QUERY_LENGTH) {
            throw ApiException.badRequest("bad_query", "query string longer than " + MAX_QUERY_LENGTH + " characters");
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(
                        "bad_query",
                        "unknown query parameter " + ApiException.quote(name)
                                + (allowed.isEmpty()
                                        ? "; this endpoint takes none"
                                        : "; expected " + new TreeSet<>(allowed)));
            }
            if (values.putIfAbsent(name, value) != null) {
                throw ApiException.badRequest("bad_query", "query parameter " + name + " given more than once");
            }
        }
        return new QueryParameters(values);
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) throws ApiException {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest("missing_parameter", "query parameter " + name + " is required");
        }
        return value;
    }

    private static String decode(String raw) throws ApiException {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_query", "query string has a malformed percent-encoding");
        }
    }
}
