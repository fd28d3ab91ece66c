package dev.provably.nautilus.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("report records validate and copy")
class ModelTest {
    private static final Analysis ANALYSIS = new Analysis("hive", "v3.1", 120, Verdict.AUTHENTIC);

    @Test
    @DisplayName("MediaReport copies the hash in and out")
    void defensiveCopies() {
        byte[] hash = new byte[32];
        MediaReport report = new MediaReport(hash, 1, "image/png", ANALYSIS);
        hash[0] = 1;
        assertEquals(0, report.mediaSha256()[0], "later changes to the caller's array do not leak in");
        report.mediaSha256()[1] = 1;
        assertEquals(0, report.mediaSha256()[1], "changes to a returned array do not leak back");
    }

    @Test
    @DisplayName("MediaReport compares hash contents, and prints the hash in hex")
    void equalsAndToString() {
        MediaReport a = new MediaReport(new byte[32], 1, "image/png", ANALYSIS);
        MediaReport b = new MediaReport(new byte[32], 1, "image/png", ANALYSIS);
        byte[] other = new byte[32];
        other[31] = 1;
        MediaReport c = new MediaReport(other, 1, "image/png", ANALYSIS);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
        assertTrue(a.toString().contains("0".repeat(64)), a.toString());
        assertEquals(new IntentMessage(0, 1, a), new IntentMessage(0, 1, b));
    }

    @Test
    @DisplayName("MediaReport rejects a hash that is null or not 32 bytes, and a length below 1")
    void mediaReportBounds() {
        assertThrows(IllegalArgumentException.class, () -> new MediaReport(null, 1, "image/png", ANALYSIS));
        assertThrows(IllegalArgumentException.class, () -> new MediaReport(new byte[31], 1, "image/png", ANALYSIS));
        assertThrows(IllegalArgumentException.class, () -> new MediaReport(new byte[33], 1, "image/png", ANALYSIS));
        assertThrows(IllegalArgumentException.class, () -> new MediaReport(new byte[32], 0, "image/png", ANALYSIS));
        assertThrows(IllegalArgumentException.class, () -> new MediaReport(new byte[32], 1, "image/png", null));
    }

    @ParameterizedTest(name = "accepts media type \"{0}\"")
    @ValueSource(strings = {"image/png", "video/mp4", "application/vnd.ms-excel", "image/svg+xml", "IMAGE/PNG"})
    void goodMediaTypes(String type) {
        assertEquals(type, new MediaReport(new byte[32], 1, type, ANALYSIS).mediaType());
    }

    @ParameterizedTest(name = "rejects media type \"{0}\"")
    @ValueSource(
            strings = {
                "",
                " ",
                "image",
                "image/",
                "/png",
                "image/png; charset=x",
                "image/png/x",
                " image/png",
                "image/pñg",
                "-image/png"
            })
    void badMediaTypes(String type) {
        assertThrows(IllegalArgumentException.class, () -> new MediaReport(new byte[32], 1, type, ANALYSIS));
    }

    @Test
    @DisplayName("a media type longer than 255 bytes is rejected")
    void longMediaType() {
        String type = "a".repeat(127) + "/" + "b".repeat(128);
        assertThrows(IllegalArgumentException.class, () -> new MediaReport(new byte[32], 1, type, ANALYSIS));
    }

    @Test
    @DisplayName("Analysis bounds its labels by UTF-8 bytes, not chars")
    void labelBytes() {
        assertEquals(128, Text.utf8(new Analysis("é".repeat(64), "v", 0, Verdict.AUTHENTIC).detector(), "d").length);
        assertThrows(
                IllegalArgumentException.class, () -> new Analysis("é".repeat(64) + "x", "v", 0, Verdict.AUTHENTIC));
        assertThrows(
                IllegalArgumentException.class, () -> new Analysis("d", "x".repeat(129), 0, Verdict.AUTHENTIC));
    }

    @ParameterizedTest(name = "rejects label \"{0}\"")
    @ValueSource(strings = {"", " ", "\t", "a\nb", "a\u0000b", "a\u007fb", "a\ud800b"})
    void badLabels(String label) {
        assertThrows(IllegalArgumentException.class, () -> new Analysis(label, "v", 0, Verdict.AUTHENTIC));
        assertThrows(IllegalArgumentException.class, () -> new Analysis("d", label, 0, Verdict.AUTHENTIC));
    }

    @Test
    @DisplayName("Analysis rejects null labels, a score outside 0..10000 and a null verdict")
    void analysisBounds() {
        assertThrows(IllegalArgumentException.class, () -> new Analysis(null, "v", 0, Verdict.AUTHENTIC));
        assertThrows(IllegalArgumentException.class, () -> new Analysis("d", null, 0, Verdict.AUTHENTIC));
        assertThrows(IllegalArgumentException.class, () -> new Analysis("d", "v", -1, Verdict.AUTHENTIC));
        assertThrows(IllegalArgumentException.class, () -> new Analysis("d", "v", 10_001, Verdict.AUTHENTIC));
        assertThrows(IllegalArgumentException.class, () -> new Analysis("d", "v", 0, null));
        assertEquals(10_000, new Analysis("d", "v", 10_000, Verdict.AUTHENTIC).aiGeneratedBps());
    }

    @Test
    @DisplayName("IntentMessage rejects an intent outside 0..255, a negative timestamp and null data")
    void intentMessageBounds() {
        MediaReport data = new MediaReport(new byte[32], 1, "image/png", ANALYSIS);
        assertThrows(IllegalArgumentException.class, () -> new IntentMessage(-1, 0, data));
        assertThrows(IllegalArgumentException.class, () -> new IntentMessage(256, 0, data));
        assertThrows(IllegalArgumentException.class, () -> new IntentMessage(0, -1, data));
        assertThrows(IllegalArgumentException.class, () -> new IntentMessage(0, 0, null));
        assertArrayEquals(new IntentMessage(255, 0, data).toBcs(), new IntentMessage(255, 0, data).toBcs());
    }
}
