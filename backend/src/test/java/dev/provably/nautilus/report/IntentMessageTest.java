package dev.provably.nautilus.report;

import static dev.provably.nautilus.report.BcsTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("IntentMessage BCS encoding (report v2)")
class IntentMessageTest {

    private static final byte[] SAMPLE = hex(ReportFixtures.SAMPLE_BCS_HEX);

    // Offsets in SAMPLE (see ReportFixtures): each is the first byte of the field.
    private static final int HASH = 9;
    private static final int MEDIA_LENGTH = 42;
    private static final int DETECTED_TYPE = 50;
    private static final int DECLARED_TYPE = 60;
    private static final int ANALYZERS = 72;
    private static final int PROVENANCE_NAME = 73;
    private static final int MODEL_SCORE = 178;
    private static final int FINDINGS = 188;
    private static final int FINDING_VALUE = 211;
    private static final int VERDICT = 235;
    private static final int POLICY_IDENTITY = 248;
    private static final int CALLER_REFERENCE = 281;

    @Test
    @DisplayName("the sample report encodes to the hand-derived bytes")
    void encodesHandDerivedVector() {
        assertArrayEquals(SAMPLE, ReportFixtures.sample().toBcs());
        assertEquals(291, SAMPLE.length);
    }

    @Test
    @DisplayName("the hand-derived bytes decode to the sample report")
    void decodesHandDerivedVector() throws MalformedReportException {
        assertEquals(ReportFixtures.sample(), IntentMessage.fromBcs(SAMPLE));
    }

    @Test
    @DisplayName("the offsets this test patches are where the fields are")
    void offsets() {
        assertEquals(0x20, SAMPLE[HASH]);
        assertEquals(0x09, SAMPLE[DETECTED_TYPE]);
        assertEquals(0x01, SAMPLE[DECLARED_TYPE]);
        assertEquals(0x02, SAMPLE[ANALYZERS]);
        assertEquals(0x0a, SAMPLE[PROVENANCE_NAME]);
        assertEquals(0x01, SAMPLE[MODEL_SCORE]);
        assertEquals(0x01, SAMPLE[FINDINGS]);
        assertEquals(0x17, SAMPLE[FINDING_VALUE]);
        assertEquals(0x01, SAMPLE[VERDICT]);
        assertEquals(0x20, SAMPLE[POLICY_IDENTITY]);
        assertEquals(0x01, SAMPLE[CALLER_REFERENCE]);
    }

    @ParameterizedTest(name = "verdict {0} is encoded as its code")
    @EnumSource(Verdict.class)
    void verdictIsItsCode(Verdict verdict) throws MalformedReportException {
        byte[] bytes = patch(SAMPLE, VERDICT, verdict.code());
        assertEquals(verdict, IntentMessage.fromBcs(bytes).data().verdict());
    }

    @Test
    @DisplayName("the verdict codes are frozen: they are the signed format and the Move contract's")
    void verdictCodesAreFrozen() {
        assertEquals(
                List.of(
                        "UNKNOWN=0",
                        "AI_GENERATED_DECLARED=1",
                        "LIKELY_AI_GENERATED=2",
                        "CAPTURE_DECLARED=3",
                        "C2PA_INVALID=4"),
                Arrays.stream(Verdict.values())
                        .map(v -> v.name() + "=" + v.code())
                        .toList());
    }

    @Test
    @DisplayName("absent options encode as 00: no declared type, no score, no caller reference")
    void absentOptions() throws MalformedReportException {
        MediaReport d = ReportFixtures.sampleData();
        MediaReport bare = new MediaReport(
                d.mediaSha256(),
                d.mediaLength(),
                d.detectedType(),
                Optional.empty(),
                List.of(new AnalyzerReport(
                        "provenance", "1", ReportFixtures.PROVENANCE_IDENTITY, OptionalInt.empty(), "none")),
                List.of(),
                Verdict.UNKNOWN,
                "nothing-conclusive",
                d.policyIdentity(),
                Optional.empty());
        IntentMessage message = new IntentMessage(IntentMessage.MEDIA_REPORT_INTENT, 0, bare);
        byte[] bytes = message.toBcs();
        assertEquals(0, bytes[DECLARED_TYPE]);
        assertEquals(0, bytes[bytes.length - 1]);
        assertEquals(message, IntentMessage.fromBcs(bytes));
    }

    @Test
    @DisplayName("round-trips the largest report: every list full, every string at its bound")
    void roundTripsLargest() throws MalformedReportException {
        String type = "a".repeat(127) + "/" + "b".repeat(127);
        List<AnalyzerReport> analyzers = new java.util.ArrayList<>();
        for (int i = 0; i < MediaReport.MAX_ANALYZERS; i++) {
            analyzers.add(new AnalyzerReport(
                    "a" + i + "-".repeat(30),
                    "v".repeat(32),
                    new byte[32],
                    OptionalInt.of(10_000),
                    "l" + "x".repeat(31)));
        }
        List<Finding> findings = new java.util.ArrayList<>();
        for (int i = 0; i < MediaReport.MAX_FINDINGS; i++) {
            findings.add(new Finding("k".repeat(48), "\u20ac".repeat(160))); // 160 chars, 480 bytes
        }
        IntentMessage message = new IntentMessage(
                255,
                Long.MAX_VALUE,
                new MediaReport(
                        new byte[32],
                        Long.MAX_VALUE,
                        type,
                        Optional.of("c".repeat(127) + "/" + "d".repeat(127)),
                        analyzers,
                        findings,
                        Verdict.CAPTURE_DECLARED,
                        "r".repeat(32),
                        new byte[32],
                        Optional.of("z".repeat(64))));
        byte[] bytes = message.toBcs();
        assertTrue(bytes.length <= IntentMessage.MAX_BCS_LENGTH, bytes.length + " > " + IntentMessage.MAX_BCS_LENGTH);
        assertEquals(message, IntentMessage.fromBcs(bytes));
    }

