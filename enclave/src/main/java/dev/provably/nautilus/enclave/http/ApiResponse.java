package dev.provably.nautilus.enclave.http;

import com.google.gson.JsonElement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What an endpoint answers: a status, extra headers and a JSON body. */
public record ApiResponse(int status, Map<String, String> headers, JsonElement body) {
    public ApiResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, got " + status);
        }
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    public static ApiResponse ok(JsonElement body) {
        return of(200, body);
    }

    public static ApiResponse of(int status, JsonElement body) {
        return new ApiResponse(status, Map.of(), body);
    }

    /** This response with one more header (replacing one of the same name). */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, more, body);
    }
}
