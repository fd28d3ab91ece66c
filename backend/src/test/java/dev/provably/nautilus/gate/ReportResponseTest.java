package dev.provably.nautilus.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.ReportFixtures;
import dev.provably.nautilus.report.ReportJson;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ReportResponse: the enclave's report answer, written and read by one codec")
class ReportResponseTest {
    private static final byte[] SIGNATURE = filled(64, 5);
    private static final byte[] PUBLIC_KEY = filled(32, 6);
    private static final byte[] ATTESTATION = filled(100, 7);

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static IntentMessage message() throws Exception {
        return IntentMessage.fromBcs(HexFormat.of().parseHex(ReportFixtures.SAMPLE_BCS_HEX));
    }

    @Test
    @DisplayName("what of(...).toJson() writes, parse reads back part for part; members in the documented order")
    void roundTrip() throws Exception {
        IntentMessage message = message();
        byte[] bcs = message.toBcs();
        byte[] nonce = {1, 2, 3};
        String json = ReportResponse.of(message, bcs, SIGNATURE, PUBLIC_KEY, ATTESTATION, nonce)
                .toJson();
        JsonObject tree = JsonParser.parseString(json).getAsJsonObject();
        assertEquals(
                List.of("report", "reportBcs", "signature", "publicKey", "attestation", "nonce"),
                List.copyOf(tree.keySet()));
        assertEquals(ReportJson.view(message), tree.get("report"));

        ReportResponse read = ReportResponse.parse(json);
        assertArrayEquals(bcs, read.reportBcs());
        assertArrayEquals(SIGNATURE, read.signature());
        assertArrayEquals(PUBLIC_KEY, read.publicKey());
        assertArrayEquals(ATTESTATION, read.attestation());
        assertArrayEquals(nonce, read.nonce().orElseThrow());
        assertEquals(ReportJson.view(message), read.view());
        assertEquals(json, read.toJson());
    }

    @Test
    @DisplayName("no nonce is written as \"nonce\": null and read back as absent")
    void noNonce() throws Exception {
        IntentMessage message = message();
        String json = ReportResponse.of(message, message.toBcs(), SIGNATURE, PUBLIC_KEY, ATTESTATION, null)
                .toJson();
        assertTrue(JsonParser.parseString(json).getAsJsonObject().get("nonce").isJsonNull(), json);
        assertTrue(ReportResponse.parse(json).nonce().isEmpty());
    }

    @Test
    @DisplayName("withReport replaces the view and the signed bytes, and keeps signature, key, attestation and nonce")
    void withReport() throws Exception {
        IntentMessage message = message();
        ReportResponse original =
                ReportResponse.of(message, message.toBcs(), SIGNATURE, PUBLIC_KEY, ATTESTATION, new byte[] {9});
        byte[] other = filled(10, 1);
        ReportResponse changed =
                ReportResponse.parse(original.withReport(message, other).toJson());
        assertArrayEquals(other, changed.reportBcs());
        assertArrayEquals(SIGNATURE, changed.signature());
        assertArrayEquals(PUBLIC_KEY, changed.publicKey());
        assertArrayEquals(ATTESTATION, changed.attestation());
        assertArrayEquals(new byte[] {9}, changed.nonce().orElseThrow());
    }

    @Test
    @DisplayName("the writer refuses what the reader would: a short signature or key, empty bytes")
    void writerRefusesWhatReaderRefuses() throws Exception {
        IntentMessage message = message();
        byte[] bcs = message.toBcs();
        assertThrows(
                IllegalArgumentException.class,
                () -> ReportResponse.of(message, bcs, new byte[63], PUBLIC_KEY, ATTESTATION, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> ReportResponse.of(message, bcs, SIGNATURE, new byte[31], ATTESTATION, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> ReportResponse.of(message, new byte[0], SIGNATURE, PUBLIC_KEY, ATTESTATION, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> ReportResponse.of(message, bcs, SIGNATURE, PUBLIC_KEY, new byte[0], null));
    }

    @Test
    @DisplayName("the reader refuses a missing, extra or ill-formed member as MALFORMED_RESPONSE, naming it")
    void readerRefuses() throws Exception {
        IntentMessage message = message();
        JsonObject good = ReportResponse.of(message, message.toBcs(), SIGNATURE, PUBLIC_KEY, ATTESTATION, null)
                .toJsonTree();
        JsonObject missing = good.deepCopy();
        missing.remove("signature");
        JsonObject extra = good.deepCopy();
        extra.addProperty("verdict", "CAPTURE_DECLARED");
        JsonObject badHex = good.deepCopy();
        badHex.addProperty("publicKey", "zz");
        JsonObject badBase64 = good.deepCopy();
        badBase64.addProperty("attestation", "not base64!");
        for (JsonObject bad : List.of(missing, extra, badHex, badBase64)) {
            GateRejection e = assertThrows(GateRejection.class, () -> ReportResponse.parse(bad.toString()));
            assertEquals(GateReason.MALFORMED_RESPONSE, e.reason(), e.getMessage());
        }
        GateRejection e = assertThrows(GateRejection.class, () -> ReportResponse.parse(badHex.toString()));
        assertTrue(e.getMessage().contains("publicKey"), e.getMessage());
    }
}
