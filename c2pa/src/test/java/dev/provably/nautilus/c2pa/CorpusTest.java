package dev.provably.nautilus.c2pa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.provably.nautilus.c2pa.crypto.TrustAnchors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the media corpus gets what c2pa-rs 0.92 (c2pa-wasm 0.15) reported for it
 * (INDEX.tsv): validation state, the set of failure codes, claim generator, signer and digital
 * source types, both without trust anchors and with the c2pa-rs test roots.
 */
class CorpusTest {
    private static final C2paValidator UNTRUSTING = new C2paValidator(TrustAnchors.none());
    private static final C2paValidator TEST_ROOTS;

    static {
        try {
            TEST_ROOTS = new C2paValidator(TrustAnchors.fromPem(
                    new String(TestFiles.media("test-trust-anchors.pem"), StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    record Row(
            String file,
            String state,
            String codes,
            String sourceTypes,
            String stateWithAnchors,
            String codesWithAnchors,
            String generator,
            String signer) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Row> rows() {
        String tsv = new String(TestFiles.media("INDEX.tsv"), StandardCharsets.UTF_8);
        return tsv.lines()
                .skip(1)
                .filter(l -> !l.isBlank())
                .map(l -> l.split("\t", -1))
                .map(c -> new Row(c[0], c[3], c[4], c[5], c[7], c[8], c[10], c[11]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    @DisplayName("without trust anchors: c2pa-rs's state, failure codes, generator, signer and source types")
    void untrusted(Row row) {
        C2paResult r = UNTRUSTING.validate(TestFiles.media(row.file()), TestFiles.mediaType(row.file()));
        check(row, r, row.state(), row.codes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    @DisplayName("with the c2pa-rs test roots as anchors: c2pa-rs's state and failure codes")
    void trusted(Row row) {
        C2paResult r = TEST_ROOTS.validate(TestFiles.media(row.file()), TestFiles.mediaType(row.file()));
        check(row, r, row.stateWithAnchors(), row.codesWithAnchors());
    }

    private static void check(Row row, C2paResult r, String state, String codes) {
        assertEquals(state.toUpperCase(), r.state().name(), () -> "state; failures " + r.failures());
        assertEquals(set(codes), new TreeSet<>(r.failureCodes()), () -> "failure codes " + r.failures());
        if (!row.state().equals("none")) {
            assertEquals(row.generator(), r.claimGenerator().orElse(""));
            Signer s = r.signer().orElseThrow();
            assertEquals(
                    row.signer(),
                    s.organization().orElse("") + " / " + s.commonName().orElse(""));
            assertEquals(set(row.sourceTypes()), new TreeSet<>(r.digitalSourceTypes()));
        }
    }

    private static Set<String> set(String commaList) {
        return commaList.isBlank()
                ? Set.of()
                : new TreeSet<>(
                        Arrays.stream(commaList.split(",")).map(String::trim).toList());
    }
}
