package dev.provably.nautilus.enclave.host;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** Health of a local-mode enclave: its own {@code /health}, with short timeouts. */
public final class LocalEnclaveProbe implements EnclaveProbe {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    private static final int MAX_BODY_CHARS = 64 * 1024;

    private final URI health;
    private final Duration timeout;
    private final HttpClient client;

    public LocalEnclaveProbe(URI enclaveUrl, Duration timeout) {
        String base = enclaveUrl.toString().replaceAll("/+$", "");
        this.health = URI.create(base + "/health");
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public ProbeResult probe() {
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(health).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return ProbeResult.unhealthy("enclave did not answer " + health + " within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return ProbeResult.unhealthy("enclave unreachable at " + health + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted while probing the enclave");
        }
        if (response.statusCode() != 200) {
            return ProbeResult.unhealthy("enclave health answered HTTP " + response.statusCode());
        }
        if (response.body().length() > MAX_BODY_CHARS) {
            return ProbeResult.unhealthy("enclave health answer is too large");
        }
        try {
            JsonElement body = JsonParser.parseString(response.body());
            if (body instanceof JsonObject object && object.get("status") != null
                    && "ok".equals(object.get("status").getAsString())) {
                return ProbeResult.healthy(object);
            }
            return ProbeResult.unhealthy("enclave health did not report status ok");
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            return ProbeResult.unhealthy("enclave health answered invalid JSON");
        }
    }
}
