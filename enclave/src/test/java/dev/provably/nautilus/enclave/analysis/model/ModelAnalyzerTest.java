package dev.provably.nautilus.enclave.analysis.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.enclave.analysis.AnalyzerResult;
import dev.provably.nautilus.enclave.analysis.DetectedType;
import dev.provably.nautilus.enclave.analysis.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ModelAnalyzerTest {
    private static ModelAnalyzer analyzer;

    @BeforeAll
    static void load() throws Exception {
        analyzer = ModelAnalyzer.bundledDemo();
    }

    @AfterAll
    static void close() throws Exception {
        analyzer.close();
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private AnalyzerResult analyze(byte[] media) {
        return analyzer.analyze(media, DetectedType.of(media));
    }

    @Test
    @DisplayName("the committed demo.onnx is exactly what DemoModel writes (deterministic, reviewable)")
    void committedModelIsGenerated() {
        assertArrayEquals(DemoModel.bytes(), ModelAnalyzer.resource("demo.onnx"));
    }

    @Test
    @DisplayName("ONNX Runtime computes the demo graph: sigmoid(0.1 * (mean R - mean B))")
    void demoGraph() throws Exception {
        double red = 1 / (1 + Math.exp(-0.1));
        double blue = 1 / (1 + Math.exp(0.1));
        assertEquals(
                Math.round(red * 10_000),
                analyze(png(solid(64, 48, 0xFF0000))).scoreBps().getAsInt());
        assertEquals(
                Math.round(blue * 10_000),
                analyze(png(solid(64, 48, 0x0000FF))).scoreBps().getAsInt());
        assertEquals(5000, analyze(png(solid(10, 10, 0x808080))).scoreBps().getAsInt());
    }

    @Test
    @DisplayName("the demo model can never reach the policy threshold, and says it is a demo")
    void demoIsNoDetector() throws Exception {
        AnalyzerResult result = analyze(png(solid(8, 8, 0xFF00FF)));
        assertTrue(result.scoreBps().getAsInt() <= 5250 && result.scoreBps().getAsInt() >= 4750);
        assertTrue(result.finding("model.demo").orElseThrow().value().contains("not an AI detector"));
        assertEquals("demo/1", analyzer.version());
    }

    @Test
    @DisplayName("the identity is SHA-256(SHA-256(model) || SHA-256(manifest))")
    void identity() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] model = sha.digest(ModelAnalyzer.resource("demo.onnx"));
        byte[] manifest = sha.digest(ModelAnalyzer.resource("manifest.json"));
        sha.update(model);
        sha.update(manifest);
        assertArrayEquals(sha.digest(), analyzer.identity());
    }

    @Test
    @DisplayName("a manifest naming an input the model lacks is refused at start-up")
    void manifestMismatch() {
        byte[] manifest = new String(ModelAnalyzer.resource("manifest.json"), StandardCharsets.UTF_8)
                .replace("\"input\": \"image\"", "\"input\": \"pixels\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(
                IllegalArgumentException.class,
                () -> new ModelAnalyzer(DemoModel.bytes(), manifest, ModelAnalyzer.DEFAULT_MAX_PIXELS));
        assertThrows(
                IllegalArgumentException.class,
                () -> ModelManifest.parse("{\"name\": 1}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName(
            "bombs, truncations and unsupported formats are labelled results, and a good image still scores after each")
    void badInputs() throws Exception {
        byte[] good = png(solid(16, 16, 0x808080));
        byte[] truncated = Arrays.copyOf(png(solid(300, 200, 0x123456)), 60);
        byte[][] bad = {
            TestImages.pngHeader(100_000, 100_000),
            TestImages.jpegHeader(65_000, 65_000),
            truncated,
            "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1),
            new byte[0],
            "not an image".getBytes(StandardCharsets.US_ASCII),
        };
        String[] labels = {"too-large", "too-large", "unreadable", "unsupported", "unsupported", "unsupported"};
        for (int i = 0; i < bad.length; i++) {
            AnalyzerResult result = analyze(bad[i]);
            assertEquals(labels[i], result.label(), "input " + i + ": " + result.findings());
            assertTrue(result.scoreBps().isEmpty());
            assertEquals(5000, analyze(good).scoreBps().getAsInt(), "good image after bad input " + i);
        }
    }
}
