package dev.provably.nautilus.gate;

import static dev.provably.nautilus.gate.EnclaveSimulator.NOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.provably.nautilus.attestation.Profile;
import dev.provably.nautilus.attestation.Reason;
import dev.provably.nautilus.attestation.SyntheticNitro;
import dev.provably.nautilus.attestation.TrustAnchor;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.MediaReport;
import dev.provably.nautilus.report.ReportFixtures;
import dev.provably.nautilus.report.ReportVerificationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ReportGate")
class ReportGateTest {
    /** The request the sample responses answer: the simulator's nonce and the sample's media. */
    static final ExpectedRequest EXPECTED = ExpectedRequest.of(
            EnclaveSimulator.NONCE, ReportFixtures.sample().data().mediaSha256());

    private final EnclaveSimulator enclave = new EnclaveSimulator();
    private final MutableClock clock = new MutableClock(NOW);

    private ReportGate gate() {
        return gate(EnclaveSimulator.config().build());
    }

    private ReportGate gate(BackendConfig config) {
        return ReportGate.builder(config).clock(clock).build();
    }

    private EnclaveSimulator.Response sample() {
        return enclave.respond(ReportFixtures.sample());
    }

    private void assertRejected(GateReason expected, String json) {
        assertRejected(expected, gate(), json, EXPECTED);
    }

    private static void assertRejected(GateReason expected, ReportGate gate, String json, ExpectedRequest request) {
        GateRejection rejection = assertThrows(GateRejection.class, () -> gate.check(json, request));
        assertEquals(expected, rejection.reason(), rejection.getMessage());
    }

    @Test
    @DisplayName("accepts a faithful response and returns what was signed and attested")
    void accepts() throws GateRejection {
        EnclaveSimulator.Response response = sample();
        AcceptedReport accepted = gate().check(response.json(), EXPECTED);
        assertEquals(ReportFixtures.sample(), accepted.message());
        assertArrayEquals(HexFormat.of().parseHex(ReportFixtures.SAMPLE_BCS_HEX), accepted.reportBcs());
        assertArrayEquals(response.signature, accepted.signature());
        assertArrayEquals(enclave.publicKey(), accepted.publicKey());
        assertArrayEquals(
                enclave.publicKey(), accepted.attestation().publicKey().orElseThrow());
        assertEquals(response.attestationTimestampMs, accepted.attestation().timestampMillis());
    }

    @Test
    @DisplayName("accepts a response given as UTF-8 bytes, with the nonce it asked for")
    void acceptsBytesWithNonce() throws GateRejection {
        byte[] nonce = HexFormat.of().parseHex("0123456789abcdef");
        String json = sample().withNonce(nonce).json();
        AcceptedReport accepted = gate().check(json.getBytes(StandardCharsets.UTF_8), withNonce(nonce));
        assertArrayEquals(nonce, accepted.attestation().nonce().orElseThrow());
    }

    @Test
    @DisplayName("refuses a response whose nonce member was dropped: the echo must match the attested nonce")
    void refusesWithoutNonceMember() {
        JsonObject json = sample().jsonObject();
        json.remove("nonce");
        assertRejected(GateReason.REPORT_VIEW_MISMATCH, json.toString());
    }

    @Nested
    @DisplayName("pins the analysis: policy and analyzer identities (issue 10, item 5)")
    class AnalysisPinning {
        private BackendConfig expecting(ExpectedAnalysis analysis) {
            return EnclaveSimulator.config().expectAnalysis(analysis).build();
        }

        private byte[] other() {
            return EnclaveSimulator.sha256(new byte[] {1});
        }

        @Test
        @DisplayName("a report decided by another policy is ANALYSIS_MISMATCH")
        void otherPolicy() {
            ReportGate gate = gate(expecting(ExpectedAnalysis.of(
                    other(),
                    java.util.Map.of(
                            "provenance",
                            ReportFixtures.PROVENANCE_IDENTITY,
                            "model",
                            ReportFixtures.MODEL_IDENTITY))));
            assertRejected(GateReason.ANALYSIS_MISMATCH, gate, sample().json(), EXPECTED);
        }

