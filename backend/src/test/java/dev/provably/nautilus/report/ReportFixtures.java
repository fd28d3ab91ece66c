package dev.provably.nautilus.report;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Fixed reports shared by the tests of the report, gate and sui packages. */
public final class ReportFixtures {
    private ReportFixtures() {}

    /** SHA-256("abc"), the FIPS 180-2 example. */
    public static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    /** The enclave clock of the sample report: 2025-04-15T02:26:47.462Z. */
    public static final long SAMPLE_TIMESTAMP_MS = 1744684007462L;

    /** The sample's analyzer and policy identities: 32 bytes of 0x11, 0x22 and 0x33. */
    public static final byte[] PROVENANCE_IDENTITY = filled(0x11);

    public static final byte[] MODEL_IDENTITY = filled(0x22);
    public static final byte[] POLICY_IDENTITY = filled(0x33);

    /**
     * The sample report (v2), derived by hand field by field:
     *
     * <pre>
     * intent            u8              1                          01
     * timestamp_ms      u64 LE          1744684007462              26 40 45 37 96 01 00 00
     * media_sha256      vector&lt;u8&gt;     32 bytes                   20 ba7816bf…f20015ad
     * media_length      u64 LE          3                          03 00 00 00 00 00 00 00
     * detected_type     String          "image/png"                09 696d6167652f706e67
     * declared_type     Option&lt;String&gt;  some "image/jpeg"          01 0a 696d6167652f6a706567
     * analyzers         vector          2 elements                 02
     *   name            String          "provenance"               0a 70726f76656e616e6365
     *   version         String          "1"                        01 31
     *   identity        vector&lt;u8&gt;     32 x 11                    20 1111…11
     *   score_bps       Option&lt;u16&gt;     none                       00
     *   label           String          "ai-declared"              0b 61692d6465636c61726564
     *   name            String          "model"                    05 6d6f64656c
     *   version         String          "demo/1"                   06 64656d6f2f31
     *   identity        vector&lt;u8&gt;     32 x 22                    20 2222…22
     *   score_bps       Option&lt;u16&gt;     some 1234 = 0x04d2         01 d2 04
     *   label           String          "scored"                   06 73636f726564
     * findings          vector          1 element                  01
     *   key             String          "xmp.DigitalSourceType"    15 786d702e…7065
     *   value           String          "trainedAlgorithmicMedia"  17 747261…6961
     * verdict           u8              AI_GENERATED_DECLARED = 1  01
     * policy_rule       String          "ai-declared"              0b 61692d6465636c61726564
     * policy_identity   vector&lt;u8&gt;     32 x 33                    20 3333…33
     * caller_reference  Option&lt;String&gt;  some "order-42"            01 08 6f726465722d3432
     * </pre>
     */
    public static final String SAMPLE_BCS_HEX = "01"
            + "2640453796010000"
            + "20" + ABC_SHA256
            + "0300000000000000"
            + "09696d6167652f706e67"
            + "01" + "0a696d6167652f6a706567"
            + "02"
            + "0a70726f76656e616e6365" + "0131" + "20" + "11".repeat(32) + "00" + "0b61692d6465636c61726564"
            + "056d6f64656c" + "0664656d6f2f31" + "20" + "22".repeat(32) + "01" + "d204" + "0673636f726564"
            + "01"
            + "15786d702e4469676974616c536f7572636554797065"
            + "17747261696e6564416c676f726974686d69634d65646961"
            + "01"
            + "0b61692d6465636c61726564"
            + "20" + "33".repeat(32)
            + "01" + "086f726465722d3432";

    public static IntentMessage sample() {
        return sample(SAMPLE_TIMESTAMP_MS);
    }

    /** The sample report signed at another time. */
    public static IntentMessage sample(long timestampMs) {
        return new IntentMessage(IntentMessage.MEDIA_REPORT_INTENT, timestampMs, sampleData());
    }

    /** The sample's report fields. */
    public static MediaReport sampleData() {
        return new MediaReport(
                HexFormat.of().parseHex(ABC_SHA256),
                3,
                "image/png",
                Optional.of("image/jpeg"),
                List.of(
                        new AnalyzerReport("provenance", "1", PROVENANCE_IDENTITY, OptionalInt.empty(), "ai-declared"),
                        new AnalyzerReport("model", "demo/1", MODEL_IDENTITY, OptionalInt.of(1234), "scored")),
                List.of(new Finding("xmp.DigitalSourceType", "trainedAlgorithmicMedia")),
                Verdict.AI_GENERATED_DECLARED,
                "ai-declared",
                POLICY_IDENTITY,
                Optional.of("order-42"));
    }

    /** A report like the sample's about other media. */
    public static MediaReport aboutOtherMedia(byte[] sha256, long length) {
        MediaReport d = sampleData();
        return new MediaReport(
                sha256,
                length,
                d.detectedType(),
                d.declaredType(),
                d.analyzers(),
                d.findings(),
                d.verdict(),
                d.policyRule(),
                d.policyIdentity(),
                d.callerReference());
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
