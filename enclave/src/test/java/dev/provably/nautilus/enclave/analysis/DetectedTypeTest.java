package dev.provably.nautilus.enclave.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DetectedTypeTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("types come from the bytes' magic numbers")
    void magic() {
        assertEquals(DetectedType.JPEG, DetectedType.of(Samples.read("camera-exif.jpg")));
        assertEquals(DetectedType.PNG, DetectedType.of(Samples.read("libpng-test.png")));
        assertEquals(DetectedType.WEBP, DetectedType.of(ascii("RIFF\0\0\0\0WEBPVP8 ")));
        assertEquals(DetectedType.GIF, DetectedType.of(ascii("GIF87a")));
        assertEquals(DetectedType.GIF, DetectedType.of(ascii("GIF89a")));
    }

    @Test
    @DisplayName("anything else, including empty and too-short prefixes, is UNKNOWN")
    void unknown() {
        assertEquals(DetectedType.UNKNOWN, DetectedType.of(new byte[0]));
        assertEquals(DetectedType.UNKNOWN, DetectedType.of(new byte[] {(byte) 0xFF, (byte) 0xD8}));
        assertEquals(DetectedType.UNKNOWN, DetectedType.of(ascii("RIFF\0\0\0\0WAVE")));
        assertEquals(DetectedType.UNKNOWN, DetectedType.of(ascii("%PDF-1.7")));
        assertEquals("application/octet-stream", DetectedType.UNKNOWN.mediaType());
    }
}