    @Test
    @DisplayName("every strict prefix of a valid encoding is rejected as truncated")
    void everyPrefixRejected() {
        for (int length = 0; length < SAMPLE.length; length++) {
            byte[] prefix = Arrays.copyOf(SAMPLE, length);
            assertThrows(MalformedReportException.class, () -> IntentMessage.fromBcs(prefix), "prefix " + length);
        }
    }

    @Test
    @DisplayName("a trailing byte is rejected")
    void trailingByte() {
        byte[] longer = Arrays.copyOf(SAMPLE, SAMPLE.length + 1);
        MalformedReportException e = assertThrows(MalformedReportException.class, () -> IntentMessage.fromBcs(longer));
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
    @DisplayName("a media hash of 31 bytes, a media length of 0 and a timestamp above 2^63 - 1 are rejected")
    void fixedFields() {
        assertMalformed(patch(SAMPLE, HASH, 0x1f), "31-byte hash");
        byte[] zero = SAMPLE.clone();
        Arrays.fill(zero, MEDIA_LENGTH, MEDIA_LENGTH + 8, (byte) 0);
        assertMalformed(zero, "media_length 0");
        assertMalformed(patch(SAMPLE, MEDIA_LENGTH + 7, 0x80), "media_length >= 2^63");
        assertMalformed(patch(SAMPLE, 8, 0x80), "timestamp_ms >= 2^63");
    }

    @Test
    @DisplayName("an unknown verdict, a score above 10000 and an option tag other than 0/1 are rejected")
    void enumsAndOptions() {
        assertMalformed(patch(SAMPLE, VERDICT, 5), "verdict 5");
        assertMalformed(patch(SAMPLE, VERDICT, 0xff), "verdict 255");
        // 10001 = 0x2711 -> 11 27
        assertMalformed(patch(patch(SAMPLE, MODEL_SCORE + 1, 0x11), MODEL_SCORE + 2, 0x27), "score 10001");
        assertMalformed(patch(SAMPLE, DECLARED_TYPE, 2), "declared_type tag 2");
        assertMalformed(patch(SAMPLE, CALLER_REFERENCE, 2), "caller_reference tag 2");
    }

    @Test
    @DisplayName("lists longer than their bound, or claiming more elements than follow, are rejected")
    void listBounds() {
        assertMalformed(patch(SAMPLE, ANALYZERS, MediaReport.MAX_ANALYZERS + 1), "9 analyzers");
        assertMalformed(patch(SAMPLE, ANALYZERS, 3), "3 analyzers, 2 present");
        assertMalformed(patch(SAMPLE, FINDINGS, MediaReport.MAX_FINDINGS + 1), "17 findings");
        // a length claim of 2^32 - 1 elements allocates nothing: ff ff ff ff 0f
        byte[] huge = splice(patch(SAMPLE, FINDINGS, 0xff), FINDINGS + 1, hex("ffffff0f"));
        assertMalformed(huge, "2^32 - 1 findings");
    }

    @Test
    @DisplayName("invalid UTF-8, a bad media type, a declared type equal to the detected one, a bad name are rejected")
    void badStrings() {
        assertMalformed(patch(SAMPLE, DETECTED_TYPE + 1, 0xff), "invalid UTF-8 in detected_type");
        assertMalformed(patch(SAMPLE, DETECTED_TYPE + 6, ' '), "detected_type \"image png\"");
        assertMalformed(patch(SAMPLE, PROVENANCE_NAME + 1, 'P'), "analyzer name with a capital");
        assertMalformed(patch(SAMPLE, FINDING_VALUE + 1, 0x07), "control character in a finding");
        assertThrows(IllegalArgumentException.class, () -> {
            MediaReport d = ReportFixtures.sampleData();
            new MediaReport(
                    d.mediaSha256(),
                    d.mediaLength(),
                    "image/png",
                    Optional.of("image/png"),
                    d.analyzers(),
                    d.findings(),
                    d.verdict(),
                    d.policyRule(),
                    d.policyIdentity(),
                    d.callerReference());
        });
    }

    @Test
    @DisplayName("a non-canonical or oversized string length is rejected")
    void badLengths() {
        // "image/png" length 9 written as 89 00 (non-canonical two-byte ULEB128)
        assertMalformed(splice(patch(SAMPLE, DETECTED_TYPE, 0x89), DETECTED_TYPE + 1, new byte[] {0}), "89 00");
        // detected_type claims 256 bytes (80 02): above the 255-byte maximum
        assertMalformed(splice(patch(SAMPLE, DETECTED_TYPE, 0x80), DETECTED_TYPE + 1, new byte[] {2}), "80 02");
    }

    @Test
    @DisplayName("another intent is decoded as it is (the verifier decides which intents it accepts)")
    void otherIntentDecodes() throws MalformedReportException {
        assertEquals(7, IntentMessage.fromBcs(patch(SAMPLE, 0, 7)).intent());
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
