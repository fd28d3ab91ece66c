package dev.provably.nautilus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    @Test
    @DisplayName("the view holds every signed field, named and nested as the enclave API documents it")
    void viewOfTheSampleReport() {
        String p = "11".repeat(32);
        String m = "22".repeat(32);
        String policy = "33".repeat(32);
        assertEquals(
                "{\"intent\":1,\"timestampMs\":1744684007462,"
                        + "\"media\":{\"sha256\":\"" + ReportFixtures.ABC_SHA256 + "\",\"length\":3,"
                        + "\"detectedType\":\"image/png\",\"declaredType\":\"image/jpeg\"},"
                        + "\"analyzers\":[{\"name\":\"provenance\",\"version\":\"1\",\"identity\":\"" + p + "\","
                        + "\"label\":\"ai-declared\"},{\"name\":\"model\",\"version\":\"demo/1\",\"identity\":\"" + m
                        + "\",\"scoreBps\":1234,\"label\":\"scored\"}],"
                        + "\"findings\":[{\"key\":\"xmp.DigitalSourceType\",\"value\":\"trainedAlgorithmicMedia\"}],"
                        + "\"verdict\":\"AI_GENERATED_DECLARED\",\"verdictCode\":1,"
                        + "\"policy\":{\"rule\":\"ai-declared\",\"identity\":\"" + policy + "\"},"
                        + "\"callerReference\":\"order-42\"}",
                ReportJson.view(ReportFixtures.sample()).toString());
    }

    @Test
    @DisplayName("each call returns a fresh object, so a caller may change its copy")
    void freshObjects() {
        IntentMessage message = ReportFixtures.sample();
        assertNotSame(ReportJson.view(message), ReportJson.view(message));
    }
}
