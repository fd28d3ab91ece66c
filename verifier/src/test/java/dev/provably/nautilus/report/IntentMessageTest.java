package dev.provably.nautilus.report;

import static dev.provably.nautilus.report.BcsTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("IntentMessage BCS encoding")
class IntentMessageTest {

    private static final byte[] SAMPLE = hex(ReportFixtures.SAMPLE_BCS_HEX);

    @Test
    @DisplayName("the sample report encodes to the hand-derived bytes")
    void encodesHandDerivedVector() {
        assertArrayEquals(SAMPLE, ReportFixtures.sample().toBcs());
    }

    @Test
    @DisplayName("the hand-derived bytes decode to the sample report")
    void decodesHandDerivedVector() throws MalformedReportException {
        assertEquals(ReportFixtures.sample(), IntentMessage.fromBcs(SAMPLE));
    }

    @ParameterizedTest(name = "verdict {0} is encoded as its ordinal")
    @EnumSource(Verdict.class)
    void verdictIsOrdinal(Verdict verdict) throws MalformedReportException {
        IntentMessage message = withAnalysis(new Analysis("hive", "v3.1", 0, verdict));
        byte[] bytes = message.toBcs();
        assertEquals(verdict.ordinal(), bytes[bytes.length - 1]);
        assertEquals(message, IntentMessage.fromBcs(bytes));
    }

    @Test
    @DisplayName("the verdict ordinals are frozen: reordering the enum would change signed bytes")
    void verdictOrderIsFrozen() {
        assertEquals(
                "[AUTHENTIC, MANIPULATED, AI_GENERATED, INCONCLUSIVE]", Arrays.toString(Verdict.values()));
    }

    @Test
    @DisplayName("round-trips the largest report: 255-byte media type, 128-byte labels, extreme numbers")
    void roundTripsLargest() throws MalformedReportException {
        String type = "a".repeat(127) + "/" + "b".repeat(127);
        String label = "é".repeat(64); // 64 chars, 128 bytes
        IntentMessage message =
                new IntentMessage(
                        255,
                        Long.MAX_VALUE,
                        new MediaReport(
                                new byte[32],
                                Long.MAX_VALUE,
                                type,
                                new Analysis(label, label, 10_000, Verdict.INCONCLUSIVE)));
        byte[] bytes = message.toBcs();
        assertEquals(IntentMessage.MAX_BCS_LENGTH, bytes.length);
        // media_type length 255 = ULEB128 ff 01; label length 128 = 80 01
        int typeAt = 1 + 8 + 33 + 8;
        assertArrayEquals(hex("ff01"), Arrays.copyOfRange(bytes, typeAt, typeAt + 2));
        assertArrayEquals(hex("8001"), Arrays.copyOfRange(bytes, typeAt + 257, typeAt + 259));
        assertEquals(message, IntentMessage.fromBcs(bytes));
    }

    @Test
    @DisplayName("every strict prefix of a valid encoding is rejected as truncated")
    void everyPrefixRejected() {
        for (int length = 0; length < SAMPLE.length; length++) {
            byte[] prefix = Arrays.copyOf(SAMPLE, length);
            assertThrows(
                    MalformedReportException.class, () -> IntentMessage.fromBcs(prefix), "prefix " + length);
        }
    }

