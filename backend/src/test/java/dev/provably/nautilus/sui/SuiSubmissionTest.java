package dev.provably.nautilus.sui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.provably.nautilus.gate.AcceptedReport;
import dev.provably.nautilus.gate.BackendConfig;
import dev.provably.nautilus.gate.EnclaveSimulator;
import dev.provably.nautilus.gate.ExpectedRequest;
import dev.provably.nautilus.gate.GateRejection;
import dev.provably.nautilus.gate.MutableClock;
import dev.provably.nautilus.gate.ReportGate;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.ReportFixtures;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SuiSubmission")
class SuiSubmissionTest {
    private static final HexFormat HEX = HexFormat.of();

    // The sample report signed with the RFC 8032 test-1 key (EnclaveSimulator.ENCLAVE_SEED).
    // Computed independently with the openssl command (pkeyutl -sign -rawin), not with BouncyCastle.
    private static final String PUBLIC_KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String SIGNATURE = "05dec22573f6039d37aaebcd0dd4c9722ca73fc96308222946f6e1c25f0351ef"
            + "bd9113a538a1fc201e1e9eac971151447f94eab9de7d8554b6ce0988c1228001";

    private final EnclaveSimulator enclave = new EnclaveSimulator();
    private final BackendConfig config = EnclaveSimulator.config().build();

    private AcceptedReport accept(IntentMessage message) throws GateRejection {
        return ReportGate.builder(config)
                .clock(new MutableClock(EnclaveSimulator.NOW))
                .build()
                .check(
                        enclave.respond(message).json(),
                        ExpectedRequest.of(
                                EnclaveSimulator.NONCE, message.data().mediaSha256()));
    }

    private SuiSubmission sample() throws GateRejection {
        return SuiSubmission.of(accept(ReportFixtures.sample()), config.expectedPcrs());
    }

    @Test
    @DisplayName("the test enclave signs the sample exactly as an independent Ed25519 implementation does")
    void independentSignature() throws GateRejection {
        AcceptedReport accepted = accept(ReportFixtures.sample());
        assertEquals(PUBLIC_KEY, HEX.formatHex(accepted.publicKey()));
        assertEquals(SIGNATURE, HEX.formatHex(accepted.signature()));
    }

    @Test
    @DisplayName("the report call's pure arguments are the exact signed bytes and the signature, with BCS")
    void arguments() throws GateRejection {
        List<MoveArgument> expected = List.of(
                // vector<u8>: ULEB128(291) = a3 02, then the signed bytes
                new MoveArgument(
                        "signed_report",
                        "vector<u8>",
                        "0x" + ReportFixtures.SAMPLE_BCS_HEX,
                        HEX.parseHex("a302" + ReportFixtures.SAMPLE_BCS_HEX)),
                // vector<u8>: ULEB128(64) = 40, then the signature
                new MoveArgument("signature", "vector<u8>", "0x" + SIGNATURE, HEX.parseHex("40" + SIGNATURE)));
        assertEquals(expected, sample().reportArguments());
        assertEquals(ReportFixtures.SAMPLE_BCS_HEX, HEX.formatHex(sample().signedBytes()));
    }

    @Test
    @DisplayName("renders the report PTB with placeholders, byte for byte")
    void reportPtbPlaceholders() throws GateRejection {
        String expected = "sui client ptb \\\n"
                + "  --move-call '<PACKAGE_ID>::media_report::submit_report' '@<ENCLAVE_OBJECT_ID>'"
                + " '@<REGISTRY_OBJECT_ID>' '" + vector(ReportFixtures.SAMPLE_BCS_HEX) + "' '"
                + vector(SIGNATURE) + "' @0x6 \\\n"
                + "  --gas-budget 10000000";
        assertEquals(expected, sample().reportPtb(ReportCall.placeholders()));
    }

    @Test
    @DisplayName("renders the report PTB with real IDs, which need no shell quoting")
    void reportPtbConcrete() throws GateRejection {
        ReportCall call = new ReportCall("0xc0ffee", "media_report", "submit_report", "0x1234", "0x5678", 5_000_000);
        String expected = "sui client ptb \\\n"
                + "  --move-call 0xc0ffee::media_report::submit_report @0x1234 @0x5678 '"
                + vector(ReportFixtures.SAMPLE_BCS_HEX) + "' '" + vector(SIGNATURE) + "' @0x6 \\\n"
                + "  --gas-budget 5000000";
        assertEquals(expected, sample().reportPtb(call));
    }

    /** The PTB CLI's byte-vector literal, written out independently of PtbCommand. */
    private static String vector(String hex) {
        StringBuilder out = new StringBuilder("vector[");
        for (int i = 0; i < hex.length(); i += 2) {
            out.append(i == 0 ? "" : ",").append("0x").append(hex, i, i + 2).append("u8");
        }
        return out.append(']').toString();
    }

    @Test
    @DisplayName("renders the registration PTB: load the attestation, then register it with the enclave config")
    void registrationPtb() throws GateRejection {
        SuiSubmission submission = sample();
        StringBuilder vector = new StringBuilder("vector[");
        byte[] document = submission.attestationDocument();
        for (int i = 0; i < document.length; i++) {
            vector.append(i == 0 ? "" : ",")
                    .append("0x")
                    .append(HEX.toHexDigits(document[i]))
                    .append("u8");
        }
        vector.append(']');
        String expected = "sui client ptb \\\n"
                + "  --move-call 0x2::nitro_attestation::load_nitro_attestation '" + vector + "' @0x6 \\\n"
                + "  --assign document \\\n"
                + "  --move-call '<ENCLAVE_PACKAGE_ID>::enclave::register_enclave"
                + "<<APP_PACKAGE_ID>::media_report::MEDIA_REPORT>'"
                + " '@<ENCLAVE_CONFIG_ID>' document \\\n"
                + "  --gas-budget 100000000";
        assertEquals(expected, submission.registrationPtb(RegistrationCall.placeholders()));
    }

