package dev.provably.nautilus.report;

/**
 * The Nautilus signing envelope: the enclave signs {@code BCS(IntentMessage)} with Ed25519, and a
 * Move contract rebuilds the same struct to check it with {@code sui::ed25519::ed25519_verify}.
 *
 * <p>BCS is positional, so the field order below is the signed format. Move declaration:
 *
 * <pre>
 * struct MediaReport { media_sha256: vector&lt;u8&gt;, media_length: u64, media_type: String,
 *                      detector: String, model_version: String, ai_generated_bps: u16, verdict: u8 }
 * struct IntentMessage&lt;T&gt; { intent: u8, timestamp_ms: u64, data: T }
 * </pre>
 *
 * @param intent the intent scope, 0..255 (BCS {@code u8}); media reports use {@link
 *     #MEDIA_REPORT_INTENT}
 * @param timestampMs the enclave's clock at signing, in milliseconds since the Unix epoch (BCS
 *     {@code u64}); not negative
 * @param data the report
 */
public record IntentMessage(int intent, long timestampMs, MediaReport data) {
    /** The intent scope of a media report. */
    public static final int MEDIA_REPORT_INTENT = 0;

    /**
     * Largest possible encoding: intent, timestamp, the hash with its length byte, the media length,
     * three strings with two-byte ULEB128 lengths, the score and the verdict.
     */
    static final int MAX_BCS_LENGTH =
            1 + 8 + (1 + MediaReport.SHA256_LENGTH) + 8
                    + (2 + MediaReport.MAX_MEDIA_TYPE_BYTES)
                    + 2 * (2 + Analysis.MAX_LABEL_BYTES)
                    + 2 + 1;

    public IntentMessage {
        if (intent < 0 || intent > 0xFF) {
            throw new IllegalArgumentException("intent must be 0..255, got " + intent);
        }
        if (timestampMs < 0) {
            throw new IllegalArgumentException("timestampMs must not be negative, got " + timestampMs);
        }
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
    }

    /** The exact bytes the enclave signs: {@code BCS(IntentMessage<MediaReport>)}. */
    public byte[] toBcs() {
        Analysis analysis = data.analysis();
        return new BcsWriter()
                .u8(intent)
                .u64(timestampMs)
                .bytes(data.mediaSha256())
                .u64(data.mediaLength())
                .string(data.mediaType())
                .string(analysis.detector())
                .string(analysis.modelVersion())
                .u16(analysis.aiGeneratedBps())
                .u8(analysis.verdict().ordinal())
                .toByteArray();
    }

    /**
     * Decodes the exact BCS encoding of an intent message: every field canonical and within its
     * bounds, every value valid for the records, and no trailing bytes.
     *
     * @throws MalformedReportException if the bytes are anything else
     */
    public static IntentMessage fromBcs(byte[] bytes) throws MalformedReportException {
        if (bytes == null) {
            throw new MalformedReportException("report bytes are null");
        }
        if (bytes.length > MAX_BCS_LENGTH) {
            throw new MalformedReportException(
                    "report is " + bytes.length + " bytes, longer than the maximum " + MAX_BCS_LENGTH);
        }
        BcsReader in = new BcsReader(bytes);
        int intent = in.u8("intent");
        long timestampMs = in.u64("timestamp_ms");
        byte[] sha256 = in.bytes("media_sha256", MediaReport.SHA256_LENGTH);
        long mediaLength = in.u64("media_length");
        String mediaType = in.string("media_type", MediaReport.MAX_MEDIA_TYPE_BYTES);
        String detector = in.string("detector", Analysis.MAX_LABEL_BYTES);
        String modelVersion = in.string("model_version", Analysis.MAX_LABEL_BYTES);
        int bps = in.u16("ai_generated_bps");
        int verdictOrdinal = in.u8("verdict");
        in.finish();

        Verdict[] verdicts = Verdict.values();
        if (verdictOrdinal >= verdicts.length) {
            throw new MalformedReportException("verdict: unknown value " + verdictOrdinal);
        }
        try {
            Analysis analysis = new Analysis(detector, modelVersion, bps, verdicts[verdictOrdinal]);
            return new IntentMessage(
                    intent, timestampMs, new MediaReport(sha256, mediaLength, mediaType, analysis));
        } catch (IllegalArgumentException e) {
            throw new MalformedReportException(e.getMessage());
        }
    }
}
