package dev.provably.nautilus.sui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.provably.nautilus.report.Analysis;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.MediaReport;
import dev.provably.nautilus.report.ReportFixtures;
import dev.provably.nautilus.report.Verdict;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SuiSubmission")
class SuiSubmissionTest {
    private static final HexFormat HEX = HexFormat.of();

    // The sample report signed with the RFC 8032 test-1 key (EnclaveSimulator.ENCLAVE_SEED).
    // Computed independently with Python's cryptography package (OpenSSL), not with BouncyCastle.
    private static final String PUBLIC_KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String SIGNATURE =
            "830a1c3e3c458a7d73dbfdb239032d4b98f7e35c0f3a70de55d526acc2f1af85"
                    + "ca915fc07748766b0d3739204318554f45412cb68617ca89d82491938cb36306";

    private static final String SHA256_VECTOR =
            "vector[0xbau8,0x78u8,0x16u8,0xbfu8,0x8fu8,0x01u8,0xcfu8,0xeau8,0x41u8,0x41u8,0x40u8,0xdeu8,"
                    + "0x5du8,0xaeu8,0x22u8,0x23u8,0xb0u8,0x03u8,0x61u8,0xa3u8,0x96u8,0x17u8,0x7au8,0x9cu8,"
                    + "0xb4u8,0x10u8,0xffu8,0x61u8,0xf2u8,0x00u8,0x15u8,0xadu8]";
    private static final String SIGNATURE_VECTOR =
            "vector[0x83u8,0x0au8,0x1cu8,0x3eu8,0x3cu8,0x45u8,0x8au8,0x7du8,0x73u8,0xdbu8,0xfdu8,0xb2u8,"
                    + "0x39u8,0x03u8,0x2du8,0x4bu8,0x98u8,0xf7u8,0xe3u8,0x5cu8,0x0fu8,0x3au8,0x70u8,0xdeu8,"
                    + "0x55u8,0xd5u8,0x26u8,0xacu8,0xc2u8,0xf1u8,0xafu8,0x85u8,0xcau8,0x91u8,0x5fu8,0xc0u8,"
                    + "0x77u8,0x48u8,0x76u8,0x6bu8,0x0du8,0x37u8,0x39u8,0x20u8,0x43u8,0x18u8,0x55u8,0x4fu8,"
                    + "0x45u8,0x41u8,0x2cu8,0xb6u8,0x86u8,0x17u8,0xcau8,0x89u8,0xd8u8,0x24u8,0x91u8,0x93u8,"
                    + "0x8cu8,0xb3u8,0x63u8,0x06u8]";

    private final EnclaveSimulator enclave = new EnclaveSimulator();
    private final BackendConfig config = EnclaveSimulator.config().build();