        @Test
        @DisplayName("a report from another model is ANALYSIS_MISMATCH")
        void otherModel() {
            ReportGate gate = gate(expecting(ExpectedAnalysis.of(
                    ReportFixtures.POLICY_IDENTITY,
                    java.util.Map.of("provenance", ReportFixtures.PROVENANCE_IDENTITY, "model", other()))));
            assertRejected(GateReason.ANALYSIS_MISMATCH, gate, sample().json(), EXPECTED);
        }

        @Test
        @DisplayName("a report missing an expected analyzer, or naming an unexpected one, is ANALYSIS_MISMATCH")
        void otherSet() {
            ReportGate fewer = gate(expecting(ExpectedAnalysis.of(
                    ReportFixtures.POLICY_IDENTITY,
                    java.util.Map.of("provenance", ReportFixtures.PROVENANCE_IDENTITY))));
            assertRejected(GateReason.ANALYSIS_MISMATCH, fewer, sample().json(), EXPECTED);
            ReportGate more = gate(expecting(ExpectedAnalysis.of(
                    ReportFixtures.POLICY_IDENTITY,
                    java.util.Map.of(
                            "provenance",
                            ReportFixtures.PROVENANCE_IDENTITY,
                            "model",
                            ReportFixtures.MODEL_IDENTITY,
                            "c2pa",
                            other()))));
            assertRejected(GateReason.ANALYSIS_MISMATCH, more, sample().json(), EXPECTED);
        }

        @Test
        @DisplayName("the written-out anyAnalysis() accepts the report the pinned image produced")
        void anyAnalysis() throws GateRejection {
            ReportGate gate = gate(EnclaveSimulator.config().anyAnalysis().build());
            assertEquals(
                    ReportFixtures.sample(),
                    gate.check(sample().json(), EXPECTED).message());
        }
    }

    @Nested
    @DisplayName("binds the report to the request that produced it (issue 8, item 1)")
    class RequestBinding {
        @Test
        @DisplayName("a genuine report on other media, made with the backend's nonce, is MEDIA_MISMATCH")
        void substitutedMedia() {
            // Someone on the path posted other bytes to the enclave with the backend's nonce: the
            // enclave, attestation, nonce and signature are all genuine; only the media differs.
            IntentMessage sample = ReportFixtures.sample();
            MediaReport other =
                    ReportFixtures.aboutOtherMedia(EnclaveSimulator.sha256(new byte[] {'o', 't', 'h', 'e', 'r'}), 5);
            String forged = enclave.respond(new IntentMessage(sample.intent(), sample.timestampMs(), other))
                    .json();
            assertRejected(GateReason.MEDIA_MISMATCH, forged);
        }

        @Test
        @DisplayName("a report whose nonce was dropped from the attestation is NONCE_MISMATCH")
        void droppedNonce() {
            assertRejected(GateReason.NONCE_MISMATCH, sample().withNonce(null).json());
        }

        @Test
        @DisplayName("the expected request needs both a nonce and the media's SHA-256: no way to skip either")
        void bothRequired() {
            byte[] sha = EXPECTED.mediaSha256();
            assertThrows(NullPointerException.class, () -> ExpectedRequest.of(null, sha));
            assertThrows(NullPointerException.class, () -> ExpectedRequest.of(EnclaveSimulator.NONCE, null));
            assertThrows(IllegalArgumentException.class, () -> ExpectedRequest.of(new byte[0], sha));
            assertThrows(
                    IllegalArgumentException.class, () -> ExpectedRequest.of(EnclaveSimulator.NONCE, new byte[31]));
            assertThrows(NullPointerException.class, () -> gate().check(sample().json(), (ExpectedRequest) null));
            assertEquals(
                    EXPECTED,
                    ExpectedRequest.forMedia(EnclaveSimulator.NONCE, "abc".getBytes(StandardCharsets.UTF_8)),
                    "the sample report is about the bytes abc");
        }
    }

