package dev.provably.nautilus.attestation;

import static dev.provably.nautilus.attestation.CborBytes.array;
import static dev.provably.nautilus.attestation.CborBytes.bytes;
import static dev.provably.nautilus.attestation.CborBytes.concat;
import static dev.provably.nautilus.attestation.CborBytes.hex;
import static dev.provably.nautilus.attestation.CborBytes.map;
import static dev.provably.nautilus.attestation.CborBytes.nil;
import static dev.provably.nautilus.attestation.CborBytes.text;
import static dev.provably.nautilus.attestation.CborBytes.uint;
import static dev.provably.nautilus.attestation.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/attestation-rules.md C1–C7: the COSE_Sign1 envelope, through the public verifier. */
class CoseSign1Test {
    private static SyntheticNitro.Authority authority;
    private static AttestationVerifier verifier;

    @BeforeAll
    static void issueChain() {
        authority = SyntheticNitro.authority(Fixtures.CA_NOT_BEFORE);
        verifier = Fixtures.verifierFor(authority).build();
    }

    private static SyntheticNitro.DocumentBuilder document() {
        return authority.document(Fixtures.AT);
    }

    @Test
    @AttestationRule("C1")
    @DisplayName("an untagged document in the AWS shape is accepted")
    void untagged() throws VerificationException {
        byte[] document = document().build();
        assertEquals((byte) 0x84, document[0]);
        assertArrayEquals(document, verifier.verify(document).document());
    }

    @Test
    @AttestationRule("C1")
    @DisplayName("the COSE_Sign1 tag 18 is accepted")
    void tag18() throws VerificationException {
        byte[] document = document().tag(18L).build();
        assertEquals((byte) 0xd2, document[0]);
        verifier.verify(document);
    }

    @ParameterizedTest(name = "tag {0}")
    @ValueSource(longs = {17, 19, 96, 98, 55799})
    @AttestationRule("C1")
    @DisplayName("any other tag is MALFORMED")
    void otherTags(long tag) {
        assertRejected(
                Reason.MALFORMED, () -> verifier.verify(document().tag(tag).build()));
    }

    @Test
    @AttestationRule("C1")
    @DisplayName("tag 18 twice is MALFORMED")
    void doubleTag() {
        byte[] tagged = document().tag(18L).build();
        assertRejected(Reason.MALFORMED, () -> verifier.verify(concat(hex("d2"), tagged)));
    }

    @Test
    @AttestationRule("C1")
    @DisplayName("an indefinite-length outer array is accepted: it is not part of the signed bytes")
    void indefiniteOuterArray() throws VerificationException {
        byte[] definite = document().build();
        byte[] indefinite = concat(hex("9f"), Arrays.copyOfRange(definite, 1, definite.length), hex("ff"));
        verifier.verify(indefinite);
    }

    @Test
    @AttestationRule("C1")
    @DisplayName("arrays of 3 or 5 elements, or a map, are MALFORMED")
    void wrongShape() {
        byte[] sig = new byte[96];
        byte[] payload = document().payloadBytes();
        assertRejected(Reason.MALFORMED, () -> verifier.verify(array(bytes(hex("a1013822")), map(), bytes(payload))));
        assertRejected(
                Reason.MALFORMED,
                () -> verifier.verify(array(bytes(hex("a1013822")), map(), bytes(payload), bytes(sig), nil())));
        assertRejected(Reason.MALFORMED, () -> verifier.verify(map(uint(1), bytes(payload))));
    }

    @ParameterizedTest(name = "protected header {0}")
    @ValueSource(
            strings = {
                "a10126", // {1: -7} ES256
                "a1013823", // {1: -36} ES512
                "a101654553333834", // {1: "ES384"}, accepted by some Go verifiers
                "a20138220441aa", // {1: -35, 4: h'aa'}, an extra entry
                "a2013822013822", // {1: -35, 1: -35}, a duplicate
                "", // empty: the algorithm would have to come from elsewhere
                "a1183822" // {1: -35} with a non-shortest label
            })
    @AttestationRule("C2")
    @DisplayName("a protected header other than exactly a1 01 38 22 is UNSUPPORTED_ALGORITHM")
    void protectedHeader(String header) {
        assertRejected(
                Reason.UNSUPPORTED_ALGORITHM,
                () -> verifier.verify(document().protectedHeader(hex(header)).build()));
    }

    @Test
    @AttestationRule("C2")
    @DisplayName("a protected header that is not a byte string is MALFORMED")
    void protectedHeaderNotBytes() {
        SyntheticNitro.DocumentBuilder builder = document();
        byte[] document = array(hex("a1013822"), map(), bytes(builder.payloadBytes()), bytes(new byte[96]));
        assertRejected(Reason.MALFORMED, () -> verifier.verify(document));
    }

    @Test
    @AttestationRule("C3")
    @DisplayName("an algorithm in the unprotected header is UNSUPPORTED_ALGORITHM, even beside the right protected one")
    void algInUnprotected() {
        assertRejected(
                Reason.UNSUPPORTED_ALGORITHM,
                () -> verifier.verify(document()
                        .unprotectedHeader(map(uint(1), CborBytes.nint(-7)))
                        .build()));
        assertRejected(
                Reason.UNSUPPORTED_ALGORITHM,
                () -> verifier.verify(document()
                        .unprotectedHeader(map(uint(1), CborBytes.nint(-35)))
                        .build()));
        assertRejected(
                Reason.UNSUPPORTED_ALGORITHM,
                () -> verifier.verify(document()
                        .protectedHeader(new byte[0])
                        .unprotectedHeader(map(uint(1), CborBytes.nint(-35)))
                        .build()));
    }

