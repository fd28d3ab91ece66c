package dev.provably.nautilus.enclave.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.provably.nautilus.enclave.http.BoundedExchange;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * The one {@code GET /health} probe, used by {@code local-client} and by {@code host --local}: judged
 * as monitoring would, healthy only on HTTP 200 with a JSON object whose {@code status} is the
 * expected word ({@code ok} for the enclave, {@code healthy} for the host). The whole answer must
 * arrive within the timeout (connecting included, when the probe owns its client) and its body stops
 * being read past {@value #MAX_BODY_BYTES} bytes. Anything else is reported with a {@link Problem}
 * and what was seen, never thrown.
 */
public final class HealthProbe {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** A health answer is a few hundred bytes; past this the probe drops the connection. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final int MAX_VALUE_CHARS = 200;

    private final HttpClient client;
    private final Duration timeout;

    /** A probe on a caller's client; its connect timeout is the caller's to set. */
    public HealthProbe(HttpClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** A probe with its own client: HTTP/1.1, {@code timeout} to connect and for the whole answer, no redirects. */
    public static HealthProbe withTimeout(Duration timeout) {
        return new HealthProbe(
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                timeout);
    }

    /** Why an endpoint is not healthy. */
    public enum Problem {
        /** Nothing accepted the connection. */
        UNREACHABLE,
        /** No complete answer (connection, headers and body) within the timeout. */
        NO_ANSWER,
        /** The exchange failed otherwise (reset, protocol error, interrupted). */
        REQUEST_FAILED,
        /** The body is, or declares itself, larger than the probe reads. */
        TOO_LARGE,
        /** An HTTP status other than 200. */
        HTTP_STATUS,
        /** HTTP 200, but the body is not a JSON object. */
        NOT_JSON,
        /** HTTP 200 with a JSON object whose {@code status} is missing or another word. */
        WRONG_STATUS
    }

    /**
     * What one probe saw.
     *
     * @param problem why it is unhealthy, or null when healthy
     * @param httpStatus the answer's HTTP status, 0 without one
     * @param summary one line for a person
     * @param body the answer's JSON object, or null when there was none
     */
    public record Health(URI url, Problem problem, int httpStatus, String summary, JsonObject body) {
        public Health {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(summary, "summary");
            body = body == null ? null : body.deepCopy();
        }

        public boolean healthy() {
            return problem == null;
        }

        @Override
        public JsonObject body() {
            return body == null ? null : body.deepCopy();
        }

        /** {@code http://…/health: healthy (HTTP 200, status ok, …)} or {@code …: UNHEALTHY (…)}. */
        public String describe() {
            return url + ": " + (healthy() ? "healthy" : "UNHEALTHY") + " (" + summary + ")";
        }
    }

    public Health check(URI url, String expectedStatus) {
        BoundedExchange.Answer answer;
        try {
            answer = BoundedExchange.send(
                    client, HttpRequest.newBuilder(url).timeout(timeout).GET().build(), timeout, MAX_BODY_BYTES);
        } catch (BoundedExchange.TooLarge e) {
            return failed(url, Problem.TOO_LARGE, e.status(), "HTTP " + e.status() + ", " + e.getMessage());
        } catch (HttpTimeoutException e) {
            return failed(url, Problem.NO_ANSWER, 0, "no answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return failed(
                    url, Problem.UNREACHABLE, 0, "cannot connect: nothing is listening there, or it is not up yet");
        } catch (IOException e) {
            return failed(url, Problem.REQUEST_FAILED, 0, "request failed: " + BoundedExchange.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(url, Problem.REQUEST_FAILED, 0, "interrupted");
        }
        JsonObject body = jsonObject(answer.text());
        StringBuilder summary = new StringBuilder("HTTP ").append(answer.status());
        if (body == null) {
            summary.append(", the answer is not a JSON object");
            Problem problem = answer.status() == 200 ? Problem.NOT_JSON : Problem.HTTP_STATUS;
            return new Health(url, problem, answer.status(), summary.toString(), null);
        }
        String status = string(body.get("status"));
        summary.append(", status ").append(status == null ? "(missing)" : status);
        appendIfPresent(summary, body, "reason");
        appendIfPresent(summary, body, "mode");
        if (body.get("enclave") instanceof JsonObject enclave) {
            appendIfPresent(summary, enclave, "mode");
        }
        Problem problem = null;
        if (answer.status() != 200) {
            problem = Problem.HTTP_STATUS;
        } else if (!expectedStatus.equals(status)) {
            problem = Problem.WRONG_STATUS;
            summary.append("; expected status ").append(expectedStatus);
        }
        return new Health(url, problem, answer.status(), summary.toString(), body);
    }

    private static Health failed(URI url, Problem problem, int httpStatus, String summary) {
        return new Health(url, problem, httpStatus, summary, null);
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
