package dev.provably.nautilus.enclave.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.enclave.analysis.model.ModelAnalyzer;
import dev.provably.nautilus.report.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The analyzers the image ships (provenance + the demo model) and the standard policy, end to end. */
class AnalysisRunTest {
    private static ModelAnalyzer model;
    private static AnalysisRun run;

    @BeforeAll
    static void start() throws Exception {
        run = AnalysisRun.shipped();
        model = (ModelAnalyzer) run.analyzers().stream()
                .filter(a -> a.name().equals("model"))
                .findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void stop() throws Exception {
        model.close();
    }

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @DisplayName("every bundled sample without C2PA gets the verdict its metadata implies")
    @CsvSource({
        "xmp-ai-only.jpg,             AI_GENERATED_DECLARED, ai-declared",
        "sd-webui-parameters.png,     AI_GENERATED_DECLARED, ai-declared",
        "comfyui-prompt-workflow.png, AI_GENERATED_DECLARED, ai-declared",
        "camera-exif.jpg,             CAPTURE_DECLARED,      capture-declared",
        "sample1.png,                 CAPTURE_DECLARED,      capture-declared",
        "no_manifest.jpg,             UNKNOWN,               nothing-conclusive",
        "libpng-test.png,             UNKNOWN,               nothing-conclusive",
    })
    void samples(String file, Verdict verdict, String rule) {
        AnalysisRun.Analysis analysis = run.analyze(Samples.read(file));
        assertEquals(verdict, analysis.decision().verdict(), analysis::toString);
        assertEquals(rule, analysis.decision().rule());
        assertEquals(
                verdict != Verdict.UNKNOWN,
                !analysis.decision().deciding().isEmpty(),
                "a conclusive verdict carries the findings that decided it");
        assertEquals("scored", outcome(analysis, "model").label(), "the demo model decodes every sample");
        assertEquals("none", outcome(analysis, "c2pa").label(), "no Content Credentials");
    }

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @DisplayName(
            "samples with C2PA Content Credentials: the validated manifest decides, an invalid one is C2PA_INVALID")
    @CsvSource({
        "gen-ai-es256.jpg,  AI_GENERATED_DECLARED, c2pa-ai-declared, ai-declared",
        "gen-ai-es256.png,  AI_GENERATED_DECLARED, c2pa-ai-declared, ai-declared",
        "capture-ps256.jpg, CAPTURE_DECLARED,      c2pa-capture,     capture-declared",
        "XCA.jpg,           C2PA_INVALID,          c2pa-invalid,     invalid",
        "E-sig-CA.jpg,      C2PA_INVALID,          c2pa-invalid,     invalid",
    })
    void c2paSamples(String file, Verdict verdict, String rule, String c2paLabel) {
        AnalysisRun.Analysis analysis = run.analyze(Samples.read(file));
        assertEquals(verdict, analysis.decision().verdict(), analysis::toString);
        assertEquals(rule, analysis.decision().rule());
        assertEquals(c2paLabel, outcome(analysis, "c2pa").label());
        var deciding = analysis.decision().deciding();
        assertTrue(deciding.stream().anyMatch(f -> f.key().equals("c2pa.state")), deciding::toString);
        if (verdict == Verdict.C2PA_INVALID) {
            // The failure code as c2pa-rs names it (assertion.dataHash.mismatch, claimSignature.mismatch).
            assertTrue(
                    deciding.stream()
                            .anyMatch(f ->
                                    f.key().equals("c2pa.failure") && f.value().contains(".mismatch")),
                    deciding::toString);
        } else {
            assertTrue(deciding.stream().anyMatch(f -> f.key().equals("c2pa.signer")), deciding::toString);
        }
    }

    private static AnalyzerResult outcome(AnalysisRun.Analysis analysis, String name) {
        return analysis.outcomes().stream()
                .filter(o -> o.analyzer().name().equals(name))
                .findFirst()
                .orElseThrow()
                .result();
    }

    @Test
    @DisplayName("shippedIdentities() is what shipped() runs, computed without an ONNX session")
    void shippedIdentities() {
        assertEquals(
                run.expectedAnalysis().toString(),
                AnalysisRun.shippedIdentities().toString());
    }

    @Test
    @DisplayName("mutated samples (seeded byte flips, cuts, splices) never make an analyzer throw")
    void mutations() {
        java.util.Random random = new java.util.Random(20261203);
        String[] files = {
            "xmp-ai-only.jpg",
            "camera-exif.jpg",
            "sd-webui-parameters.png",
            "comfyui-prompt-workflow.png",
            "gen-ai-es256.jpg",
            "gen-ai-es256.png"
        };
        for (int i = 0; i < 240; i++) {
            byte[] media = Samples.read(files[i % files.length]);
            int flips = 1 + random.nextInt(16);
            int window = Math.min(media.length, 4096); // the headers and metadata segments
            for (int f = 0; f < flips; f++) {
                media[random.nextInt(window)] = (byte) random.nextInt(256);
            }
            if (i % 3 == 0) {
                media = Arrays.copyOf(media, 1 + random.nextInt(media.length));
            }
            AnalysisRun.Analysis analysis = run.analyze(media);
            assertEquals(3, analysis.outcomes().size());
            assertTrue(analysis.outcomes().stream().allMatch(o -> o.nanos() >= 0));
        }
    }

    @Test
    @DisplayName("after each bad input (bomb, truncated, empty, unknown bytes) a good input still gets its verdict")
    void badThenGood() {
        byte[] good = Samples.read("xmp-ai-only.jpg");
        byte[][] bad = {
            new byte[0],
            "GIF89a".getBytes(StandardCharsets.US_ASCII),
            Arrays.copyOf(good, 40), // cut inside the XMP segment
            TestImages.pngHeader(100_000, 100_000),
            TestImages.pngWithChunk(Samples.read("libpng-test.png"), "zTXt", TestImages.zTxtBomb(16L << 20)),
            new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, (byte) 0xFF, (byte) 0xFF, 1, 2},
        };
        for (int i = 0; i < bad.length; i++) {
            AnalysisRun.Analysis analysis = run.analyze(bad[i]);
            assertEquals(Verdict.UNKNOWN, analysis.decision().verdict(), "bad input " + i + ": " + analysis);
            assertEquals(
                    Verdict.AI_GENERATED_DECLARED, run.analyze(good).decision().verdict(), "good after bad " + i);
        }
        assertEquals(
                "too-large",
                outcome(run.analyze(TestImages.pngHeader(100_000, 100_000)), "model")
                        .label());
    }
}