    @Test
    @AttestationRule("C3")
    @DisplayName("other unprotected entries are accepted, as Sui does")
    void otherUnprotectedEntries() throws VerificationException {
        verifier.verify(document()
                .unprotectedHeader(map(uint(4), bytes(hex("01")), text("x"), nil()))
                .build());
    }

    @Test
    @AttestationRule("C3")
    @DisplayName("an unprotected header that is null, an array or a tagged map is MALFORMED")
    void unprotectedNotAMap() {
        assertRejected(
                Reason.MALFORMED,
                () -> verifier.verify(document().unprotectedHeader(nil()).build()));
        assertRejected(
                Reason.MALFORMED,
                () -> verifier.verify(document().unprotectedHeader(array()).build()));
        assertRejected(
                Reason.MALFORMED,
                () -> verifier.verify(
                        document().unprotectedHeader(CborBytes.tag(5, map())).build()));
    }

    @Test
    @AttestationRule("C3")
    @DisplayName("duplicate keys in the unprotected header are MALFORMED")
    void unprotectedDuplicate() {
        byte[] duplicate = map(uint(4), bytes(hex("01")), uint(4), bytes(hex("02")));
        assertRejected(
                Reason.MALFORMED,
                () -> verifier.verify(document().unprotectedHeader(duplicate).build()));
        byte[] sameNumberLongerEncoding = map(uint(4), bytes(hex("01")), hex("1804"), bytes(hex("02")));
        assertRejected(
                Reason.MALFORMED,
                () -> verifier.verify(
                        document().unprotectedHeader(sameNumberLongerEncoding).build()));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 64, 95, 97, 98, 132})
    @AttestationRule("C4")
    @DisplayName("a signature that is not exactly 96 bytes is BAD_SIGNATURE")
    void signatureLength(int length) {
        VerificationException e = assertRejected(
                Reason.BAD_SIGNATURE,
                () -> verifier.verify(
                        document().signature(sig -> Arrays.copyOf(sig, length)).build()));
        assertEquals("signature must be 96 bytes, got " + length, e.getMessage());
    }

    @Test
    @AttestationRule("C4")
    @DisplayName("r and s zero-padded to 49 bytes each (98 bytes, accepted by cose-java) is BAD_SIGNATURE")
    void paddedSignature() {
        assertRejected(
                Reason.BAD_SIGNATURE,
                () -> verifier.verify(document()
                        .signature(sig -> concat(
                                new byte[1],
                                Arrays.copyOfRange(sig, 0, 48),
                                new byte[1],
                                Arrays.copyOfRange(sig, 48, 96)))
                        .build()));
    }

    @Test
    @AttestationRule("C4")
    @DisplayName("a signature that is not a byte string is MALFORMED")
    void signatureNotBytes() {
        byte[] payload = document().payloadBytes();
        assertRejected(
                Reason.MALFORMED,
                () -> verifier.verify(array(bytes(hex("a1013822")), map(), bytes(payload), text("x".repeat(96)))));
    }

    @Test
    @AttestationRule("C7")
    @DisplayName("one trailing byte after the COSE array is MALFORMED")
    void trailingByte() {
        assertRejected(
                Reason.MALFORMED,
                () -> verifier.verify(document().trailing(hex("00")).build()));
        assertRejected(
                Reason.MALFORMED,
                () -> verifier.verify(document().trailing(hex("f6")).build()));
    }

    @Test
    @AttestationRule("C4")
    @DisplayName("a payload of 0 bytes is MALFORMED")
    void emptyPayload() {
        assertRejected(
                Reason.MALFORMED,
                () -> verifier.verify(document().payload(new byte[0]).build()));
    }

    @Test
    @AttestationRule("C4")
    @DisplayName("a payload of 16383 bytes is accepted, 16384 bytes is MALFORMED")
    void payloadSizeEdge() throws VerificationException {
        SyntheticNitro.DocumentBuilder builder = document();
        int base = builder.payloadBytes().length;
        // An unknown key is ignored: "padding" (8 bytes) + a byte string head (3 bytes) + content.
        builder.set("padding", bytes(new byte[16383 - base - 8 - 3]));
        assertEquals(16383, builder.payloadBytes().length);
        verifier.verify(builder.build());
        builder.set("padding", bytes(new byte[16384 - base - 8 - 3]));
        assertEquals(16384, builder.payloadBytes().length);
        assertRejected(Reason.MALFORMED, () -> verifier.verify(builder.build()));
    }

    @Test
    @AttestationRule("C5")
    @DisplayName("the high-s twin (r, n - s) verifies, as ECDSA defines; the NSM emits both forms")
    void highSTwin() throws VerificationException {
        BigInteger n = SECNamedCurves.getByName("secp384r1").getN();
        byte[] twin = document()
                .signature(sig -> {
                    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 48, 96));
                    byte[] other = n.subtract(s).toByteArray();
                    byte[] fixed = new byte[48];
                    int copy = Math.min(48, other.length);
                    System.arraycopy(other, other.length - copy, fixed, 48 - copy, copy);
                    return concat(Arrays.copyOfRange(sig, 0, 48), fixed);
                })
                .build();
        verifier.verify(twin);
    }
}
