package dev.provably.nautilus.enclave.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON responses of the enclave API and the parent's health server: one body shape for errors,
 * one set of headers. Nulls are written out (the API has {@code "nonce": null}); no HTML escaping.
 */
public final class JsonResponses {
    private static final Gson GSON =
            new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    /** Sent with every response: never cached, never content-sniffed. */
    static final Map<String, String> HEADERS = Map.of(
            "Content-Type", "application/json; charset=utf-8",
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff");

    private JsonResponses() {}

    /** {@code {"error": {"code": …, "message": …}}}. */
    public static JsonObject error(String code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", message);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body;
    }

    static byte[] bytes(JsonElement body) {
        return GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
    }
}
