package dev.provably.nautilus.enclave.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMeasurementsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("PCR0 of a jar is the SHA-384 of its bytes; 16 PCRs of 48 bytes; PCR0..2 never zero")
    void jarMeasurement() throws Exception {
        Path jar = Files.write(dir.resolve("app.jar"), new byte[] {1, 2, 3});
        LocalMeasurements m = LocalMeasurements.of(jar, "runtime");
        assertArrayEquals(MessageDigest.getInstance("SHA-384").digest(new byte[] {1, 2, 3}), m.pcr(0));
        assertEquals(16, m.pcrs().size());
        m.pcrs().values().forEach(v -> assertEquals(48, v.length));
        for (int i = 0; i < 3; i++) {
            assertFalse(Arrays.equals(new byte[48], m.pcr(i)), "PCR" + i);
        }
        assertArrayEquals(new byte[48], m.pcr(3));
    }

    @Test
    @DisplayName("measurements are deterministic and follow the artifact and the runtime")
    void deterministic() throws Exception {
        Path jar = Files.write(dir.resolve("app.jar"), new byte[] {1, 2, 3});
        LocalMeasurements a = LocalMeasurements.of(jar, "runtime");
        LocalMeasurements b = LocalMeasurements.of(jar, "runtime");
        for (int i = 0; i < 16; i++) {
            assertArrayEquals(a.pcr(i), b.pcr(i));
        }
        LocalMeasurements otherRuntime = LocalMeasurements.of(jar, "other");
        assertArrayEquals(a.pcr(0), otherRuntime.pcr(0));
        assertFalse(Arrays.equals(a.pcr(1), otherRuntime.pcr(1)));
        assertFalse(Arrays.equals(a.pcr(2), otherRuntime.pcr(2)));
        Files.write(jar, new byte[] {1, 2, 4});
        LocalMeasurements changed = LocalMeasurements.of(jar, "runtime");
        assertFalse(Arrays.equals(a.pcr(0), changed.pcr(0)));
        assertFalse(Arrays.equals(a.pcr(2), changed.pcr(2)));
    }

    @Test
    @DisplayName("a class directory is measured by sorted relative path, length and content")
    void directoryMeasurement() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/a"));
        Files.write(classes.resolve("X.class"), new byte[] {9});
        Files.write(dir.resolve("classes/B.class"), new byte[] {8});
        byte[] first = LocalMeasurements.of(dir.resolve("classes"), "r").pcr(0);
        assertArrayEquals(
                first, LocalMeasurements.of(dir.resolve("classes"), "r").pcr(0));
        Files.write(classes.resolve("X.class"), new byte[] {10});
        assertFalse(Arrays.equals(
                first, LocalMeasurements.of(dir.resolve("classes"), "r").pcr(0)));
        // The running artifact (target/classes in tests) can be measured as well.
        assertEquals(48, LocalMeasurements.ofRunningArtifact().pcr(0).length);
    }
}
