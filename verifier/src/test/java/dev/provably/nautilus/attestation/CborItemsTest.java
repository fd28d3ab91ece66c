package dev.provably.nautilus.attestation;

import static dev.provably.nautilus.attestation.CborBytes.bytes;
import static dev.provably.nautilus.attestation.CborBytes.concat;
import static dev.provably.nautilus.attestation.CborBytes.hex;
import static dev.provably.nautilus.attestation.CborBytes.text;
import static dev.provably.nautilus.attestation.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.UnsignedInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Untrusted CBOR reaches cbor-java only through the bounded decoder, with the verifier's reasons. */
class CborItemsTest {
    /** Generous hang guard only; the real cost is microseconds. */
    private static final Duration FAST = Duration.ofSeconds(5);

    private static DataItem decode(byte[] input) throws VerificationException {
        return CborItems.decode(input, "input", Reason.FIELD_INVALID);
    }

    private static VerificationException malformed(byte[] input) {
        return assertRejected(Reason.MALFORMED, () -> decode(input));
    }

    @Test
    @AttestationRule({"C1", "C7"})
    @DisplayName("bounded-decoder problems are MALFORMED and named after the input")
    void malformedNamesTheInput() {
        assertEquals("input is empty", malformed(new byte[0]).getMessage());
        assertEquals(
                "document has 1 trailing byte(s) after its CBOR item",
                assertRejected(Reason.MALFORMED, () -> CborItems.decode(hex("0102"), "document", Reason.MALFORMED))
                        .getMessage());
        assertEquals(
                "input declares 2147483647 but only 0 byte(s) remain",
                malformed(hex("5a7fffffff")).getMessage());
        assertEquals(
                "input has a text string that is not valid UTF-8",
                malformed(hex("62c328")).getMessage());
    }

    @Test
    @AttestationRule("C1")
    @DisplayName("the caps are depth 16 and 4096 items")
    void limits() throws VerificationException {
        byte[] atLimit = new byte[16];
        Arrays.fill(atLimit, (byte) 0x81);
        atLimit[15] = 0;
        decode(atLimit);
        assertEquals(
                "input nests deeper than 16 levels",
                malformed(concat(hex("81"), atLimit)).getMessage());
        decode(concat(hex("990fff"), new byte[4095]));
        assertEquals(
                "input holds more than 4096 data items",
                malformed(concat(hex("991000"), new byte[4096])).getMessage());
    }

    @Test
    @AttestationRule({"C3", "F1"})
    @DisplayName("duplicate keys are reported with the caller's reason, compared by value, not encoding")
    void duplicates() throws VerificationException {
        assertEquals(
                "input has a duplicate map key at offset 4",
                assertRejected(Reason.FIELD_INVALID, () -> decode(hex("a2616101616102")))
                        .getMessage());
        assertRejected(Reason.FIELD_INVALID, () -> decode(hex("a20101180102")));
        assertRejected(Reason.FIELD_INVALID, () -> decode(concat(hex("a1"), text("k"), hex("a2010101 02"))));
        assertRejected(Reason.MALFORMED, () -> CborItems.decode(hex("a2616101616102"), "document", Reason.MALFORMED));
        decode(hex("a4010120014161016161f6")); // 1, -1, h'61' and "a" are four different keys
    }

    @Test
    @DisplayName("indefinite-length arrays lose the BREAK item cbor-java appends")
    void indefiniteArrayElements() throws VerificationException {
        Array array = assertInstanceOf(Array.class, decode(hex("9f0102ff")));
        assertEquals(List.of(new UnsignedInteger(1), new UnsignedInteger(2)), CborItems.elements(array));
        assertTrue(CborItems.isNull(decode(hex("f6"))));
    }

    @Test
    @AttestationRule("C1")
    @DisplayName("through the verifier: a document claiming a 2 GiB byte string is MALFORMED")
    void hugeDocument() {
        AttestationVerifier verifier =
                AttestationVerifier.builder().anyEnclaveImage().build();
        assertTimeoutPreemptively(FAST, () -> {
            assertRejected(Reason.MALFORMED, () -> verifier.verify(hex("5a7fffffff")));
            assertRejected(Reason.MALFORMED, () -> verifier.verify(hex("845a7fffffff")));
        });
    }

    @Test
    @AttestationRule("C1")
    @DisplayName("through the verifier: 10,000-deep nesting as the document is MALFORMED")
    void deepDocument() {
        byte[] deep = new byte[10_001];
        Arrays.fill(deep, (byte) 0x81);
        deep[10_000] = 0;
        AttestationVerifier verifier =
                AttestationVerifier.builder().anyEnclaveImage().build();
        assertTimeoutPreemptively(FAST, () -> assertRejected(Reason.MALFORMED, () -> verifier.verify(deep)));
    }

    @Test
    @AttestationRule({"C1", "F2"})
    @DisplayName("through the verifier: a tagged null in one input does not break later documents with null fields")
    void taggedNullDoesNotLeak() throws VerificationException {
        SyntheticNitro.Authority own = SyntheticNitro.authority(Fixtures.CA_NOT_BEFORE);
        AttestationVerifier verifier = Fixtures.verifierFor(own).build();
        byte[] genuine = own.document(Fixtures.AT).userData(null).nonce(null).build();
        assertEquals(
                "document has a tag on false, true, null or undefined",
                assertRejected(Reason.MALFORMED, () -> verifier.verify(hex("c1f6")))
                        .getMessage());
        byte[] taggedNullInHeader =
                own.document(Fixtures.AT).unprotectedHeader(hex("a1 05 c1f6")).build();
        assertRejected(Reason.MALFORMED, () -> verifier.verify(taggedNullInHeader));
        assertTrue(verifier.verify(genuine).userData().isEmpty());
    }

    private static SyntheticNitro.Authority authority;
    private static AttestationVerifier synthetic;

    @BeforeAll
    static void issueChain() {
        authority = SyntheticNitro.authority(Fixtures.CA_NOT_BEFORE);
        synthetic = Fixtures.verifierFor(authority).build();
    }

    @Test
    @AttestationRule("F1")
    @DisplayName("through the verifier: a properly signed payload with a huge claim or deep nesting is MALFORMED")
    void signedHostilePayloads() {
        byte[] deep = new byte[10_001];
        Arrays.fill(deep, (byte) 0x81);
        deep[10_000] = 0;
        for (byte[] payload :
                new byte[][] {hex("5a7fffffff"), hex("a1616b5b7fffffffffffffff"), deep, bytes(new byte[10])}) {
            byte[] document = authority.document(Fixtures.AT).payload(payload).build();
            assertTimeoutPreemptively(FAST, () -> assertRejected(Reason.MALFORMED, () -> synthetic.verify(document)));
        }
    }
}
