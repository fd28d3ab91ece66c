package dev.provably.nautilus.enclave.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.report.Finding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProvenanceAnalyzerTest {
    private final ProvenanceAnalyzer analyzer = new ProvenanceAnalyzer();

    private AnalyzerResult analyze(byte[] media) {
        return analyzer.analyze(media, DetectedType.of(media));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("each bundled sample gets the label its metadata implies")
    @CsvSource({
        "xmp-ai-only.jpg, ai-declared",
        "sd-webui-parameters.png, ai-declared",
        "comfyui-prompt-workflow.png, ai-declared",
        "camera-exif.jpg, capture-declared",
        "sample1.png, capture-declared",
        "no_manifest.jpg, no-provenance",
        "libpng-test.png, no-provenance",
    })
    void samples(String file, String label) {
        AnalyzerResult result = analyze(Samples.read(file));
        assertEquals(label, result.label(), () -> file + ": " + result.findings());
        assertTrue(result.scoreBps().isEmpty(), "provenance reads declarations; it does not score");
    }

    @Test
    @DisplayName("the XMP digital source type and creator tool are findings, verbatim")
    void xmpFindings() {
        AnalyzerResult result = analyze(Samples.read("xmp-ai-only.jpg"));
        assertEquals(
                "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
                result.finding("xmp.DigitalSourceType").orElseThrow().value());
        assertEquals(
                "Example Image Generator 2.1",
                result.finding("xmp.CreatorTool").orElseThrow().value());
    }

    @Test
    @DisplayName("EXIF make, model and software of a camera JPEG are findings")
    void exifFindings() {
        AnalyzerResult result = analyze(Samples.read("camera-exif.jpg"));
        assertEquals(
                "NIKON CORPORATION", result.finding("exif.Make").orElseThrow().value());
        assertEquals("NIKON Z 6_2", result.finding("exif.Model").orElseThrow().value());
        assertEquals("Ver.01.60", result.finding("exif.Software").orElseThrow().value());
    }

    @Test
    @DisplayName("generator PNG chunks are findings, bounded in length")
    void pngChunks() {
        AnalyzerResult comfy = analyze(Samples.read("comfyui-prompt-workflow.png"));
        assertTrue(comfy.finding("png.text.prompt").isPresent(), comfy.findings()::toString);
        assertTrue(comfy.finding("png.text.workflow").isPresent(), comfy.findings()::toString);
        assertTrue(comfy.findings().stream().allMatch(f -> f.value().length() <= Finding.MAX_VALUE_CHARS));
        assertTrue(analyze(Samples.read("sd-webui-parameters.png"))
                .finding("png.text.parameters")
                .isPresent());
    }

    @Test
    @DisplayName("an embedded C2PA manifest store is detected (presence only); files without one say nothing")
    void c2paPresence() {
        assertEquals(
                "present (the c2pa analyzer validates it)",
                analyze(Samples.read("gen-ai-es256.jpg"))
                        .finding("c2pa.manifestStore")
                        .orElseThrow()
                        .value());
        for (String file : new String[] {"no_manifest.jpg", "xmp-ai-only.jpg", "sample1.png", "camera-exif.jpg"}) {
            assertFalse(
                    analyze(Samples.read(file)).finding("c2pa.manifestStore").isPresent(), file);
        }
    }

    @Test
    @DisplayName("WebP: the XMP chunk's digital source type is read, and a RIFF C2PA chunk counts as a manifest store")
    void webp() {
        String xmp =
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                        + "<rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"" + ProvenanceAnalyzer.IPTC_EXT + "\""
                        + " Iptc4xmpExt:DigitalSourceType=\"" + ProvenanceAnalyzer.DST_PREFIX
                        + "compositeWithTrainedAlgorithmicMedia\"/>"
                        + "</rdf:RDF></x:xmpmeta>";
        AnalyzerResult plain = analyze(TestImages.webpWithXmp(xmp, null));
        assertEquals("ai-declared", plain.label(), plain.findings()::toString);
        assertFalse(plain.finding("c2pa.manifestStore").isPresent());
        assertTrue(analyze(TestImages.webpWithXmp(xmp, "C2PA"))
                .finding("c2pa.manifestStore")
                .isPresent());
    }

    @Test
    @DisplayName("a PNG caBX chunk counts as a manifest store")
    void pngCabx() {
        byte[] png = TestImages.pngWithChunk(Samples.read("libpng-test.png"), "caBX", new byte[] {1, 2, 3});
        assertTrue(analyze(png).finding("c2pa.manifestStore").isPresent());
    }

    @Test
    @DisplayName("other formats and unknown bytes give 'unsupported' with no findings, not an error")
    void unsupported() {
        AnalyzerResult gif = analyze("GIF89a\1\0\1\0".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("unsupported", gif.label());
        assertTrue(gif.findings().isEmpty());
        assertEquals(
                "unsupported",
                analyze("hello".getBytes(StandardCharsets.US_ASCII)).label());
    }

    @Test
    @DisplayName("every truncation of a sample gives a result, never an exception")
    void truncations() {
        for (String file : new String[] {"xmp-ai-only.jpg", "camera-exif.jpg", "sd-webui-parameters.png"}) {
            byte[] whole = Samples.read(file);
            for (int length = 1; length < whole.length; length += Math.max(1, whole.length / 97)) {
                AnalyzerResult result = analyze(Arrays.copyOf(whole, length));
                assertTrue(
                        result.label().matches("ai-declared|capture-declared|no-provenance|unreadable|unsupported"),
                        result.label());
            }
        }
    }

    @Test
    @DisplayName("a zTXt chunk that inflates to 1 GiB is never inflated (decompression bomb)")
    void compressedTextBomb() {
        byte[] bomb = TestImages.pngWithChunk(Samples.read("libpng-test.png"), "zTXt", TestImages.zTxtBomb(1 << 30));
        AnalyzerResult result = analyze(bomb);
        assertEquals("no-provenance", result.label(), result.findings()::toString);
    }

    @Test
    @DisplayName("the identity is the SHA-256 of the rules text, and a fixed value")
    void identity() {
        assertArrayEquals(Sha256.of(ProvenanceAnalyzer.RULES.getBytes(StandardCharsets.UTF_8)), analyzer.identity());
        assertEquals(32, analyzer.identity().length);
    }
}
