package dev.provably.nautilus.enclave.server;

import static dev.provably.nautilus.enclave.server.ResponseCheck.HEX;
import static dev.provably.nautilus.enclave.server.TestEnclave.REFERENCE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.provably.nautilus.attestation.AttestationVerifier;
import dev.provably.nautilus.attestation.Reason;
import dev.provably.nautilus.attestation.TrustAnchor;
import dev.provably.nautilus.attestation.VerificationException;
import dev.provably.nautilus.attestation.VerifiedAttestation;
import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.enclave.analysis.Samples;
import dev.provably.nautilus.gate.AcceptedReport;
import dev.provably.nautilus.gate.BackendConfig;
import dev.provably.nautilus.gate.ExpectedAnalysis;
import dev.provably.nautilus.gate.ExpectedRequest;
import dev.provably.nautilus.gate.GateReason;
import dev.provably.nautilus.gate.GateRejection;
import dev.provably.nautilus.gate.ReportGate;
import dev.provably.nautilus.report.AnalyzerReport;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.ReportVerificationException;
import dev.provably.nautilus.report.Verdict;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Local mode end to end: post media over HTTP, check the answer as a consumer must. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsEndToEndTest {
    private static final byte[] MEDIA = "\u0089PNG fake media bytes for the test".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] NONCE = HEX.parseHex("c0ffee0123456789");

    private TestEnclave enclave;
    private AttestationVerifier verifier;

    @BeforeAll
    void start(@TempDir Path state) throws Exception {
        enclave = TestEnclave.start(state, 1024 * 1024);
        // As a user would: the root PEM from the state directory (what --dev-root-out writes).
        Path rootPem = Files.writeString(state.resolve("exported-root.pem"), enclave.ca.rootPem());
        verifier = AttestationVerifier.builder()
                .trustAnchor(TrustAnchor.fromPemFile(rootPem))
                .expectPcr(0, enclave.localSource.measurements().pcr(0))
                .expectPcr(1, enclave.localSource.measurements().pcr(1))
                .expectPcr(2, enclave.localSource.measurements().pcr(2))
                .build();
    }

    @AfterAll
    void stop() {
        enclave.close();
    }

    private JsonObject postReport(String query, byte[] media) throws Exception {
        HttpResponse<String> response = enclave.post("/v1/reports?" + query, "image/png; charset=binary", media);
        assertEquals(200, response.statusCode(), response.body());
        return TestEnclave.json(response);
    }

    @Test
    @DisplayName("a report verifies: attestation to the dev root with nonce and key, binding, signature, BCS")
    void reportVerifies() throws Exception {
        long before = System.currentTimeMillis();
        JsonObject body = postReport(REFERENCE + "&nonce=" + HEX.formatHex(NONCE), MEDIA);
        assertEquals(
                List.of("report", "reportBcs", "signature", "publicKey", "attestation", "nonce"),
                List.copyOf(body.keySet()));
        ResponseCheck.Parts parts = ResponseCheck.Parts.of(body);
        assertArrayEquals(enclave.signer.publicKey(), parts.publicKey());
        assertArrayEquals(NONCE, parts.nonce());

        IntentMessage message = ResponseCheck.verify(verifier, parts, enclave.signer.publicKey(), NONCE);
        assertEquals(IntentMessage.MEDIA_REPORT_INTENT, message.intent());
        assertTrue(message.timestampMs() >= before && message.timestampMs() <= System.currentTimeMillis());
        assertArrayEquals(ResponseCheck.sha256(MEDIA), message.data().mediaSha256(), "the enclave hashed the body");
        assertEquals(MEDIA.length, message.data().mediaLength());
        // The body starts like a PNG signature but is not one: detected from the bytes, not the header.
        assertEquals("application/octet-stream", message.data().detectedType());
        assertEquals(Optional.of("image/png"), message.data().declaredType(), "declared, parameters stripped");
        assertEquals(Optional.of("test-ref-1"), message.data().callerReference());
        assertEquals(
                List.of("provenance", "c2pa", "model"),
                message.data().analyzers().stream().map(AnalyzerReport::name).toList());
        ExpectedAnalysis shipped = AnalysisRun.shippedIdentities();
        assertArrayEquals(shipped.policyIdentity(), message.data().policyIdentity());
        for (AnalyzerReport analyzer : message.data().analyzers()) {
            assertArrayEquals(shipped.analyzers().get(analyzer.name()), analyzer.identity());
        }
        assertEquals(Verdict.UNKNOWN, message.data().verdict(), "unsupported media: nothing conclusive");
        ResponseCheck.assertViewMatches(body, message);
    }

    @Test
    @DisplayName("without a nonce the document carries none and the response says null")
    void noNonce() throws Exception {
        JsonObject body = postReport(REFERENCE, MEDIA);
        assertTrue(body.get("nonce").isJsonNull());
        ResponseCheck.Parts parts = ResponseCheck.Parts.of(body);
        VerifiedAttestation attestation = verifier.verify(parts.attestation());
        assertTrue(attestation.nonce().isEmpty());
        ResponseCheck.verify(verifier, parts, enclave.signer.publicKey(), null);
    }

    @Test
    @DisplayName("tampering with any part is rejected")
    void tamperingIsRejected() throws Exception {
        ResponseCheck.Parts good =
                ResponseCheck.Parts.of(postReport(REFERENCE + "&nonce=" + HEX.formatHex(NONCE), MEDIA));
        byte[] key = enclave.signer.publicKey();

        byte[] report = good.reportBcs().clone();
        report[report.length - 2] ^= 1; // a character of the caller reference
        ResponseCheck.Parts badReport =
                new ResponseCheck.Parts(report, good.signature(), good.publicKey(), good.attestation(), good.nonce());
        ReportVerificationException unbound = assertThrows(
                ReportVerificationException.class, () -> ResponseCheck.verify(verifier, badReport, key, NONCE));
        assertEquals(ReportVerificationException.Reason.USER_DATA_MISMATCH, unbound.reason());

        byte[] signature = good.signature().clone();
        signature[10] ^= 1;
        ResponseCheck.Parts badSignature = new ResponseCheck.Parts(
                good.reportBcs(), signature, good.publicKey(), good.attestation(), good.nonce());
        ReportVerificationException rejected = assertThrows(
                ReportVerificationException.class, () -> ResponseCheck.verify(verifier, badSignature, key, NONCE));
        assertEquals(ReportVerificationException.Reason.BAD_REPORT_SIGNATURE, rejected.reason());

        byte[] otherKey = key.clone();
        otherKey[0] ^= 1;
        VerificationException wrongKey =
                assertThrows(VerificationException.class, () -> ResponseCheck.verify(verifier, good, otherKey, NONCE));
        assertEquals(Reason.PUBLIC_KEY_MISMATCH, wrongKey.reason());

        byte[] otherNonce = NONCE.clone();
        otherNonce[0] ^= 1;
        VerificationException wrongNonce =
                assertThrows(VerificationException.class, () -> ResponseCheck.verify(verifier, good, key, otherNonce));
        assertEquals(Reason.NONCE_MISMATCH, wrongNonce.reason());

        byte[] document = good.attestation().clone();
        document[document.length / 2] ^= 1;
        ResponseCheck.Parts badDocument =
                new ResponseCheck.Parts(good.reportBcs(), good.signature(), good.publicKey(), document, good.nonce());
        assertThrows(VerificationException.class, () -> ResponseCheck.verify(verifier, badDocument, key, NONCE));

        // The untampered response still verifies.
        ResponseCheck.verify(verifier, good, key, NONCE);
    }

    @Test
    @DisplayName("the backend's ReportGate accepts the HTTP response verbatim, once")
    void gateAcceptsTheResponse() throws Exception {
        HttpResponse<String> response =
                enclave.post("/v1/reports?" + REFERENCE + "&nonce=" + HEX.formatHex(NONCE), "image/png", MEDIA);
        assertEquals(200, response.statusCode(), response.body());
        ReportGate gate = ReportGate.create(BackendConfig.builder()
                .enclaveApiUrl(enclave.uri(""))
                .trustAnchor(TrustAnchor.of(enclave.ca.root()))
                .expectPcr(0, enclave.localSource.measurements().pcr(0))
                .expectPcr(1, enclave.localSource.measurements().pcr(1))
                .expectPcr(2, enclave.localSource.measurements().pcr(2))
                .expectAnalysis(AnalysisRun.shippedIdentities())
                .build());
        ExpectedRequest sent = ExpectedRequest.forMedia(NONCE, MEDIA);
        AcceptedReport accepted = gate.check(response.body(), sent);
        assertArrayEquals(ResponseCheck.sha256(MEDIA), accepted.message().data().mediaSha256());
        GateRejection replay = assertThrows(GateRejection.class, () -> gate.check(response.body(), sent));
        assertEquals(GateReason.REPLAYED, replay.reason());
    }

    @Test
    @DisplayName("documents from the dev CA are never trusted under the default AWS anchor")
    void devDocumentsFailAgainstAwsRoot() throws Exception {
        ResponseCheck.Parts parts = ResponseCheck.Parts.of(postReport(REFERENCE, MEDIA));
        VerificationException e = assertThrows(
                VerificationException.class,
                () -> AttestationVerifier.builder().anyEnclaveImage().build().verify(parts.attestation()));
        assertEquals(Reason.UNTRUSTED_CHAIN, e.reason());
    }

    @Test
    @DisplayName("GET /v1/attestation binds the public key and nonce, with no user_data")
    void attestationEndpoint() throws Exception {
        HttpResponse<String> response = enclave.send("GET", "/v1/attestation?nonce=" + HEX.formatHex(NONCE));
        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = TestEnclave.json(response);
        assertEquals(List.of("publicKey", "attestation", "nonce"), List.copyOf(body.keySet()));
        assertEquals(
                HEX.formatHex(enclave.signer.publicKey()), body.get("publicKey").getAsString());
        assertEquals(HEX.formatHex(NONCE), body.get("nonce").getAsString());
        VerifiedAttestation attestation = verifier.verify(
                java.util.Base64.getDecoder().decode(body.get("attestation").getAsString()),
                dev.provably.nautilus.attestation.Expectations.none()
                        .withPublicKey(enclave.signer.publicKey())
                        .withNonce(NONCE));
        assertTrue(attestation.userData().isEmpty());
        assertEquals(32, attestation.publicKey().orElseThrow().length);

        JsonObject noNonce = TestEnclave.json(enclave.send("GET", "/v1/attestation"));
        assertTrue(noNonce.get("nonce").isJsonNull());
    }

    @Test
    @DisplayName("GET /health reports mode, key, uptime and counts")
    void health() throws Exception {
        postReport(REFERENCE, MEDIA);
        HttpResponse<String> response = enclave.send("GET", "/health");
        assertEquals(200, response.statusCode());
        JsonObject body = TestEnclave.json(response);
        assertEquals("ok", body.get("status").getAsString());
        assertEquals("local", body.get("mode").getAsString());
        assertEquals(
                HEX.formatHex(enclave.signer.publicKey()), body.get("publicKey").getAsString());
        assertTrue(body.get("uptimeSeconds").getAsLong() >= 0);
        assertTrue(body.getAsJsonObject("counts").get("reports").getAsLong() >= 1);
        assertTrue(body.getAsJsonObject("counts").has("attestations"));
        assertTrue(body.getAsJsonObject("counts").has("errors"));
        JsonObject analysis = body.getAsJsonObject("analysis");
        ExpectedAnalysis shipped = AnalysisRun.shippedIdentities();
        assertEquals(
                HEX.formatHex(shipped.policyIdentity()), analysis.get("policy").getAsString());
        assertEquals(
                HEX.formatHex(shipped.analyzers().get("model")),
                analysis.getAsJsonObject("analyzers").get("model").getAsString());
        assertTrue(body.getAsJsonObject("analysisTimes").has("provenance"), "times per analyzer: " + body);
    }

    @Test
    @DisplayName("the enclave signs its own verdict: an image declaring generative AI is AI_GENERATED_DECLARED")
    void enclaveComputesTheVerdict() throws Exception {
        byte[] image = Samples.read("xmp-ai-only.jpg");
        // The caller declares a camera JPEG as a PNG: the report carries the detected type and, apart, the claim.
        HttpResponse<String> response = enclave.post("/v1/reports?" + REFERENCE, "image/png", image);
        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = TestEnclave.json(response);
        IntentMessage message =
                ResponseCheck.verify(verifier, ResponseCheck.Parts.of(body), enclave.signer.publicKey(), null);
        assertEquals(Verdict.AI_GENERATED_DECLARED, message.data().verdict());
        assertEquals("ai-declared", message.data().policyRule());
        assertEquals("image/jpeg", message.data().detectedType());
        assertEquals(Optional.of("image/png"), message.data().declaredType());
        assertTrue(
                message.data().findings().stream()
                        .anyMatch(f -> f.key().equals("xmp.DigitalSourceType")
                                && f.value().endsWith("trainedAlgorithmicMedia")),
                message.data().findings().toString());
        ResponseCheck.assertViewMatches(body, message);

        byte[] camera = Samples.read("camera-exif.jpg");
        JsonObject cameraBody = postReport(REFERENCE, camera);
        IntentMessage cameraMessage =
                ResponseCheck.verify(verifier, ResponseCheck.Parts.of(cameraBody), enclave.signer.publicKey(), null);
        assertEquals(Verdict.CAPTURE_DECLARED, cameraMessage.data().verdict());
        assertEquals(Optional.of("image/png"), cameraMessage.data().declaredType(), "postReport declares image/png");
        HttpResponse<String> honest = enclave.post("/v1/reports", "image/jpeg", camera);
        IntentMessage honestMessage = ResponseCheck.verify(
                verifier, ResponseCheck.Parts.of(TestEnclave.json(honest)), enclave.signer.publicKey(), null);
        assertEquals(
                Optional.empty(), honestMessage.data().declaredType(), "a declared type equal to the detected one");
        assertEquals(Optional.empty(), honestMessage.data().callerReference());
    }
}
