package dev.provably.nautilus.report;

import java.util.HexFormat;

/** Fixed reports shared by the tests of the report, gate and sui packages. */
public final class ReportFixtures {
    private ReportFixtures() {}

    /** SHA-256("abc"), the FIPS 180-2 example. */
    public static final String ABC_SHA256 =
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    /** The enclave clock of the sample report: 2025-04-15T02:26:47.462Z. */
    public static final long SAMPLE_TIMESTAMP_MS = 1744684007462L;

    /**
     * The sample report, derived by hand field by field:
     *
     * <pre>
     * intent            u8          0                        00
     * timestamp_ms      u64 LE      1744684007462            26 40 45 37 96 01 00 00   (0x19637454026)
     * media_sha256      vector&lt;u8&gt; 32 bytes                 20 ba7816bf…f20015ad
     * media_length      u64 LE      3                        03 00 00 00 00 00 00 00
     * media_type        String      "image/png" (9 bytes)    09 69 6d 61 67 65 2f 70 6e 67
     * detector          String      "hive" (4 bytes)         04 68 69 76 65
     * model_version     String      "v3.1" (4 bytes)         04 76 33 2e 31
     * ai_generated_bps  u16 LE      9876 = 0x2694            94 26
     * verdict           u8          MANIPULATED (ordinal 1)  01
     * </pre>
     */
    public static final String SAMPLE_BCS_HEX =
            "00"
                    + "2640453796010000"
                    + "20"
                    + ABC_SHA256
                    + "0300000000000000"
                    + "09696d6167652f706e67"
                    + "0468697665"
                    + "0476332e31"
                    + "9426"
                    + "01";

    public static IntentMessage sample() {
        return sample(SAMPLE_TIMESTAMP_MS);
    }

    /** The sample report signed at another time. */
    public static IntentMessage sample(long timestampMs) {
        return new IntentMessage(
                IntentMessage.MEDIA_REPORT_INTENT,
                timestampMs,
                new MediaReport(
                        HexFormat.of().parseHex(ABC_SHA256),
                        3,
                        "image/png",
                        new Analysis("hive", "v3.1", 9876, Verdict.MANIPULATED)));
    }
}
