package dev.provably.nautilus.enclave.analysis;

import dev.provably.nautilus.report.Finding;
import java.util.List;
import java.util.OptionalInt;

/**
 * What one analyzer concluded about one medium.
 *
 * @param scoreBps the AI-generated probability in basis points (0..10000), if the analyzer scores;
 *     the provenance analyzer reads declarations and does not score
 * @param label a short fixed word for the outcome (e.g. {@code ai-declared}, {@code unsupported})
 * @param findings at most {@value #MAX_FINDINGS} findings, in the analyzer's order
 */
public record AnalyzerResult(OptionalInt scoreBps, String label, List<Finding> findings) {
    public static final int MAX_FINDINGS = 16;

    public AnalyzerResult {
        if (scoreBps == null) {
            throw new IllegalArgumentException("scoreBps must not be null (use OptionalInt.empty())");
        }
        if (scoreBps.isPresent() && (scoreBps.getAsInt() < 0 || scoreBps.getAsInt() > 10_000)) {
            throw new IllegalArgumentException("scoreBps must be 0..10000, got " + scoreBps.getAsInt());
        }
        if (label == null || !label.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("label must be 1..32 of [a-z0-9-], got " + label);
        }
        findings = List.copyOf(findings.size() > MAX_FINDINGS ? findings.subList(0, MAX_FINDINGS) : findings);
    }

    /** The first finding with this key, if any. */
    public java.util.Optional<Finding> finding(String key) {
        return findings.stream().filter(f -> f.key().equals(key)).findFirst();
    }
}