    @Nested
    @DisplayName("refuses tampering")
    class Tampering {
        @Test
        @DisplayName("a changed report byte: user_data no longer matches")
        void reportByte() {
            EnclaveSimulator.Response response = sample();
            response.reportBcs = response.reportBcs.clone();
            response.reportBcs[response.reportBcs.length - 1] ^= 1;
            assertRejected(GateReason.USER_DATA_MISMATCH, response.json());
        }

        @Test
        @DisplayName("a changed report byte bound in user_data but not signed: the signature fails")
        void reportByteWithMatchingUserData() {
            EnclaveSimulator.Response response = sample();
            byte[] changed = response.reportBcs.clone();
            changed[changed.length - 1] = 0; // the last byte of the caller reference
            response.reportBcs = changed;
            response.attestedUserData = EnclaveSimulator.sha256(changed);
            assertRejected(GateReason.BAD_REPORT_SIGNATURE, response.json());
        }

        @Test
        @DisplayName("a changed signature")
        void signature() {
            EnclaveSimulator.Response response = sample();
            response.signature = response.signature.clone();
            response.signature[10] ^= 0x40;
            assertRejected(GateReason.BAD_REPORT_SIGNATURE, response.json());
        }

        @Test
        @DisplayName("a response publicKey that is not the attested key")
        void publicKey() {
            EnclaveSimulator.Response response = sample();
            response.publicKey = EnclaveSimulator.publicKeyOf(new byte[32]);
            assertRejected(GateReason.PUBLIC_KEY_MISMATCH, response.json());
        }

        @Test
        @DisplayName("an attestation without a public key")
        void attestationWithoutKey() {
            EnclaveSimulator.Response response = sample();
            response.attestedPublicKey = null;
            assertRejected(GateReason.PUBLIC_KEY_MISMATCH, response.json());
        }

        @Test
        @DisplayName("an attested key that is not a valid Ed25519 point, echoed in the response")
        void invalidKey() {
            EnclaveSimulator.Response response = sample();
            byte[] identity = new byte[32];
            identity[0] = 1;
            response.publicKey = identity;
            response.attestedPublicKey = identity;
            assertRejected(GateReason.PUBLIC_KEY_INVALID, response.json());
        }

        @Test
        @DisplayName("an attestation without user_data")
        void attestationWithoutUserData() {
            EnclaveSimulator.Response response = sample();
            response.attestedUserData = null;
            assertRejected(GateReason.USER_DATA_MISMATCH, response.json());
        }

        @Test
        @DisplayName("a nonce other than the one the backend sent, or none")
        void nonce() {
            byte[] sent = HexFormat.of().parseHex("00112233");
            String other =
                    sample().withNonce(HexFormat.of().parseHex("00112234")).json();
            assertRejected(GateReason.NONCE_MISMATCH, gate(), other, withNonce(sent));
            String none = sample().withNonce(null).json();
            assertRejected(GateReason.NONCE_MISMATCH, gate(), none, withNonce(sent));
        }

        @Test
        @DisplayName("an echoed nonce that the attestation does not carry")
        void echoedNonce() {
            EnclaveSimulator.Response response = sample();
            response.nonce = HexFormat.of().parseHex("00112233");
            assertRejected(GateReason.REPORT_VIEW_MISMATCH, response.json());
            EnclaveSimulator.Response dropped = sample();
            dropped.nonce = null;
            assertRejected(GateReason.REPORT_VIEW_MISMATCH, dropped.json());
        }

        @Test
        @DisplayName("a changed attestation signature")
        void attestationSignature() {
            EnclaveSimulator.Response response = sample();
            response.document = d -> d.signature(s -> {
                byte[] changed = s.clone();
                changed[5] ^= 1;
                return changed;
            });
            assertRejected(GateReason.BAD_SIGNATURE, response.json());
        }

