package dev.provably.nautilus.enclave.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AnalysisTimesTest {
    @Test
    @DisplayName("p50 and p99 are nearest-rank percentiles, per analyzer name")
    void percentiles() {
        AnalysisTimes times = new AnalysisTimes();
        for (int ms = 1; ms <= 100; ms++) {
            times.record("provenance", Duration.ofMillis(ms));
        }
        times.record("model", Duration.ofMillis(30));
        assertEquals(
                List.of("model", "provenance"), List.copyOf(times.snapshot().keySet()));
        assertEquals(
                new AnalysisTimes.Summary(100, 50.0, 99.0), times.snapshot().get("provenance"));
        assertEquals(new AnalysisTimes.Summary(1, 30.0, 30.0), times.snapshot().get("model"));
    }

    @Test
    @DisplayName("only the latest window of runs counts, so memory stays bounded and figures follow the load")
    void window() {
        AnalysisTimes times = new AnalysisTimes();
        for (int i = 0; i < AnalysisTimes.WINDOW; i++) {
            times.record("a", Duration.ofSeconds(10));
        }
        for (int i = 0; i < AnalysisTimes.WINDOW; i++) {
            times.record("a", Duration.ofMillis(2));
        }
        AnalysisTimes.Summary summary = times.snapshot().get("a");
        assertEquals(2L * AnalysisTimes.WINDOW, summary.count());
        assertEquals(2.0, summary.p99Millis());
        assertTrue(times.snapshot().size() == 1);
    }
}
