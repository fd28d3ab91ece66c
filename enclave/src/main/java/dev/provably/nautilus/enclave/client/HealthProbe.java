package dev.provably.nautilus.enclave.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code GET /health} of one endpoint, judged as monitoring would: healthy only on HTTP 200 with a
 * JSON object whose {@code status} is the expected word ({@code ok} for the enclave, {@code
 * healthy} for the host). Anything else is reported, never thrown, with what was seen.
 */
public final class HealthProbe {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    private static final int MAX_VALUE_CHARS = 200;

    private final HttpClient client;
    private final Duration timeout;

    public HealthProbe(HttpClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** What one probe saw; {@code summary} is one line for a person. */
    public record Health(URI url, boolean healthy, int httpStatus, String summary) {
        public Health {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(summary, "summary");
        }

        /** {@code http://…/health: healthy (HTTP 200, status ok, …)} or {@code …: UNHEALTHY (…)}. */
        public String describe() {
            return url + ": " + (healthy ? "healthy" : "UNHEALTHY") + " (" + summary + ")";
        }
    }

    public Health check(URI url, String expectedStatus) {
        HttpResponses.Answer answer;
        try {
            answer = HttpResponses.send(client, HttpRequest.newBuilder(url).timeout(timeout).GET().build(), timeout);
        } catch (HttpTimeoutException e) {
            return new Health(url, false, 0, "no answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return new Health(url, false, 0, "cannot connect: nothing is listening there, or it is not up yet");
        } catch (IOException e) {
            return new Health(url, false, 0, "request failed: " + HttpResponses.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health(url, false, 0, "interrupted");
        }
        JsonObject body = jsonObject(answer.text());
        String status = body == null ? null : string(body.get("status"));
        StringBuilder summary = new StringBuilder("HTTP ").append(answer.status());
        if (body == null) {
            summary.append(", the answer is not a JSON object");
            return new Health(url, false, answer.status(), summary.toString());
        }
        summary.append(", status ").append(status == null ? "(missing)" : status);
        appendIfPresent(summary, body, "reason");
        appendIfPresent(summary, body, "mode");
        if (body.get("enclave") instanceof JsonObject enclave) {
            appendIfPresent(summary, enclave, "mode");
        }
        boolean healthy = answer.status() == 200 && expectedStatus.equals(status);
        if (!healthy && answer.status() == 200) {
            summary.append("; expected status ").append(expectedStatus);
        }
        return new Health(url, healthy, answer.status(), summary.toString());
    }

    private static void appendIfPresent(StringBuilder summary, JsonObject body, String member) {
        String value = string(body.get(member));
        if (value != null) {
            // Bounded: a reason quotes what it saw, and this is one line of output.
            String shown = value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) + "..." : value;
            summary.append(", ").append(member).append(' ').append(shown);
        }
    }

    private static JsonObject jsonObject(String text) {
        try {
            JsonElement parsed = JsonParser.parseString(text);
            return parsed instanceof JsonObject object ? object : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static String string(JsonElement element) {
        return element instanceof JsonPrimitive primitive && primitive.isString() ? primitive.getAsString() : null;
    }
}