        @Test
        @DisplayName("an attestation from a chain that does not end in the configured anchor")
        void otherChain() {
            EnclaveSimulator.Response response = sample();
            response.authority = SyntheticNitro.authority(NOW.minus(Duration.ofDays(1)));
            assertRejected(GateReason.UNTRUSTED_CHAIN, response.json());
        }

        @Test
        @DisplayName("an attestation of another enclave image")
        void otherImage() {
            EnclaveSimulator.Response response = sample();
            response.document = d -> d.pcr(2, new byte[48]);
            assertRejected(GateReason.PCR_MISMATCH, response.json());
        }

        @Test
        @DisplayName("a stale attestation")
        void stale() {
            String json = sample().json();
            clock.set(NOW.plus(Duration.ofMinutes(6)));
            assertRejected(GateReason.STALE, json);
        }

        @Test
        @DisplayName("a report timestamp more than the skew from the attestation's")
        void reportAttestationSkew() {
            EnclaveSimulator.Response early = sample();
            early.attestationTimestampMs = ReportFixtures.SAMPLE_TIMESTAMP_MS + 30_001;
            clock.set(Instant.ofEpochMilli(early.attestationTimestampMs + 1_000));
            assertRejected(GateReason.REPORT_TIME_SKEW, early.json());

            EnclaveSimulator.Response boundary = sample();
            boundary.attestationTimestampMs = ReportFixtures.SAMPLE_TIMESTAMP_MS + 30_000;
            clock.set(Instant.ofEpochMilli(boundary.attestationTimestampMs + 1_000));
            assertEquals(
                    ReportFixtures.sample(), assertAccepted(boundary.json()).message());
        }

        @Test
        @DisplayName("a report timestamp ahead of the gate's clock by more than the skew")
        void reportAheadOfClock() {
            // Attestation 20 s ahead (within its own 30 s allowance), report 45 s ahead: 25 s apart.
            long reportMs = NOW.toEpochMilli() + 45_000;
            EnclaveSimulator.Response response = enclave.respond(ReportFixtures.sample(reportMs));
            response.attestationTimestampMs = NOW.toEpochMilli() + 20_000;
            response.document = d -> d.leafValidity(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(3)));
            assertRejected(GateReason.REPORT_TIME_SKEW, response.json());
        }

        @Test
        @DisplayName("a signed report with another intent scope")
        void otherIntent() {
            EnclaveSimulator.Response response = sample();
            byte[] bytes = response.reportBcs.clone();
            bytes[0] = 0; // report v1's intent
            response.resign(enclave, bytes);
            response.view.addProperty("intent", 0);
            assertRejected(GateReason.UNEXPECTED_INTENT, response.json());
        }

