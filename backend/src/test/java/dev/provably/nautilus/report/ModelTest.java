package dev.provably.nautilus.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("report records validate and copy")
class ModelTest {
    private static final MediaReport SAMPLE = ReportFixtures.sampleData();

    private static MediaReport withHash(byte[] hash) {
        return ReportFixtures.aboutOtherMedia(hash, 1);
    }

    private static MediaReport withTypes(String detected, Optional<String> declared) {
        return new MediaReport(
                SAMPLE.mediaSha256(),
                1,
                detected,
                declared,
                SAMPLE.analyzers(),
                SAMPLE.findings(),
                SAMPLE.verdict(),
                SAMPLE.policyRule(),
                SAMPLE.policyIdentity(),
                SAMPLE.callerReference());
    }

    private static MediaReport withReference(Optional<String> reference) {
        return new MediaReport(
                SAMPLE.mediaSha256(),
                1,
                "image/png",
                Optional.empty(),
                SAMPLE.analyzers(),
                SAMPLE.findings(),
                SAMPLE.verdict(),
                SAMPLE.policyRule(),
                SAMPLE.policyIdentity(),
                reference);
    }

    private static MediaReport withAnalyzers(List<AnalyzerReport> analyzers, List<Finding> findings) {
        return new MediaReport(
                SAMPLE.mediaSha256(),
                1,
                "image/png",
                Optional.empty(),
                analyzers,
                findings,
                SAMPLE.verdict(),
                SAMPLE.policyRule(),
                SAMPLE.policyIdentity(),
                Optional.empty());
    }

    private static AnalyzerReport analyzer(String name) {
        return new AnalyzerReport(name, "1", new byte[32], OptionalInt.empty(), "none");
    }

    @Test
    @DisplayName("MediaReport and AnalyzerReport copy their byte arrays in and out")
    void defensiveCopies() {
        byte[] hash = new byte[32];
        MediaReport report = withHash(hash);
        hash[0] = 1;
        assertEquals(0, report.mediaSha256()[0], "later changes to the caller's array do not leak in");
        report.mediaSha256()[1] = 1;
        assertEquals(0, report.mediaSha256()[1], "changes to a returned array do not leak back");
        byte[] id = new byte[32];
        AnalyzerReport a = new AnalyzerReport("model", "1", id, OptionalInt.empty(), "scored");
        id[0] = 1;
        assertEquals(0, a.identity()[0]);
        report.policyIdentity()[0] = 9;
        assertEquals(0x33, report.policyIdentity()[0]);
    }

