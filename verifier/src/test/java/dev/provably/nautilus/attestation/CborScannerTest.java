package dev.provably.nautilus.attestation;

import static dev.provably.nautilus.attestation.CborBytes.bytes;
import static dev.provably.nautilus.attestation.CborBytes.concat;
import static dev.provably.nautilus.attestation.CborBytes.hex;
import static dev.provably.nautilus.attestation.CborBytes.text;
import static dev.provably.nautilus.attestation.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bounded pre-scan that stands between untrusted bytes and cbor-java. */
class CborScannerTest {
    /** Generous hang guard only; the real cost is microseconds. */
    private static final Duration FAST = Duration.ofSeconds(5);

    private static void scan(byte[] input) throws VerificationException {
        CborScanner.requireSingleItem(input, "input", Reason.FIELD_INVALID);
    }

    private static VerificationException malformed(byte[] input) {
        return assertRejected(Reason.MALFORMED, () -> scan(input));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "00", "17", "1818", "1bffffffffffffffff", "3bffffffffffffffff", "40", "4401020304", "60", "6161",
        "80", "83010203", "a0", "a1616101", "bf6161016162f6ff", "9f0102ff", "9fff", "c11a5f000000",
        "f4", "f5", "f6", "f7", "f820", "f93c00", "fa3f800000", "fb3ff0000000000000", "e0"})
    @DisplayName("well-formed single items pass the scan, and cbor-java then decodes them")
    void wellFormed(String input) throws VerificationException {
        scan(hex(input));
        CborItems.decode(hex(input), "input", Reason.FIELD_INVALID);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "5a7fffffff",                 // byte string claiming 2 GiB
        "5bffffffffffffffff",         // byte string claiming 2^64 - 1 bytes
        "5b8000000000000000",         // 2^63: cbor-java misreads this as empty
        "7a7fffffff41",               // text string claiming 2 GiB
        "9a7fffffff",                 // array claiming 2^31 items
        "9b0000000100000000",         // array claiming 2^32 items
        "ba7fffffff",                 // map claiming 2^31 entries
        "a3010203",                   // map claiming 3 entries with 3 bytes left
        "4301",                       // byte string of 3 with 1 byte left
    })
    @DisplayName("a length or count the remaining bytes cannot hold is MALFORMED at once")
    void hugeClaims(String input) {
        byte[] claim = hex(input);
        assertTimeoutPreemptively(FAST, () -> malformed(claim));
    }

    @Test
    @DisplayName("10,000 nested arrays, tags or indefinite arrays are MALFORMED without deep recursion")
    void deepNesting() {
        byte[] arrays = new byte[10_001];
        Arrays.fill(arrays, (byte) 0x81);
        arrays[10_000] = 0;
        byte[] tags = new byte[10_001];
        Arrays.fill(tags, (byte) 0xc1);
        tags[10_000] = 0;
        byte[] indefinite = new byte[20_000];
        Arrays.fill(indefinite, 0, 10_000, (byte) 0x9f);
        Arrays.fill(indefinite, 10_000, 20_000, (byte) 0xff);
        assertTimeoutPreemptively(FAST, () -> {
            assertTrue(malformed(arrays).getMessage().contains("deeper than"));
            malformed(tags);
            malformed(indefinite);
        });
    }

    @Test
    @DisplayName("nesting up to the depth limit passes, one level more does not")
    void depthLimit() throws VerificationException {
        byte[] atLimit = new byte[CborScanner.MAX_DEPTH];
        Arrays.fill(atLimit, (byte) 0x81);
        atLimit[CborScanner.MAX_DEPTH - 1] = 0;
        scan(atLimit);
        malformed(concat(hex("81"), atLimit));
    }

    @Test
    @DisplayName("more than the item limit is MALFORMED even when shallow")
    void itemLimit() throws VerificationException {
        byte[] ok = concat(hex("99" + String.format("%04x", CborScanner.MAX_ITEMS - 1)),
            new byte[CborScanner.MAX_ITEMS - 1]);
        scan(ok);
        malformed(concat(hex("99" + String.format("%04x", CborScanner.MAX_ITEMS)), new byte[CborScanner.MAX_ITEMS]));
    }

    @ParameterizedTest(name = "hex \"{0}\"")
    @ValueSource(strings = {
        "", "0001", "1c", "1d", "1e", "1f", "3f", "df", "ff", "f800", "f81f", "fc", "fd", "fe",
        "5f4101ff", "7f6161ff", "9f", "9f01", "bf01", "bf0102", "a1ff", "bfff01", "81ff", "c1",
        "62c328", "61ff", "63eda080"})
    @DisplayName("ill-formed or unsupported encodings are MALFORMED")
    void illFormed(String input) {
        malformed(hex(input));
    }

    @Test
    @DisplayName("map keys must be integers or strings")
    void keyTypes() {
        malformed(hex("a1800001"));          // array key
        malformed(hex("a1a00001"));          // map key
        malformed(hex("a1c16161" + "01"));   // tagged key
        malformed(hex("a1f601"));            // null key
        malformed(hex("bf9fff01ff"));        // indefinite array key
    }

    @Test
    @DisplayName("duplicate keys are reported with the caller's reason, compared by value, not encoding")
    void duplicates() throws VerificationException {
        assertRejected(Reason.FIELD_INVALID, () -> scan(hex("a2616101616102")));
        assertRejected(Reason.FIELD_INVALID, () -> scan(hex("a20101180102")));
        assertRejected(Reason.FIELD_INVALID, () -> scan(hex("bf2001380001ff")));
        assertRejected(Reason.FIELD_INVALID, () -> scan(hex("a2616101790001" + "6102")));
        assertRejected(Reason.FIELD_INVALID, () -> scan(concat(hex("a1"), text("k"), hex("a2010101 02"))));
        scan(hex("a4010120014161016161f6"));  // 1, -1, h'61' and "a" are four different keys
    }

    @Test
    @DisplayName("through the verifier: a document claiming a 2 GiB byte string is MALFORMED")
    void hugeDocument() {
        AttestationVerifier verifier = AttestationVerifier.builder().build();
        assertTimeoutPreemptively(FAST, () -> {
            assertRejected(Reason.MALFORMED, () -> verifier.verify(hex("5a7fffffff")));
            assertRejected(Reason.MALFORMED, () -> verifier.verify(hex("845a7fffffff")));
        });
    }

    @Test
    @DisplayName("through the verifier: 10,000-deep nesting as the document is MALFORMED")
    void deepDocument() {
        byte[] deep = new byte[10_001];
        Arrays.fill(deep, (byte) 0x81);
        deep[10_000] = 0;
        AttestationVerifier verifier = AttestationVerifier.builder().build();
        assertTimeoutPreemptively(FAST, () -> assertRejected(Reason.MALFORMED, () -> verifier.verify(deep)));
    }

    private static SyntheticNitro.Authority authority;
    private static AttestationVerifier synthetic;

    @BeforeAll
    static void issueChain() {
        authority = SyntheticNitro.authority(Fixtures.CA_NOT_BEFORE);
        synthetic = Fixtures.verifierFor(authority).build();
    }

    @Test
    @DisplayName("through the verifier: a properly signed payload with a huge claim or deep nesting is MALFORMED")
    void signedHostilePayloads() {
        byte[] deep = new byte[10_001];
        Arrays.fill(deep, (byte) 0x81);
        deep[10_000] = 0;
        for (byte[] payload : new byte[][] {hex("5a7fffffff"), hex("a1616b5b7fffffffffffffff"), deep,
            bytes(new byte[10])}) {
            byte[] document = authority.document(Fixtures.AT).payload(payload).build();
            assertTimeoutPreemptively(FAST,
                () -> assertRejected(Reason.MALFORMED, () -> synthetic.verify(document)));
        }
    }
}
