package dev.provably.nautilus.enclave.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.provably.nautilus.enclave.http.BoundedExchange;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The asynchronous path: {@code POST /v1/analyses} with the same request as a report, then {@code
 * GET} the status URL until the job is done or failed (bounded by a deadline). Returns the signed
 * response inside {@code result}, as the enclave sent it.
 */
public final class AnalysisJob {
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);
    private static final Duration FIRST_POLL = Duration.ofMillis(20);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);

    private final HttpClient client;
    private final Duration deadline;

    public AnalysisJob(HttpClient client, Duration deadline) {
        this.client = Objects.requireNonNull(client, "client");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    /** A job followed to the end: its id, where it first queued, how many polls, and the result. */
    public record Outcome(String id, long position, int polls, long millis, JsonObject result) {
        public Outcome {
            result = result.deepCopy();
        }

        @Override
        public JsonObject result() {
            return result.deepCopy();
        }
    }

    public Outcome follow(URI enclaveUrl, Path media, String mediaType, Optional<String> reference)
            throws LocalClientException, InterruptedException {
        String base = enclaveUrl.toString().replaceAll("/+$", "");
        // Same query as a report request, to the queue's path.
        URI submitUrl = URI.create(ReportRequest.url(enclaveUrl, reference, null)
                .toString()
                .replace(base + "/v1/reports", base + "/v1/analyses"));
        HttpRequest submit;
        try {
            submit = HttpRequest.newBuilder(submitUrl)
                    .timeout(deadline)
                    .header("Content-Type", mediaType)
                    .POST(HttpRequest.BodyPublishers.ofFile(media))
                    .build();
        } catch (FileNotFoundException e) {
            throw new LocalClientException("cannot read the media file " + media);
        }
        long started = System.nanoTime();
        JsonObject accepted = exchange(submit, 202, "POST " + base + "/v1/analyses");
        String id = string(accepted, "id");
        long position = accepted.has("position") ? accepted.get("position").getAsLong() : 0;
        URI statusUrl = URI.create(base + string(accepted, "statusUrl"));
        Duration wait = FIRST_POLL;
        for (int polls = 1; ; polls++) {
            Thread.sleep(wait.toMillis());
            JsonObject status = exchange(
                    HttpRequest.newBuilder(statusUrl).timeout(deadline).GET().build(), 200, "GET " + statusUrl);
            switch (string(status, "status")) {
                case "done" -> {
                    if (!(status.get("result") instanceof JsonObject result)) {
                        throw new LocalClientException("job " + id + " is done but carries no result");
                    }
                    return new Outcome(id, position, polls, (System.nanoTime() - started) / 1_000_000, result);
                }
                case "failed" -> throw new LocalClientException("job " + id + " failed: " + status.get("error"));
                case "queued", "running" -> {
                    if (System.nanoTime() - started > deadline.toNanos()) {
                        throw new LocalClientException(
                                "job " + id + " did not finish within " + deadline.toSeconds() + " s");
                    }
                }
                default -> throw new LocalClientException("job " + id + " has an unknown status: " + status);
            }
            wait = wait.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : wait.multipliedBy(2);
        }
    }

    private JsonObject exchange(HttpRequest request, int expected, String what)
            throws LocalClientException, InterruptedException {
        BoundedExchange.Answer answer;
        try {
            answer = BoundedExchange.send(client, request, deadline);
        } catch (IOException e) {
            throw new LocalClientException(what + " failed: " + BoundedExchange.describe(e), e);
        }
        if (answer.status() != expected) {
            throw new LocalClientException(what + " answered HTTP " + answer.status() + ": " + shorten(answer.text()));
        }
        try {
            JsonElement body = JsonParser.parseString(answer.text());
            if (body instanceof JsonObject object) {
                return object;
            }
        } catch (JsonParseException e) {
            // reported below
        }
        throw new LocalClientException(what + " did not answer a JSON object");
    }

    private static String string(JsonObject object, String name) throws LocalClientException {
        JsonElement value = object.get(name);
        if (value == null || !value.isJsonPrimitive()) {
            throw new LocalClientException("the enclave's answer has no " + name + ": " + shorten(object.toString()));
        }
        return value.getAsString();
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text.strip();
    }
}
