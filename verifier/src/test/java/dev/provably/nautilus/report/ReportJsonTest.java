package dev.provably.nautilus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    @Test
    @DisplayName("the view holds every signed field, named and nested as the enclave API documents it")
    void viewOfTheSampleReport() {
        assertEquals("{\"intent\":0,\"timestampMs\":1744684007462,"
                + "\"media\":{\"sha256\":\"" + ReportFixtures.ABC_SHA256 + "\",\"length\":3,\"type\":\"image/png\"},"
                + "\"analysis\":{\"detector\":\"hive\",\"modelVersion\":\"v3.1\",\"aiGeneratedBps\":9876,"
                + "\"verdict\":\"MANIPULATED\"}}", ReportJson.view(ReportFixtures.sample()).toString());
    }

    @Test
    @DisplayName("each call returns a fresh object, so a caller may change its copy")
    void freshObjects() {
        IntentMessage message = ReportFixtures.sample();
        assertNotSame(ReportJson.view(message), ReportJson.view(message));
    }
}