    @Test
    @DisplayName("emits JSON with the registration inputs, the report arguments and both commands")
    void json() throws GateRejection {
        AcceptedReport accepted = accept(ReportFixtures.sample());
        SuiSubmission submission = SuiSubmission.of(accepted, config.expectedPcrs());
        String text = submission.toJson();
        assertFalse(text.contains("\\u003c"), "no HTML escaping of <PLACEHOLDERS>");
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();

        JsonObject registration = json.getAsJsonObject("registration");
        assertEquals(
                "0x2::nitro_attestation::load_nitro_attestation",
                registration.get("function").getAsString());
        JsonArray registrationArguments = registration.getAsJsonArray("arguments");
        assertEquals(
                "0x" + HEX.formatHex(submission.attestationDocument()),
                registrationArguments.get(0).getAsJsonObject().get("value").getAsString());
        assertEquals(
                "0x6",
                registrationArguments.get(1).getAsJsonObject().get("value").getAsString());
        assertEquals(
                HEX.formatHex(EnclaveSimulator.defaultPcr(1)),
                registration.getAsJsonObject("expectedPcrs").get("1").getAsString());
        assertEquals(
                List.of("0", "1", "2"),
                List.copyOf(registration.getAsJsonObject("expectedPcrs").keySet()));
        assertEquals(PUBLIC_KEY, registration.get("enclavePublicKey").getAsString());
        assertEquals(
                accepted.attestation().certificate().getNotAfter().toInstant().toString(),
                registration.get("registerBefore").getAsString());

        JsonObject report = json.getAsJsonObject("report");
        assertEquals(
                "<PACKAGE_ID>::media_report::submit_report",
                report.get("function").getAsString());
        JsonArray arguments = report.getAsJsonArray("arguments");
        assertEquals(2, arguments.size());
        JsonObject signed = arguments.get(0).getAsJsonObject();
        assertEquals("signed_report", signed.get("name").getAsString());
        assertEquals("vector<u8>", signed.get("type").getAsString());
        assertEquals("0x" + ReportFixtures.SAMPLE_BCS_HEX, signed.get("value").getAsString());
        assertEquals("a302" + ReportFixtures.SAMPLE_BCS_HEX, signed.get("bcs").getAsString());
        assertEquals(
                ReportFixtures.SAMPLE_TIMESTAMP_MS, report.get("timestampMs").getAsLong());
        assertEquals(SIGNATURE, report.get("signature").getAsString());
        assertEquals(ReportFixtures.SAMPLE_BCS_HEX, report.get("signedBytes").getAsString());
        assertEquals(
                List.of("enclave", "registry", "clock"),
                // StreamSupport, not asList() (Gson 2.10): the tests also run on Gson 2.9.1.
                StreamSupport.stream(report.getAsJsonArray("objects").spliterator(), false)
                        .map(o -> o.getAsJsonObject().get("name").getAsString())
                        .toList());

        JsonObject ptb = json.getAsJsonObject("ptb");
        assertEquals(
                submission.reportPtb(ReportCall.placeholders()),
                ptb.get("report").getAsString());
        assertEquals(
                submission.registrationPtb(RegistrationCall.placeholders()),
                ptb.get("registration").getAsString());
    }

    @Test
    @DisplayName("a key in the backend's registration record gets no registration command, once per identity")
    void alreadyRegistered(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        AcceptedReport accepted = accept(ReportFixtures.sample());
        SuiSubmission fresh = SuiSubmission.of(accepted, config.expectedPcrs());
        assertFalse(fresh.alreadyRegistered());
        JsonObject freshJson = JsonParser.parseString(fresh.toJson()).getAsJsonObject();
        assertFalse(freshJson
                .getAsJsonObject("registration")
                .get("alreadyRegistered")
                .getAsBoolean());
        assertTrue(freshJson.getAsJsonObject("ptb").has("registration"));

        java.nio.file.Path record = dir.resolve("registered.txt");
        RegisteredEnclaves registered = RegisteredEnclaves.record(record, accepted.publicKey());
        SuiSubmission known = SuiSubmission.of(accepted, config.expectedPcrs(), registered);
        assertTrue(known.alreadyRegistered());
        JsonObject knownJson = JsonParser.parseString(known.toJson()).getAsJsonObject();
        assertTrue(knownJson
                .getAsJsonObject("registration")
                .get("alreadyRegistered")
                .getAsBoolean());
        assertFalse(knownJson.getAsJsonObject("ptb").has("registration"), "no registration command");
        assertTrue(knownJson.getAsJsonObject("ptb").has("report"));
    }

    @Test
    @DisplayName("call targets are validated")
    void callValidation() {
        assertThrows(IllegalArgumentException.class, () -> new ReportCall("0x1; rm -rf /", "m", "f", "0x1", "0x2", 1));
        assertThrows(IllegalArgumentException.class, () -> new ReportCall("0x1", "m", "f", "0x1", "0x2", 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RegistrationCall("0x1", "media_report::MEDIA_REPORT", "0x2", 1));
        assertEquals("0xa::m::T", new RegistrationCall("0x1", "0xa::m::T", "0x2", 1).appType());
    }
}