        @Test
        @DisplayName("signed bytes that are not a media report")
        void signedGarbage() {
            EnclaveSimulator.Response response = sample();
            response.resign(enclave, "not BCS".getBytes(StandardCharsets.US_ASCII));
            assertRejected(GateReason.MALFORMED_REPORT, response.json());
        }
    }

    @Nested
    @DisplayName("refuses a report view that differs from the signed bytes")
    class LyingView {
        private void assertViewRejected(Consumer<JsonObject> lie) {
            EnclaveSimulator.Response response = sample();
            lie.accept(response.view);
            assertRejected(GateReason.REPORT_VIEW_MISMATCH, response.json());
        }

        private JsonObject media(JsonObject view) {
            return view.getAsJsonObject("media");
        }

        private JsonObject analyzer(JsonObject view, int index) {
            return view.getAsJsonArray("analyzers").get(index).getAsJsonObject();
        }

        @Test
        void verdict() {
            assertViewRejected(v -> v.addProperty("verdict", "UNKNOWN"));
            assertViewRejected(v -> v.addProperty("verdictCode", 0));
        }

        @Test
        void score() {
            assertViewRejected(v -> analyzer(v, 1).addProperty("scoreBps", 1235));
            assertViewRejected(v -> analyzer(v, 0).addProperty("scoreBps", 0));
        }

        @Test
        void analyzersAndPolicy() {
            assertViewRejected(v -> analyzer(v, 0).addProperty("identity", "00".repeat(32)));
            assertViewRejected(v -> analyzer(v, 1).addProperty("version", "demo/2"));
            assertViewRejected(v -> analyzer(v, 1).addProperty("label", "ai-declared"));
            assertViewRejected(v -> v.getAsJsonArray("analyzers").remove(1));
            assertViewRejected(v -> v.getAsJsonObject("policy").addProperty("rule", "model-score"));
            assertViewRejected(
                    v -> v.getAsJsonArray("findings").get(0).getAsJsonObject().addProperty("value", "x"));
            assertViewRejected(v -> v.addProperty("callerReference", "order-43"));
            assertViewRejected(v -> v.remove("callerReference"));
        }

        @Test
        void media() {
            assertViewRejected(v -> media(v).addProperty("sha256", "00".repeat(32)));
            assertViewRejected(v -> media(v).addProperty("length", 4));
            assertViewRejected(v -> media(v).addProperty("detectedType", "image/jpeg"));
            assertViewRejected(v -> media(v).remove("declaredType"));
        }

        @Test
        void envelope() {
            assertViewRejected(v -> v.addProperty("timestampMs", ReportFixtures.SAMPLE_TIMESTAMP_MS + 1));
            assertViewRejected(v -> v.addProperty("intent", 2));
        }

        @Test
        @DisplayName("wrong types, missing and extra members")
        void shape() {
            assertViewRejected(v -> analyzer(v, 1).add("scoreBps", new JsonPrimitive("1234")));
            assertViewRejected(v -> media(v).add("length", new JsonPrimitive(3.5)));
            assertViewRejected(v -> v.remove("verdict"));
            assertViewRejected(v -> v.addProperty("trusted", true));
            assertViewRejected(v -> media(v).addProperty("name", "cat.png"));
            assertViewRejected(v -> v.add("analyzers", new JsonObject()));
        }
    }

    @Nested
    @DisplayName("replay")
    class Replay {
        @Test
        @DisplayName("the same report is accepted once; a second submission is REPLAYED")
        void once() throws GateRejection {
            ReportGate gate = gate();
            String json = sample().json();
            gate.check(json, EXPECTED);
            assertRejected(GateReason.REPLAYED, gate, json, EXPECTED);
        }

        @Test
        @DisplayName("the same report with a fresh attestation is still a replay")
        void freshAttestation() throws GateRejection {
            ReportGate gate = gate();
            gate.check(sample().json(), EXPECTED);
            assertRejected(GateReason.REPLAYED, gate, sample().json(), EXPECTED);
        }

        @Test
        @DisplayName("once the window closes the attestation is stale, so a replay is refused anyway")
        void afterWindow() throws GateRejection {
            ReportGate gate = gate();
            String json = sample().json();
            gate.check(json, EXPECTED);
            clock.advance(Duration.ofMinutes(6));
            assertRejected(GateReason.STALE, gate, json, EXPECTED);
        }

        @Test
        @DisplayName("a full replay store refuses new reports instead of forgetting old ones")
        void full() throws GateRejection {
            ReportGate gate = ReportGate.builder(EnclaveSimulator.config().build())
                    .clock(clock)
                    .replayStore(new InMemoryReplayStore(1, clock))
                    .build();
            gate.check(sample().json(), EXPECTED);
            String other = enclave.respond(ReportFixtures.sample(ReportFixtures.SAMPLE_TIMESTAMP_MS + 1))
                    .json();
            assertRejected(GateReason.REPLAY_STORE_FULL, gate, other, EXPECTED);
        }

        @Test
        @DisplayName("a shared replay store that cannot be asked makes the gate refuse, never accept")
        void unavailable() {
            ReportGate gate = ReportGate.builder(EnclaveSimulator.config().build())
                    .clock(clock)
                    .replayStore((key, expiresAt) -> ReplayStore.Outcome.UNAVAILABLE)
                    .build();
            assertRejected(GateReason.REPLAY_STORE_UNAVAILABLE, gate, sample().json(), EXPECTED);
        }

        @Test
        @DisplayName("a rejected response does not use up the report")
        void rejectionDoesNotRecord() throws GateRejection {
            ReportGate gate = gate();
            EnclaveSimulator.Response lying = sample();
            lying.view.addProperty("verdict", "UNKNOWN");
            assertRejected(GateReason.REPORT_VIEW_MISMATCH, gate, lying.json(), EXPECTED);
            assertEquals(
                    ReportFixtures.sample(),
                    gate.check(sample().json(), EXPECTED).message());
        }
    }

    @Nested
    @DisplayName("refuses malformed responses")
    class Malformed {
        @ParameterizedTest(name = "[{index}] <{0}>")
        @ValueSource(
                strings = {
                    "",
                    "null",
                    "[]",
                    "{}",
                    "{\"report\":{}} trailing",
                    "{'report':{}}",
                    "{\"report\": {}, \"report\": {}}"
                })
        void notAResponse(String json) {
            assertRejected(GateReason.MALFORMED_RESPONSE, json);
        }

        private void assertMemberRejected(Consumer<JsonObject> change) {
            JsonObject json = sample().jsonObject();
            change.accept(json);
            assertRejected(GateReason.MALFORMED_RESPONSE, json.toString());
        }

        @Test
        @DisplayName("a missing, unknown or mistyped member")
        void members() {
            for (String member : new String[] {"report", "reportBcs", "signature", "publicKey", "attestation"}) {
                assertMemberRejected(j -> j.remove(member));
            }
            assertMemberRejected(j -> j.addProperty("extra", 1));
            assertMemberRejected(j -> j.addProperty("report", "{}"));
            assertMemberRejected(j -> j.addProperty("signature", 7));
            assertMemberRejected(j -> j.addProperty("nonce", 7));
        }

        @Test
        @DisplayName("bad hex, wrong lengths and bad base64")
        void encodings() {
            assertMemberRejected(j -> j.addProperty("reportBcs", "0g"));
            assertMemberRejected(j -> j.addProperty("reportBcs", "abc"));
            assertMemberRejected(j -> j.addProperty("reportBcs", ""));
            assertMemberRejected(j -> j.addProperty("signature", "00".repeat(63)));
            assertMemberRejected(j -> j.addProperty("publicKey", "00".repeat(33)));
            assertMemberRejected(j -> j.addProperty("nonce", "xyz"));
            assertMemberRejected(j -> j.addProperty("attestation", "not base64!"));
            assertMemberRejected(j -> j.addProperty("attestation", ""));
        }

        @Test
        @DisplayName("an attestation that is not a COSE document")
        void attestationGarbage() {
            JsonObject json = sample().jsonObject();
            json.addProperty("attestation", "AAAA");
            assertRejected(GateReason.MALFORMED, json.toString());
        }

        @Test
        @DisplayName("invalid UTF-8 and oversized input")
        void bytes() {
            ReportGate gate = gate();
            GateRejection utf8 =
                    assertThrows(GateRejection.class, () -> gate.check(new byte[] {'{', (byte) 0xff, '}'}, EXPECTED));
            assertEquals(GateReason.MALFORMED_RESPONSE, utf8.reason());
            byte[] huge = new byte[ReportGate.MAX_RESPONSE_BYTES + 1];
            Arrays.fill(huge, (byte) ' ');
            GateRejection large = assertThrows(GateRejection.class, () -> gate.check(huge, EXPECTED));
            assertEquals(GateReason.MALFORMED_RESPONSE, large.reason());
        }
    }

    @Nested
    @DisplayName("applies the configured policy")
    class Policy {
        @Test
        @DisplayName("without a configured anchor only the AWS root is trusted")
        void awsRootByDefault() {
            BackendConfig config = BackendConfig.builder()
                    .enclaveApiUrl(URI.create("http://10.0.1.5:5000"))
                    .expectPcr(0, EnclaveSimulator.defaultPcr(0))
                    .expectAnalysis(EnclaveSimulator.expectedAnalysis())
                    .build();
            assertRejected(GateReason.UNTRUSTED_CHAIN, gate(config), sample().json(), EXPECTED);
        }

        @Test
        @DisplayName("maxAgeSeconds bounds the attestation's age")
        void maxAge() {
            BackendConfig config =
                    EnclaveSimulator.config().maxAge(Duration.ofSeconds(60)).build();
            String json = sample().json();
            clock.advance(Duration.ofSeconds(59));
            assertRejected(GateReason.STALE, gate(config), json, EXPECTED);
        }

        @Test
        @DisplayName("a debug enclave is refused unless allowDebug")
        void debug() throws GateRejection {
            EnclaveSimulator.Response response = sample();
            response.document = SyntheticNitro.DocumentBuilder::debugMode;
            String json = response.json();
            // Both configs expect the all-zero PCRs a debug enclave reports, so only the debug rule differs.
            assertRejected(GateReason.DEBUG_ENCLAVE, gate(debugConfig(false)), json, EXPECTED);
            assertEquals(
                    ReportFixtures.sample(),
                    gate(debugConfig(true)).check(json, EXPECTED).message());
        }

        private BackendConfig debugConfig(boolean allowDebug) {
            return BackendConfig.builder()
                    .enclaveApiUrl(URI.create("http://10.0.1.5:5000"))
                    .expectPcr(0, new byte[48])
                    .expectPcr(1, new byte[48])
                    .expectPcr(2, new byte[48])
                    .trustAnchor(TrustAnchor.of(EnclaveSimulator.CA.rootCertificate()))
                    .allowDebug(allowDebug)
                    .expectAnalysis(EnclaveSimulator.expectedAnalysis())
                    .build();
        }

        @Test
        @DisplayName("the profile decides field sizes: a 600-byte nonce passes nsm, not sui")
        void profile() throws GateRejection {
            byte[] nonce = new byte[600];
            String json = sample().withNonce(nonce).json();
            assertRejected(GateReason.FIELD_INVALID, gate(), json, withNonce(nonce));
            BackendConfig nsm = EnclaveSimulator.config().profile(Profile.NSM).build();
            assertArrayEquals(
                    nonce,
                    gate(nsm)
                            .check(json, withNonce(nonce))
                            .attestation()
                            .nonce()
                            .orElseThrow());
        }

        @Test
        @DisplayName("maxReportSkewSeconds bounds the report-to-attestation distance")
        void skew() {
            BackendConfig config = EnclaveSimulator.config()
                    .maxReportSkew(Duration.ofSeconds(1))
                    .build();
            EnclaveSimulator.Response response = sample();
            response.attestationTimestampMs = ReportFixtures.SAMPLE_TIMESTAMP_MS + 1_001;
            assertRejected(GateReason.REPORT_TIME_SKEW, gate(config), response.json(), EXPECTED);
        }
    }

    private static ExpectedRequest withNonce(byte[] nonce) {
        return ExpectedRequest.of(nonce, EXPECTED.mediaSha256());
    }

    private AcceptedReport assertAccepted(String json) {
        try {
            return gate().check(json, EXPECTED);
        } catch (GateRejection e) {
            throw new AssertionError("rejected: " + e.reason() + ": " + e.getMessage(), e);
        }
    }

    @Test
    @DisplayName("every attestation reason has a gate reason of the same name")
    void reasonNames() {
        for (Reason reason : Reason.values()) {
            assertEquals(reason.name(), GateReason.of(reason).name());
        }
        for (ReportVerificationException.Reason reason : ReportVerificationException.Reason.values()) {
            assertEquals(reason.name(), GateReason.of(reason).name());
        }
    }
}