    private AcceptedReport accept(IntentMessage message) throws GateRejection {
        return ReportGate.builder(config)
                .clock(new MutableClock(EnclaveSimulator.NOW))
                .build()
                .check(enclave.respond(message).json(), ExpectedRequest.of(EnclaveSimulator.NONCE, message.data().mediaSha256()));
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
    @DisplayName("lists the report call's pure arguments in Move struct order with types, values and BCS")
    void arguments() throws GateRejection {
        List<MoveArgument> expected =
                List.of(
                        // vector<u8>: ULEB128(32) = 20, then the 32 bytes
                        new MoveArgument("media_sha256", "vector<u8>", "0x" + ReportFixtures.ABC_SHA256,
                                HEX.parseHex("20" + ReportFixtures.ABC_SHA256)),
                        // u64 3, little-endian
                        new MoveArgument("media_length", "u64", "3", HEX.parseHex("0300000000000000")),
                        // String: ULEB128(9) then UTF-8 "image/png"
                        new MoveArgument("media_type", "0x1::string::String", "image/png",
                                HEX.parseHex("09696d6167652f706e67")),
                        new MoveArgument("detector", "0x1::string::String", "hive", HEX.parseHex("0468697665")),
                        new MoveArgument("model_version", "0x1::string::String", "v3.1", HEX.parseHex("0476332e31")),
                        // u16 9876 = 0x2694, little-endian
                        new MoveArgument("ai_generated_bps", "u16", "9876", HEX.parseHex("9426")),
                        // u8 MANIPULATED = 1
                        new MoveArgument("verdict", "u8", "1", HEX.parseHex("01")),
                        // u64 1744684007462 = 0x19637454026, little-endian
                        new MoveArgument("timestamp_ms", "u64", "1744684007462", HEX.parseHex("2640453796010000")),
                        // vector<u8>: ULEB128(64) = 40, then the signature
                        new MoveArgument("signature", "vector<u8>", "0x" + SIGNATURE, HEX.parseHex("40" + SIGNATURE)));
        assertEquals(expected, sample().reportArguments());
    }

    @Test
    @DisplayName("intent, timestamp and the seven field arguments concatenate to exactly the signed bytes")
    void argumentsRebuildSignedBytes() throws GateRejection {
        SuiSubmission submission = sample();
        List<MoveArgument> args = submission.reportArguments();
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        rebuilt.write(IntentMessage.MEDIA_REPORT_INTENT);
        rebuilt.writeBytes(args.get(7).bcs()); // timestamp_ms
        for (MoveArgument field : args.subList(0, 7)) {
            rebuilt.writeBytes(field.bcs());
        }
        assertArrayEquals(submission.signedBytes(), rebuilt.toByteArray());
        assertEquals(ReportFixtures.SAMPLE_BCS_HEX, HEX.formatHex(submission.signedBytes()));
    }

    @Test
    @DisplayName("renders the report PTB with placeholders, byte for byte")
    void reportPtbPlaceholders() throws GateRejection {
        String expected =
                "sui client ptb \\\n"
                        + "  --move-call '<PACKAGE_ID>::media_report::submit_report' '@<ENCLAVE_OBJECT_ID>'"
                        + " '@<REGISTRY_OBJECT_ID>' '" + SHA256_VECTOR + "' 3u64 '\"image/png\"' '\"hive\"' '\"v3.1\"'"
                        + " 9876u16 1u8 1744684007462u64 '" + SIGNATURE_VECTOR + "' @0x6 \\\n"
                        + "  --gas-budget 10000000";
        assertEquals(expected, sample().reportPtb(ReportCall.placeholders()));
    }

    @Test
    @DisplayName("renders the report PTB with real IDs, which need no shell quoting")
    void reportPtbConcrete() throws GateRejection {
        ReportCall call = new ReportCall("0xc0ffee", "media_report", "submit_report", "0x1234", "0x5678", 5_000_000);
        String expected =
                "sui client ptb \\\n"
                        + "  --move-call 0xc0ffee::media_report::submit_report @0x1234 @0x5678 '" + SHA256_VECTOR + "'"
                        + " 3u64 '\"image/png\"' '\"hive\"' '\"v3.1\"' 9876u16 1u8 1744684007462u64 '"
                        + SIGNATURE_VECTOR
                        + "' @0x6 \\\n"
                        + "  --gas-budget 5000000";
        assertEquals(expected, sample().reportPtb(call));
    }

    @Test
    @DisplayName("renders the registration PTB: load the attestation, then register it with the enclave config")
    void registrationPtb() throws GateRejection {
        SuiSubmission submission = sample();
        StringBuilder vector = new StringBuilder("vector[");
        byte[] document = submission.attestationDocument();
        for (int i = 0; i < document.length; i++) {
            vector.append(i == 0 ? "" : ",").append("0x").append(HEX.toHexDigits(document[i])).append("u8");
        }
        vector.append(']');
        String expected =
                "sui client ptb \\\n"
                        + "  --move-call 0x2::nitro_attestation::load_nitro_attestation '" + vector + "' @0x6 \\\n"
                        + "  --assign document \\\n"
                        + "  --move-call '<ENCLAVE_PACKAGE_ID>::enclave::register_enclave"
                        + "<<APP_PACKAGE_ID>::media_report::MEDIA_REPORT>'"
                        + " '@<ENCLAVE_CONFIG_ID>' document \\\n"
                        + "  --gas-budget 100000000";
        assertEquals(expected, submission.registrationPtb(RegistrationCall.placeholders()));
    }

    @Test
    @DisplayName("quotes report strings the CLI can carry, and refuses ones it cannot")
    void awkwardStrings() throws GateRejection {
        SuiSubmission quoted = SuiSubmission.of(accept(withDetector("say \"hi\"")), config.expectedPcrs());
        assertTrue(quoted.reportPtb(ReportCall.placeholders()).contains(" ''\\''say \"hi\"'\\''' "));

        SuiSubmission both = SuiSubmission.of(accept(withDetector("it's \"x\"")), config.expectedPcrs());
        assertThrows(IllegalArgumentException.class, () -> both.reportPtb(ReportCall.placeholders()));
        JsonObject ptb = JsonParser.parseString(both.toJson()).getAsJsonObject().getAsJsonObject("ptb");
        assertFalse(ptb.has("report"));
        assertTrue(ptb.get("reportUnavailable").getAsString().contains("cannot pass this string"));
    }

    private static IntentMessage withDetector(String detector) {
        IntentMessage sample = ReportFixtures.sample();
        MediaReport data = sample.data();
        return new IntentMessage(
                sample.intent(),
                sample.timestampMs(),
                new MediaReport(data.mediaSha256(), data.mediaLength(), data.mediaType(),
                        new Analysis(detector, "v3.1", 9876, Verdict.MANIPULATED)));
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
        assertEquals("0x2::nitro_attestation::load_nitro_attestation", registration.get("function").getAsString());
        JsonArray registrationArguments = registration.getAsJsonArray("arguments");
        assertEquals("0x" + HEX.formatHex(submission.attestationDocument()),
                registrationArguments.get(0).getAsJsonObject().get("value").getAsString());
        assertEquals("0x6", registrationArguments.get(1).getAsJsonObject().get("value").getAsString());
        assertEquals(HEX.formatHex(EnclaveSimulator.defaultPcr(1)),
                registration.getAsJsonObject("expectedPcrs").get("1").getAsString());
        assertEquals(List.of("0", "1", "2"), List.copyOf(registration.getAsJsonObject("expectedPcrs").keySet()));
        assertEquals(PUBLIC_KEY, registration.get("enclavePublicKey").getAsString());
        assertEquals(accepted.attestation().certificate().getNotAfter().toInstant().toString(),
                registration.get("registerBefore").getAsString());

        JsonObject report = json.getAsJsonObject("report");
        assertEquals("<PACKAGE_ID>::media_report::submit_report", report.get("function").getAsString());
        JsonArray arguments = report.getAsJsonArray("arguments");
        assertEquals(9, arguments.size());
        JsonObject bps = arguments.get(5).getAsJsonObject();
        assertEquals("ai_generated_bps", bps.get("name").getAsString());
        assertEquals("u16", bps.get("type").getAsString());
        assertEquals("9876", bps.get("value").getAsString());
        assertEquals("9426", bps.get("bcs").getAsString());
        assertEquals(ReportFixtures.SAMPLE_TIMESTAMP_MS, report.get("timestampMs").getAsLong());
        assertEquals(SIGNATURE, report.get("signature").getAsString());
        assertEquals(ReportFixtures.SAMPLE_BCS_HEX, report.get("signedBytes").getAsString());
        assertEquals(List.of("enclave", "registry", "clock"),
                // StreamSupport, not asList() (Gson 2.10): the tests also run on Gson 2.9.1.
                StreamSupport.stream(report.getAsJsonArray("objects").spliterator(), false)
                        .map(o -> o.getAsJsonObject().get("name").getAsString())
                        .toList());

        JsonObject ptb = json.getAsJsonObject("ptb");
        assertEquals(submission.reportPtb(ReportCall.placeholders()), ptb.get("report").getAsString());
        assertEquals(
                submission.registrationPtb(RegistrationCall.placeholders()), ptb.get("registration").getAsString());
    }

    @Test
    @DisplayName("call targets are validated")
    void callValidation() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReportCall("0x1; rm -rf /", "m", "f", "0x1", "0x2", 1));
        assertThrows(IllegalArgumentException.class, () -> new ReportCall("0x1", "m", "f", "0x1", "0x2", 0));
        assertThrows(IllegalArgumentException.class,
                () -> new RegistrationCall("0x1", "media_report::MEDIA_REPORT", "0x2", 1));
        assertEquals("0xa::m::T", new RegistrationCall("0x1", "0xa::m::T", "0x2", 1).appType());
    }
}
