package dev.provably.nautilus.enclave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    @TempDir
    Path dir;

    private Path sample(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/dev/provably/nautilus/enclave/analysis/" + name)) {
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    @Test
    @DisplayName("analyze prints the identities, each file's verdict and the findings that decided it")
    void prints() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(
                new String[] {
                    "analyze",
                    sample("sd-webui-parameters.png").toString(),
                    sample("camera-exif.jpg").toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(
                text.matches(
                        "(?s)policy [0-9a-f]{64}\nanalyzer provenance 1 [0-9a-f]{64}\nanalyzer c2pa 1 [0-9a-f]{64}\nanalyzer model demo/1 [0-9a-f]{64}\n.*"),
                text);
        assertTrue(
                text.contains("sd-webui-parameters.png: AI_GENERATED_DECLARED (rule ai-declared; detected image/png"),
                text);
        assertTrue(text.contains("  decided by png.text.parameters = "), text);
        assertTrue(text.contains("camera-exif.jpg: CAPTURE_DECLARED"), text);
        assertTrue(text.contains("  decided by exif.Make = NIKON CORPORATION"), text);
    }

    @Test
    @DisplayName("analyze without files, or with a missing file, is a usage error")
    void usage() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        assertEquals(2, Main.run(new String[] {"analyze"}, ps, ps));
        assertEquals(
                2, Main.run(new String[] {"analyze", dir.resolve("missing.jpg").toString()}, ps, ps));
    }
}
