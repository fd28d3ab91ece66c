package dev.provably.nautilus.enclave.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.report.Finding;
import dev.provably.nautilus.report.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerdictPolicyTest {
    private final VerdictPolicy policy = VerdictPolicy.standard();

    private static AnalyzerResult provenance(String label, Finding... findings) {
        return new AnalyzerResult(OptionalInt.empty(), label, List.of(findings));
    }

    private static AnalyzerResult model(int bps) {
        return new AnalyzerResult(OptionalInt.of(bps), "scored", List.of());
    }

    @ParameterizedTest(name = "provenance {0}, model {1} bps -> {2}")
    @DisplayName("the decision table, row by row")
    @CsvSource({
        "ai-declared,      0,     AI_GENERATED_DECLARED",
        "ai-declared,      9999,  AI_GENERATED_DECLARED",
        "capture-declared, 9000,  LIKELY_AI_GENERATED",
        "no-provenance,    9000,  LIKELY_AI_GENERATED",
        "no-provenance,    8999,  UNKNOWN",
        "capture-declared, 8999,  CAPTURE_DECLARED",
        "unreadable,       100,   UNKNOWN",
        "unsupported,      0,     UNKNOWN",
    })
    void table(String provenanceLabel, int modelBps, Verdict expected) {
        VerdictPolicy.Decision decision =
                policy.decide(Map.of("provenance", provenance(provenanceLabel), "model", model(modelBps)));
        assertEquals(expected, decision.verdict());
    }

    @Test
    @DisplayName("a declared AI verdict carries the declaration, not unrelated findings")
    void decidingFindings() {
        Finding dst =
                Finding.bounded("xmp.DigitalSourceType", ProvenanceAnalyzer.DST_PREFIX + "trainedAlgorithmicMedia");
        Finding tool = Finding.bounded("xmp.CreatorTool", "Example");
        VerdictPolicy.Decision decision = policy.decide(Map.of("provenance", provenance("ai-declared", dst, tool)));
        assertEquals(List.of(dst), decision.deciding());
        assertEquals("ai-declared", decision.rule());
    }

    @Test
    @DisplayName("a model score decides only with a score: an unscored model result is not conclusive")
    void unscoredModel() {
        VerdictPolicy.Decision decision =
                policy.decide(Map.of("model", new AnalyzerResult(OptionalInt.empty(), "unreadable", List.of())));
        assertEquals(Verdict.UNKNOWN, decision.verdict());
    }

    @Test
    @DisplayName("the identity is over the rules text, so another threshold is another policy")
    void identity() {
        assertEquals(32, policy.identity().length);
        assertTrue(Arrays.equals(policy.identity(), VerdictPolicy.standard().identity()));
        assertFalse(Arrays.equals(policy.identity(), new VerdictPolicy(8000).identity()));
        assertTrue(policy.rules().contains(">= 9000"));
    }
}
