package dev.provably.nautilus.enclave.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.provably.nautilus.enclave.http.BoundedExchange;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /v1/reports}: the media as the body, its declared type as {@code Content-Type}, the
 * nonce and an optional opaque reference as query parameters (the enclave computes the analysis). Returns the enclave's answer byte for byte (the gate
 * must see exactly what the enclave sent); refusals become a {@link LocalClientException} quoting
 * the enclave's error code.
 */
public final class ReportRequest {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_QUOTED_CHARS = 200;

    private final HttpClient client;
    private final Duration timeout;

    public ReportRequest(HttpClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The enclave's 200 answer, exactly as received. */
    public byte[] send(URI enclaveUrl, Path media, String mediaType, Optional<String> reference, byte[] nonce)
            throws LocalClientException, InterruptedException {
        URI url = url(enclaveUrl, reference, nonce);
        HttpRequest request;
        try {
            HttpRequest.Builder builder =
                    HttpRequest.newBuilder(url).timeout(timeout).POST(HttpRequest.BodyPublishers.ofFile(media));
            if (mediaType != null) { // null: declare no type, the enclave detects it from the bytes
                builder.header("Content-Type", mediaType);
            }
            request = builder.build();
        } catch (FileNotFoundException e) {
            throw new LocalClientException("cannot read the media file " + media);
        } catch (IllegalArgumentException e) {
            throw new LocalClientException("not a usable media type: " + mediaType);
        }
        BoundedExchange.Answer answer;
        try {
            answer = BoundedExchange.send(client, request, timeout);
        } catch (IOException e) {
            throw new LocalClientException("POST " + strip(url) + " failed: " + BoundedExchange.describe(e), e);
        }
        if (answer.status() != 200) {
            throw new LocalClientException(
                    "the enclave refused the report request: HTTP " + answer.status() + " " + errorOf(answer.text()));
        }
        return answer.body();
    }

    /** {@code <enclave>/v1/reports?reference=…&nonce=…} (each only when given). */
    static URI url(URI enclaveUrl, Optional<String> reference, byte[] nonce) {
        String base = enclaveUrl.toString().replaceAll("/+$", "");
        List<String> query = new ArrayList<>();
        reference.ifPresent(r -> query.add("reference=" + encode(r)));
        if (nonce != null) {
            query.add("nonce=" + HexFormat.of().formatHex(nonce));
        }
        return URI.create(base + "/v1/reports" + (query.isEmpty() ? "" : "?" + String.join("&", query)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String strip(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath();
    }

    /** {@code code: message} from {@code {"error":{"code","message"}}}, or the start of the body. */
    private static String errorOf(String body) {
        try {
            JsonElement parsed = JsonParser.parseString(body);
            if (parsed instanceof JsonObject object
                    && object.get("error") instanceof JsonObject error
                    && error.has("code")
                    && error.has("message")) {
                return error.get("code").getAsString() + ": "
                        + error.get("message").getAsString();
            }
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            // Not the enclave's error shape: quote the body instead.
        }
        String shown = body.length() > MAX_QUOTED_CHARS ? body.substring(0, MAX_QUOTED_CHARS) + "..." : body;
        return "(" + shown.strip() + ")";
    }
}
