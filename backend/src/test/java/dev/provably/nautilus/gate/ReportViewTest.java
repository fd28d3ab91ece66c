package dev.provably.nautilus.gate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.ReportFixtures;
import dev.provably.nautilus.report.ReportJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportViewTest {

    /** As the gate sees it: serialised by the enclave, parsed by the gate's strict reader. */
    private static JsonObject onTheWire(JsonObject view) {
        try {
            return StrictJson.parse(view.toString()).getAsJsonObject();
        } catch (StrictJson.ShapeException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("the view ReportJson renders (what the enclave sends) passes the gate's check of the same report")
    void renderedViewMatchesItsReport() {
        IntentMessage signed = ReportFixtures.sample();
        assertDoesNotThrow(() -> ReportView.check(onTheWire(ReportJson.view(signed)), signed));
    }

    @Test
    @DisplayName("the rendered view of one report fails the check against a report signed at another time")
    void renderedViewOfAnotherReportIsRefused() {
        JsonObject other = onTheWire(ReportJson.view(ReportFixtures.sample(ReportFixtures.SAMPLE_TIMESTAMP_MS + 1)));
        StrictJson.ShapeException e =
                assertThrows(StrictJson.ShapeException.class, () -> ReportView.check(other, ReportFixtures.sample()));
        assertEquals("report.timestampMs 1744684007463 differs from the signed 1744684007462", e.getMessage());
    }
}