    @Test
    @DisplayName("records compare byte contents, and print them in hex")
    void equalsAndToString() {
        MediaReport a = withHash(new byte[32]);
        MediaReport b = withHash(new byte[32]);
        byte[] other = new byte[32];
        other[31] = 1;
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, withHash(other));
        assertTrue(a.toString().contains("0".repeat(64)), a.toString());
        assertEquals(new IntentMessage(1, 1, a), new IntentMessage(1, 1, b));
        assertEquals(analyzer("x"), analyzer("x"));
        assertTrue(analyzer("x").toString().contains("0".repeat(64)));
    }

    @Test
    @DisplayName("MediaReport rejects a hash that is null or not 32 bytes, and a length below 1")
    void mediaReportBounds() {
        assertThrows(IllegalArgumentException.class, () -> withHash(null));
        assertThrows(IllegalArgumentException.class, () -> withHash(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> withHash(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> ReportFixtures.aboutOtherMedia(new byte[32], 0));
    }

    @ParameterizedTest(name = "accepts media type \"{0}\"")
    @ValueSource(strings = {"image/png", "video/mp4", "application/vnd.ms-excel", "image/svg+xml", "IMAGE/PNG"})
    void goodMediaTypes(String type) {
        assertEquals(type, withTypes(type, Optional.empty()).detectedType());
        assertEquals(
                type,
                withTypes("application/octet-stream", Optional.of(type))
                        .declaredType()
                        .orElseThrow());
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
        assertThrows(IllegalArgumentException.class, () -> withTypes(type, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> withTypes("image/png", Optional.of(type)));
    }

    @Test
    @DisplayName("a media type longer than 255 bytes, and a declared type equal to the detected one, are rejected")
    void mediaTypeRules() {
        String type = "a".repeat(127) + "/" + "b".repeat(128);
        assertThrows(IllegalArgumentException.class, () -> withTypes(type, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> withTypes("image/png", Optional.of("image/png")));
    }

    @ParameterizedTest(name = "rejects caller reference \"{0}\"")
    @ValueSource(strings = {"", "has space", "quote\"", "ctl\u0001", "é"})
    void badReferences(String reference) {
        assertThrows(IllegalArgumentException.class, () -> withReference(Optional.of(reference)));
    }

    @Test
    @DisplayName("a caller reference is at most 64 bytes")
    void referenceLength() {
        assertEquals(
                "r".repeat(64),
                withReference(Optional.of("r".repeat(64))).callerReference().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> withReference(Optional.of("r".repeat(65))));
    }

    @Test
    @DisplayName("a report names 1..8 analyzers with unique names and carries at most 16 findings")
    void listBounds() {
        assertThrows(IllegalArgumentException.class, () -> withAnalyzers(List.of(), List.of()));
        assertThrows(
                IllegalArgumentException.class, () -> withAnalyzers(List.of(analyzer("a"), analyzer("a")), List.of()));
        List<AnalyzerReport> nine = java.util.stream.IntStream.range(0, 9)
                .mapToObj(i -> analyzer("a" + i))
                .toList();
        assertThrows(IllegalArgumentException.class, () -> withAnalyzers(nine, List.of()));
        List<Finding> seventeen = java.util.Collections.nCopies(17, new Finding("k", "v"));
        assertThrows(IllegalArgumentException.class, () -> withAnalyzers(List.of(analyzer("a")), seventeen));
        assertEquals(
                16,
                withAnalyzers(List.of(analyzer("a")), seventeen.subList(0, 16))
                        .findings()
                        .size());
    }

    @ParameterizedTest(name = "rejects analyzer name or label \"{0}\"")
    @ValueSource(strings = {"", "Provenance", "1model", "a b", "a_b", "abcdefghijklmnopqrstuvwxyz0123456"})
    void badWords(String word) {
        assertThrows(
                IllegalArgumentException.class,
                () -> new AnalyzerReport(word, "1", new byte[32], OptionalInt.empty(), "ok"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new AnalyzerReport("ok", "1", new byte[32], OptionalInt.empty(), word));
    }

    @ParameterizedTest(name = "rejects analyzer version \"{0}\"")
    @ValueSource(strings = {"", " ", "a\nb", "a\u0000b", "a\ud800b", "123456789012345678901234567890123"})
    void badVersions(String version) {
        assertThrows(
                IllegalArgumentException.class,
                () -> new AnalyzerReport("ok", version, new byte[32], OptionalInt.empty(), "ok"));
    }

    @Test
    @DisplayName("AnalyzerReport rejects an identity that is not 32 bytes and a score outside 0..10000")
    void analyzerBounds() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new AnalyzerReport("ok", "1", new byte[31], OptionalInt.empty(), "ok"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new AnalyzerReport("ok", "1", new byte[32], OptionalInt.of(-1), "ok"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new AnalyzerReport("ok", "1", new byte[32], OptionalInt.of(10_001), "ok"));
        assertEquals(
                10_000,
                new AnalyzerReport("ok", "1", new byte[32], OptionalInt.of(10_000), "ok")
                        .scoreBps()
                        .getAsInt());
    }

    @Test
    @DisplayName("Finding.bounded makes any text fit: control characters become one space, long text is cut")
    void boundedFindings() {
        assertEquals("a b c", Finding.bounded("k", " a\n\n b\u0000c ").value());
        String cut = Finding.bounded("k", "x".repeat(1_000)).value();
        assertEquals(Finding.MAX_VALUE_CHARS, cut.length());
        assertTrue(cut.endsWith("..."));
        assertEquals("ab", Finding.bounded("k", "a\ud800b").value());
        assertEquals("", Finding.bounded("k", null).value());
        assertThrows(IllegalArgumentException.class, () -> new Finding("k", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> new Finding("bad key", "v"));
        assertThrows(IllegalArgumentException.class, () -> new Finding("k", "x".repeat(161)));
    }

    @Test
    @DisplayName("IntentMessage rejects an intent outside 0..255, a negative timestamp and null data")
    void intentMessageBounds() {
        assertThrows(IllegalArgumentException.class, () -> new IntentMessage(-1, 0, SAMPLE));
        assertThrows(IllegalArgumentException.class, () -> new IntentMessage(256, 0, SAMPLE));
        assertThrows(IllegalArgumentException.class, () -> new IntentMessage(1, -1, SAMPLE));
        assertThrows(IllegalArgumentException.class, () -> new IntentMessage(1, 0, null));
        assertArrayEquals(new IntentMessage(255, 0, SAMPLE).toBcs(), new IntentMessage(255, 0, SAMPLE).toBcs());
    }
}
