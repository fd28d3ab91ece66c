package dev.provably.nautilus.enclave.analysis;

import dev.provably.nautilus.report.Finding;
import dev.provably.nautilus.report.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The enclave's decision table from analyzer results to a verdict. The first rule that matches
 * decides; the findings it rests on go into the report. The policy's identity is the SHA-256 of
 * {@link #RULES}, the canonical text of this table, so a changed rule is a changed identity.
 *
 * <pre>
 * rule                 | when                                                    | verdict
 * c2pa-invalid         | c2pa label is invalid                                   | C2PA_INVALID
 * c2pa-ai-declared     | c2pa label is ai-declared                               | AI_GENERATED_DECLARED
 * ai-declared          | provenance label is ai-declared                         | AI_GENERATED_DECLARED
 * model-score          | model score &gt;= threshold (default 9000 bps)             | LIKELY_AI_GENERATED
 * c2pa-capture         | c2pa label is capture-declared                          | CAPTURE_DECLARED
 * capture-declared     | provenance label is capture-declared                    | CAPTURE_DECLARED
 * nothing-conclusive   | otherwise                                               | UNKNOWN
 * </pre>
 *
 * Credentials that fail validation outrank everything: the file was changed after it was signed, or
 * the claim was, and nothing else it says can be taken at its word (never "captured"). An AI
 * declaration outranks the model and a camera declaration: a file that says it was generated is
 * taken at its word, while a camera declaration is the easiest claim to forge; a signed (C2PA)
 * declaration of either kind is preferred to unsigned metadata.
 */
public final class VerdictPolicy {
    public static final int DEFAULT_MODEL_THRESHOLD_BPS = 9_000;

    private final int modelThresholdBps;
    private final String rules;
    private final byte[] identity;

    /** What the policy decided, by which rule, and the findings that carried it. */
    public record Decision(Verdict verdict, String rule, List<Finding> deciding) {
        public Decision {
            deciding = List.copyOf(deciding);
        }
    }

    public VerdictPolicy(int modelThresholdBps) {
        if (modelThresholdBps < 1 || modelThresholdBps > 10_000) {
            throw new IllegalArgumentException("modelThresholdBps must be 1..10000, got " + modelThresholdBps);
        }
        this.modelThresholdBps = modelThresholdBps;
        this.rules = """
                verdict-policy/2
                1 c2pa-invalid: c2pa label invalid -> C2PA_INVALID
                2 c2pa-ai-declared: c2pa label ai-declared -> AI_GENERATED_DECLARED
                3 ai-declared: provenance label ai-declared -> AI_GENERATED_DECLARED
                4 model-score: model scoreBps >= %d -> LIKELY_AI_GENERATED
                5 c2pa-capture: c2pa label capture-declared -> CAPTURE_DECLARED
                6 capture-declared: provenance label capture-declared -> CAPTURE_DECLARED
                7 nothing-conclusive: otherwise -> UNKNOWN
                """.formatted(modelThresholdBps);
        this.identity = Sha256.of(rules.getBytes(StandardCharsets.UTF_8));
    }

    public static VerdictPolicy standard() {
        return new VerdictPolicy(DEFAULT_MODEL_THRESHOLD_BPS);
    }

    /** The canonical rules text the identity is computed over. */
    public String rules() {
        return rules;
    }

    public byte[] identity() {
        return identity.clone();
    }

    /** Decides from results keyed by analyzer name; a missing analyzer simply matches no rule of its own. */
    public Decision decide(Map<String, AnalyzerResult> results) {
        AnalyzerResult provenance = results.get("provenance");
        AnalyzerResult model = results.get("model");
        AnalyzerResult c2pa = results.get("c2pa");
        if (c2pa != null && c2pa.label().equals("invalid")) {
            return new Decision(Verdict.C2PA_INVALID, "c2pa-invalid", c2pa.findings());
        }
        if (c2pa != null && c2pa.label().equals("ai-declared")) {
            return new Decision(Verdict.AI_GENERATED_DECLARED, "c2pa-ai-declared", c2pa.findings());
        }
        if (provenance != null && provenance.label().equals("ai-declared")) {
            return new Decision(
                    Verdict.AI_GENERATED_DECLARED,
                    "ai-declared",
                    provenance.findings().stream()
                            .filter(f -> f.key().equals("xmp.DigitalSourceType")
                                    || f.key().startsWith("png.text."))
                            .toList());
        }
        if (model != null && model.scoreBps().isPresent() && model.scoreBps().getAsInt() >= modelThresholdBps) {
            return new Decision(
                    Verdict.LIKELY_AI_GENERATED,
                    "model-score",
                    List.of(Finding.bounded(
                            "model.scoreBps", Integer.toString(model.scoreBps().getAsInt()))));
        }
        if (c2pa != null && c2pa.label().equals("capture-declared")) {
            return new Decision(Verdict.CAPTURE_DECLARED, "c2pa-capture", c2pa.findings());
        }
        if (provenance != null && provenance.label().equals("capture-declared")) {
            return new Decision(
                    Verdict.CAPTURE_DECLARED,
                    "capture-declared",
                    provenance.findings().stream()
                            .filter(f -> f.key().equals("xmp.DigitalSourceType")
                                    || f.key().equals("exif.Make")
                                    || f.key().equals("exif.Model"))
                            .toList());
        }
        return new Decision(Verdict.UNKNOWN, "nothing-conclusive", List.of());
    }
}
