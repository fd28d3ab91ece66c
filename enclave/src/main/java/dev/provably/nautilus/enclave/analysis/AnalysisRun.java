package dev.provably.nautilus.enclave.analysis;

import dev.provably.nautilus.gate.ExpectedAnalysis;
import dev.provably.nautilus.report.AnalyzerReport;
import dev.provably.nautilus.report.Finding;
import dev.provably.nautilus.report.MediaReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the image's fixed analyzers over one medium and applies the verdict policy. Thread-safe:
 * holds only the analyzers and the policy.
 */
public final class AnalysisRun {
    /** One analyzer's result, with the analyzer that produced it and how long it took (for /health percentiles). */
    public record Outcome(Analyzer analyzer, AnalyzerResult result, long nanos) {}

    /** Everything the enclave computed about one medium. */
    public record Analysis(
            DetectedType detectedType, List<Outcome> outcomes, VerdictPolicy.Decision decision, byte[] policyIdentity) {
        public Analysis {
            outcomes = List.copyOf(outcomes);
            policyIdentity = policyIdentity.clone();
        }

        /**
         * The signed report's fields: what was measured ({@code mediaSha256}, {@code mediaLength}) and
         * computed here, the caller's declared type only if it differs from the detected one, and the
         * caller's opaque reference. Nothing else from the caller.
         */
        public MediaReport toReport(
                byte[] mediaSha256, long mediaLength, Optional<String> declaredType, Optional<String> callerReference) {
            String detected = detectedType.mediaType();
            List<AnalyzerReport> analyzers = outcomes.stream()
                    .map(o -> new AnalyzerReport(
                            o.analyzer().name(),
                            o.analyzer().version(),
                            o.analyzer().identity(),
                            o.result().scoreBps(),
                            o.result().label()))
                    .toList();
            List<Finding> deciding = decision.deciding();
            return new MediaReport(
                    mediaSha256,
                    mediaLength,
                    detected,
                    declaredType.filter(t -> !t.equals(detected)),
                    analyzers,
                    deciding.subList(0, Math.min(deciding.size(), MediaReport.MAX_FINDINGS)),
                    decision.verdict(),
                    decision.rule(),
                    policyIdentity,
                    callerReference);
        }
    }

    private final List<Analyzer> analyzers;
    private final VerdictPolicy policy;

    /** What the image ships: {@code provenance}, {@code c2pa}, then {@code model} with the bundled model, and the standard policy. */
    public static AnalysisRun shipped() throws ai.onnxruntime.OrtException {
        return new AnalysisRun(
                List.of(
                        new ProvenanceAnalyzer(),
                        C2paAnalyzer.bundled(),
                        dev.provably.nautilus.enclave.analysis.model.ModelAnalyzer.bundledDemo()),
                VerdictPolicy.standard());
    }

    /**
     * What a backend pins for {@link #shipped()}, computed from the same artifacts without starting
     * the model's ONNX Runtime session (for clients that write a backend config, not analyse).
     */
    public static ExpectedAnalysis shippedIdentities() {
        Map<String, byte[]> identities = new LinkedHashMap<>();
        identities.put("provenance", new ProvenanceAnalyzer().identity());
        identities.put("c2pa", C2paAnalyzer.bundled().identity());
        identities.put("model", dev.provably.nautilus.enclave.analysis.model.ModelAnalyzer.bundledDemoIdentity());
        return ExpectedAnalysis.of(VerdictPolicy.standard().identity(), identities);
    }

    public AnalysisRun(List<Analyzer> analyzers, VerdictPolicy policy) {
        this.analyzers = List.copyOf(analyzers);
        this.policy = policy;
        if (analyzers.stream().map(Analyzer::name).distinct().count() != analyzers.size()) {
            throw new IllegalArgumentException("analyzer names must be unique");
        }
    }

    public List<Analyzer> analyzers() {
        return analyzers;
    }

    public VerdictPolicy policy() {
        return policy;
    }

    /** What a backend should pin for this image: the policy's and each analyzer's identity. */
    public ExpectedAnalysis expectedAnalysis() {
        Map<String, byte[]> identities = new LinkedHashMap<>();
        analyzers.forEach(a -> identities.put(a.name(), a.identity()));
        return ExpectedAnalysis.of(policy.identity(), identities);
    }

    public Analysis analyze(byte[] media) {
        DetectedType type = DetectedType.of(media);
        Map<String, AnalyzerResult> byName = new LinkedHashMap<>();
        List<Outcome> outcomes = new java.util.ArrayList<>();
        for (Analyzer analyzer : analyzers) {
            long start = System.nanoTime();
            AnalyzerResult result = analyzer.analyze(media, type);
            byName.put(analyzer.name(), result);
            outcomes.add(new Outcome(analyzer, result, System.nanoTime() - start));
        }
        return new Analysis(type, outcomes, policy.decide(byName), policy.identity());
    }
}