    @Test
    @DisplayName("a trailing byte is rejected")
    void trailingByte() {
        byte[] longer = Arrays.copyOf(SAMPLE, SAMPLE.length + 1);
        MalformedReportException e =
                assertThrows(MalformedReportException.class, () -> IntentMessage.fromBcs(longer));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    @DisplayName("null and oversized inputs are rejected")
    void nullAndOversized() {
        assertThrows(MalformedReportException.class, () -> IntentMessage.fromBcs(null));
        byte[] huge = new byte[IntentMessage.MAX_BCS_LENGTH + 1];
        assertThrows(MalformedReportException.class, () -> IntentMessage.fromBcs(huge));
    }

    @Test
    @DisplayName("a media hash of 31 or 33 bytes is rejected")
    void hashLength() {
        // byte 9 is the hash's length prefix (0x20)
        assertMalformed(patch(SAMPLE, 9, 0x1f), "31-byte hash");
        byte[] longer = splice(SAMPLE, 10, new byte[] {0});
        longer[9] = 0x21;
        assertMalformed(longer, "33-byte hash");
    }

    @Test
    @DisplayName("a media length of 0 or above 2^63 - 1 is rejected")
    void mediaLengthBounds() {
        int at = 1 + 8 + 33;
        byte[] zero = SAMPLE.clone();
        Arrays.fill(zero, at, at + 8, (byte) 0);
        assertMalformed(zero, "media_length 0");
        assertMalformed(patch(SAMPLE, at + 7, 0x80), "media_length >= 2^63");
    }

    @Test
    @DisplayName("a timestamp above 2^63 - 1 is rejected")
    void timestampBounds() {
        assertMalformed(patch(SAMPLE, 8, 0x80), "timestamp_ms >= 2^63");
    }

    @Test
    @DisplayName("a verdict outside the enum, and a score above 10000, are rejected")
    void verdictAndScore() {
        assertMalformed(patch(SAMPLE, SAMPLE.length - 1, 4), "verdict 4");
        assertMalformed(patch(SAMPLE, SAMPLE.length - 1, 0xff), "verdict 255");
        // 10001 = 0x2711 -> 11 27
        byte[] bps = patch(patch(SAMPLE, SAMPLE.length - 3, 0x11), SAMPLE.length - 2, 0x27);
        assertMalformed(bps, "ai_generated_bps 10001");
    }

    @Test
    @DisplayName("invalid UTF-8, a bad media type and a blank label are rejected")
    void badStrings() {
        int typeAt = 1 + 8 + 33 + 8; // length byte of media_type, then "image/png"
        assertMalformed(patch(SAMPLE, typeAt + 1, 0xff), "invalid UTF-8 in media_type");
        assertMalformed(patch(SAMPLE, typeAt + 6, ' '), "media_type \"image png\"");
        int detectorAt = typeAt + 10; // 04 "hive"
        byte[] blank = SAMPLE.clone();
        Arrays.fill(blank, detectorAt + 1, detectorAt + 5, (byte) ' ');
        assertMalformed(blank, "blank detector");
        assertMalformed(patch(SAMPLE, detectorAt + 1, 0x07), "control character in detector");
    }

    @Test
    @DisplayName("a non-canonical or oversized string length is rejected")
    void badLengths() {
        int typeAt = 1 + 8 + 33 + 8;
        // "image/png" length 9 written as 89 00 (non-canonical two-byte ULEB128)
        assertMalformed(splice(patch(SAMPLE, typeAt, 0x89), typeAt + 1, new byte[] {0}), "89 00");
        // media_type claims 256 bytes (80 02): above the 255-byte maximum, and beyond what is left
        assertMalformed(splice(patch(SAMPLE, typeAt, 0x80), typeAt + 1, new byte[] {2}), "80 02");
        int detectorAt = typeAt + 10;
        // detector claims 129 bytes: above the 128-byte maximum
        assertMalformed(splice(patch(SAMPLE, detectorAt, 0x81), detectorAt + 1, new byte[] {1}), "81 01");
    }

    @Test
    @DisplayName("a non-zero intent is decoded as it is (the verifier decides which intents it accepts)")
    void otherIntentDecodes() throws MalformedReportException {
        assertEquals(7, IntentMessage.fromBcs(patch(SAMPLE, 0, 7)).intent());
    }

    private static IntentMessage withAnalysis(Analysis analysis) {
        IntentMessage sample = ReportFixtures.sample();
        MediaReport data = sample.data();
        return new IntentMessage(
                sample.intent(),
                sample.timestampMs(),
                new MediaReport(data.mediaSha256(), data.mediaLength(), data.mediaType(), analysis));
    }

    private static void assertMalformed(byte[] bytes, String what) {
        assertThrows(
                MalformedReportException.class,
                () -> IntentMessage.fromBcs(bytes),
                what + ": " + HexFormat.of().formatHex(bytes));
    }

    private static byte[] patch(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static byte[] splice(byte[] bytes, int at, byte[] inserted) {
        byte[] out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
        return out;
    }
}
