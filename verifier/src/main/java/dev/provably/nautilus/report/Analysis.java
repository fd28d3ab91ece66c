package dev.provably.nautilus.report;

/**
 * What the caller (the analysis backend) claims about the media. The enclave signs these values as
 * supplied; it does not measure them.
 *
 * @param detector name of the detector that produced the verdict; 1..128 bytes of UTF-8, not blank,
 *     no control characters
 * @param modelVersion version of the detector's model; same rules as {@code detector}
 * @param aiGeneratedBps the detector's AI-generation score in basis points, 0..10000 (BCS {@code u16})
 * @param verdict the caller's conclusion
 */
public record Analysis(String detector, String modelVersion, int aiGeneratedBps, Verdict verdict) {
    /** Longest {@code detector} or {@code modelVersion}, in UTF-8 bytes. */
    public static final int MAX_LABEL_BYTES = 128;

    /** Highest {@code aiGeneratedBps}: 100.00 %. */
    public static final int MAX_BPS = 10_000;

    public Analysis {
        Text.label(detector, "detector", MAX_LABEL_BYTES);
        Text.label(modelVersion, "modelVersion", MAX_LABEL_BYTES);
        if (aiGeneratedBps < 0 || aiGeneratedBps > MAX_BPS) {
            throw new IllegalArgumentException(
                    "aiGeneratedBps must be 0.." + MAX_BPS + ", got " + aiGeneratedBps);
        }
        if (verdict == null) {
            throw new IllegalArgumentException("verdict must not be null");
        }
    }
}
