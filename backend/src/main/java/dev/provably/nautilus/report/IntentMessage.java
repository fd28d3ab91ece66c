package dev.provably.nautilus.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Nautilus signing envelope: the enclave signs {@code BCS(IntentMessage)} with Ed25519, and a
 * Move contract checks the signature over the same bytes with {@code sui::ed25519::ed25519_verify},
 * then reads the fields with {@code sui::bcs}.
 *
 * <p>BCS is positional, so the field order below is the signed format (report v2). Move declaration:
 *
 * <pre>
 * struct AnalyzerReport { name: String, version: String, identity: vector&lt;u8&gt;,
 *                         score_bps: Option&lt;u16&gt;, label: String }
 * struct Finding { key: String, value: String }
 * struct MediaReport { media_sha256: vector&lt;u8&gt;, media_length: u64, detected_type: String,
 *                      declared_type: Option&lt;String&gt;, analyzers: vector&lt;AnalyzerReport&gt;,
 *                      findings: vector&lt;Finding&gt;, verdict: u8, policy_rule: String,
 *                      policy_identity: vector&lt;u8&gt;, caller_reference: Option&lt;String&gt; }
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
    /**
     * The intent scope of a media report, version 2. Intent 0 was report v1, which signed the
     * caller's analysis; its bytes do not decode as v2 and its intent is refused.
     */
    public static final int MEDIA_REPORT_INTENT = 1;

    // Every ULEB128 length below is at most 2 bytes (no bounded field is longer than 16383 bytes).
    private static final int SHA = 2 + MediaReport.SHA256_LENGTH;
    private static final int TYPE = 2 + MediaReport.MAX_MEDIA_TYPE_BYTES;
    private static final int WORD = 2 + AnalyzerReport.MAX_WORD_BYTES;
    private static final int ANALYZER = WORD + (2 + AnalyzerReport.MAX_VERSION_BYTES) + SHA + 3 + WORD;
    private static final int FINDING = (2 + Finding.MAX_KEY_BYTES) + (2 + Finding.MAX_VALUE_BYTES);

    /** Largest possible encoding, from the bounds of every field. */
    static final int MAX_BCS_LENGTH = 1
            + 8
            + SHA
            + 8
            + TYPE
            + 1
            + TYPE
            + 2
            + MediaReport.MAX_ANALYZERS * ANALYZER
            + 2
            + MediaReport.MAX_FINDINGS * FINDING
            + 1
            + WORD
            + SHA
            + 1
            + 2
            + MediaReport.MAX_REFERENCE_BYTES;

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
        BcsWriter out = new BcsWriter()
                .u8(intent)
                .u64(timestampMs)
                .bytes(data.mediaSha256())
                .u64(data.mediaLength())
                .string(data.detectedType());
        optionalString(out, data.declaredType());
        out.uleb128(data.analyzers().size());
        for (AnalyzerReport a : data.analyzers()) {
            out.string(a.name()).string(a.version()).bytes(a.identity());
            if (a.scoreBps().isPresent()) {
                out.someTag().u16(a.scoreBps().getAsInt());
            } else {
                out.none();
            }
            out.string(a.label());
        }
        out.uleb128(data.findings().size());
        for (Finding f : data.findings()) {
            out.string(f.key()).string(f.value());
        }
        out.u8(data.verdict().code()).string(data.policyRule()).bytes(data.policyIdentity());
        optionalString(out, data.callerReference());
        return out.toByteArray();
    }

    private static void optionalString(BcsWriter out, Optional<String> value) {
        if (value.isPresent()) {
            out.someTag().string(value.get());
        } else {
            out.none();
        }
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
        try {
            int intent = in.u8("intent");
            long timestampMs = in.u64("timestamp_ms");
            byte[] sha256 = in.bytes("media_sha256", MediaReport.SHA256_LENGTH);
            long mediaLength = in.u64("media_length");
            String detectedType = in.string("detected_type", MediaReport.MAX_MEDIA_TYPE_BYTES);
            Optional<String> declaredType = in.optionTag("declared_type")
                    ? Optional.of(in.string("declared_type", MediaReport.MAX_MEDIA_TYPE_BYTES))
                    : Optional.empty();
            int analyzerCount = in.length("analyzers", MediaReport.MAX_ANALYZERS);
            List<AnalyzerReport> analyzers = new ArrayList<>(analyzerCount);
            for (int i = 0; i < analyzerCount; i++) {
                String field = "analyzers[" + i + "]";
                String name = in.string(field + ".name", AnalyzerReport.MAX_WORD_BYTES);
                String version = in.string(field + ".version", AnalyzerReport.MAX_VERSION_BYTES);
                byte[] identity = in.bytes(field + ".identity", MediaReport.SHA256_LENGTH);
                OptionalInt score = in.optionTag(field + ".score_bps")
                        ? OptionalInt.of(in.u16(field + ".score_bps"))
                        : OptionalInt.empty();
                String label = in.string(field + ".label", AnalyzerReport.MAX_WORD_BYTES);
                analyzers.add(new AnalyzerReport(name, version, identity, score, label));
            }
            int findingCount = in.length("findings", MediaReport.MAX_FINDINGS);
            List<Finding> findings = new ArrayList<>(findingCount);
            for (int i = 0; i < findingCount; i++) {
                String field = "findings[" + i + "]";
                findings.add(new Finding(
                        in.string(field + ".key", Finding.MAX_KEY_BYTES),
                        in.string(field + ".value", Finding.MAX_VALUE_BYTES)));
            }
            int verdictCode = in.u8("verdict");
            Verdict verdict = Verdict.fromCode(verdictCode)
                    .orElseThrow(() -> new MalformedReportException("verdict: unknown value " + verdictCode));
            String policyRule = in.string("policy_rule", AnalyzerReport.MAX_WORD_BYTES);
            byte[] policyIdentity = in.bytes("policy_identity", MediaReport.SHA256_LENGTH);
            Optional<String> reference = in.optionTag("caller_reference")
                    ? Optional.of(in.string("caller_reference", MediaReport.MAX_REFERENCE_BYTES))
                    : Optional.empty();
            in.finish();
            return new IntentMessage(
                    intent,
                    timestampMs,
                    new MediaReport(
                            sha256,
                            mediaLength,
                            detectedType,
                            declaredType,
                            analyzers,
                            findings,
                            verdict,
                            policyRule,
                            policyIdentity,
                            reference));
        } catch (IllegalArgumentException e) {
            throw new MalformedReportException(e.getMessage());
        }
    }
}
