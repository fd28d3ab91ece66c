package dev.provably.nautilus.enclave.server;

import static dev.provably.nautilus.enclave.server.TestEnclave.REFERENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.provably.nautilus.enclave.attest.AttestationException;
import dev.provably.nautilus.enclave.attest.AttestationSource;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal is a typed JSON error with the right status, and the server keeps serving. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private static final byte[] MEDIA = "not really a png".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final long LIMIT = 4096;

    private TestEnclave enclave;

    @BeforeAll
    void start(@TempDir Path state) throws Exception {
        enclave = TestEnclave.start(state, LIMIT);
    }

    @AfterAll
    void stop() {
        enclave.close();
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                "application/json; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        JsonObject error = TestEnclave.json(response).getAsJsonObject("error");
        assertEquals(code, error.get("code").getAsString(), response.body());
        assertTrue(error.get("message").getAsString().length() > 5, response.body());
    }

    @Test
    @DisplayName("an empty body is 400 empty_body")
    void emptyBody() throws Exception {
        assertError(enclave.post("/v1/reports?" + REFERENCE, "image/png", new byte[0]), 400, "empty_body");
    }

    @Test
    @DisplayName("form and multipart bodies are 415: the enclave would sign the envelope's hash, not the file's")
    void envelopesAreRefused() throws Exception {
        // curl -d sends a form; curl -F sends multipart. Both wrap the file.
        long signedBefore = reportsSigned();
        for (String type : new String[] {
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=------------------------d74496d66958873e",
            "Multipart/Mixed"
        }) {
            HttpResponse<String> response = enclave.post("/v1/reports?" + REFERENCE, type, MEDIA);
            assertError(response, 415, "unsupported_media_type");
            assertTrue(response.body().contains("--data-binary"), "shows how to post raw bytes: " + response.body());
        }
        assertEquals(signedBefore, reportsSigned(), "nothing was signed");
    }

    private long reportsSigned() throws Exception {
        return TestEnclave.json(enclave.send("GET", "/health"))
                .getAsJsonObject("counts")
                .get("reports")
                .getAsLong();
    }

    @Test
    @DisplayName("a body over the limit is 413, by Content-Length and when streamed without one")
    void bodyTooLarge() throws Exception {
        assertError(
                enclave.post("/v1/reports?" + REFERENCE, "image/png", new byte[(int) LIMIT + 1]),
                413,
                "body_too_large");
        HttpRequest chunked = HttpRequest.newBuilder(enclave.uri("/v1/reports?" + REFERENCE))
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(new byte[(int) LIMIT * 2])))
                .build();
        assertError(enclave.client.send(chunked, HttpResponse.BodyHandlers.ofString()), 413, "body_too_large");
        // Exactly the limit is accepted.
        assertEquals(
                200,
                enclave.post("/v1/reports?" + REFERENCE, "image/png", new byte[(int) LIMIT])
                        .statusCode());
    }

    @Test
    @DisplayName("a missing Content-Type is fine (the enclave detects the type); a malformed one 400 bad_media_type")
    void contentType() throws Exception {
        assertEquals(200, enclave.post("/v1/reports?" + REFERENCE, null, MEDIA).statusCode());
        assertError(enclave.post("/v1/reports?" + REFERENCE, "png", MEDIA), 400, "bad_media_type");
        assertError(enclave.post("/v1/reports?" + REFERENCE, "image/p ng", MEDIA), 400, "bad_media_type");
    }

    @Test
    @DisplayName("a nonce that is not hex, odd, empty or over 512 bytes is 400 bad_nonce")
    void badNonce() throws Exception {
        for (String nonce : new String[] {"zz", "abc", "", "00".repeat(513)}) {
            assertError(
                    enclave.post("/v1/reports?" + REFERENCE + "&nonce=" + nonce, "image/png", MEDIA), 400, "bad_nonce");
            assertError(enclave.send("GET", "/v1/attestation?nonce=" + nonce), 400, "bad_nonce");
        }
    }

    @Test
    @DisplayName("report v1's analysis parameters are 400 caller_analysis_refused: the enclave computes the analysis")
    void callerAnalysisRefused() throws Exception {
        long signedBefore = reportsSigned();
        for (String query : new String[] {
            "detector=d&modelVersion=v&aiGeneratedBps=1&verdict=AUTHENTIC",
            "verdict=AUTHENTIC",
            REFERENCE + "&aiGeneratedBps=0",
            "detector=hive",
        }) {
            HttpResponse<String> response = enclave.post("/v1/reports?" + query, "image/png", MEDIA);
            assertError(response, 400, "caller_analysis_refused");
            assertTrue(response.body().contains("computes the analysis"), response.body());
            assertError(enclave.post("/v1/analyses?" + query, "image/png", MEDIA), 400, "caller_analysis_refused");
        }
        assertEquals(signedBefore, reportsSigned(), "nothing was signed");
    }

    @Test
    @DisplayName("a reference outside 1..64 of [A-Za-z0-9._:-] is 400 bad_reference")
    void badReference() throws Exception {
        for (String reference : new String[] {"", "has%20space", "x".repeat(65), "%C3%A9"}) {
            assertError(enclave.post("/v1/reports?reference=" + reference, "image/png", MEDIA), 400, "bad_reference");
        }
        assertEquals(
                200,
                enclave.post("/v1/reports?reference=" + "x".repeat(64), "image/png", MEDIA)
                        .statusCode());
    }

    @Test
    @DisplayName("unknown or repeated query parameters are 400 bad_query")
    void badQuery() throws Exception {
        assertError(enclave.post("/v1/reports?" + REFERENCE + "&colour=red", "image/png", MEDIA), 400, "bad_query");
        assertError(enclave.post("/v1/reports?" + REFERENCE + "&reference=b", "image/png", MEDIA), 400, "bad_query");
        assertError(enclave.send("GET", "/v1/attestation?x=1"), 400, "bad_query");
    }

    @Test
    @DisplayName("unknown paths are 404 and wrong methods 405 with Allow")
    void routing() throws Exception {
        assertError(enclave.send("GET", "/"), 404, "not_found");
        assertError(enclave.send("GET", "/v1/reports/1"), 404, "not_found");
        HttpResponse<String> get = enclave.send("GET", "/v1/reports");
        assertError(get, 405, "method_not_allowed");
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
        assertError(enclave.send("DELETE", "/health"), 405, "method_not_allowed");
        assertError(enclave.post("/v1/attestation", "image/png", MEDIA), 405, "method_not_allowed");
    }

    @Test
    @DisplayName("errors are counted by /health, and the server still signs afterwards")
    void stillServing() throws Exception {
        long before = TestEnclave.json(enclave.send("GET", "/health"))
                .getAsJsonObject("counts")
                .get("errors")
                .getAsLong();
        enclave.send("GET", "/nope");
        long after = TestEnclave.json(enclave.send("GET", "/health"))
                .getAsJsonObject("counts")
                .get("errors")
                .getAsLong();
        assertEquals(before + 1, after);
        assertEquals(
                200,
                enclave.post("/v1/reports?" + REFERENCE, "image/png", MEDIA).statusCode());
    }

    @Test
    @DisplayName("a failing attestation source is 503; an unexpected exception is a generic 500")
    void sourceFailures(@TempDir Path other) throws Exception {
        AttestationSource unavailable = TestEnclave.failingSource(new AttestationException("device busy"));
        AttestationSource broken = TestEnclave.failingSource(new IllegalStateException("secret internal detail"));
        try (TestEnclave failing = TestEnclave.start(enclave.ca, enclave.localSource, unavailable, LIMIT)) {
            assertError(failing.post("/v1/reports?" + REFERENCE, "image/png", MEDIA), 503, "attestation_unavailable");
            assertError(failing.send("GET", "/v1/attestation"), 503, "attestation_unavailable");
        }
        try (TestEnclave failing = TestEnclave.start(enclave.ca, enclave.localSource, broken, LIMIT)) {
            HttpResponse<String> response = failing.post("/v1/reports?" + REFERENCE, "image/png", MEDIA);
            assertError(response, 500, "internal_error");
            assertTrue(!response.body().contains("secret"), "no internal detail leaks");
            assertEquals(200, failing.send("GET", "/health").statusCode());
        }
    }
}
