package dev.provably.nautilus.attestation;

import static dev.provably.nautilus.attestation.CborBytes.array;
import static dev.provably.nautilus.attestation.CborBytes.bytes;
import static dev.provably.nautilus.attestation.CborBytes.hex;
import static dev.provably.nautilus.attestation.CborBytes.map;
import static dev.provably.nautilus.attestation.CborBytes.nil;
import static dev.provably.nautilus.attestation.CborBytes.text;
import static dev.provably.nautilus.attestation.CborBytes.uint;
import static dev.provably.nautilus.attestation.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/attestation-rules.md F1–F10 and the profiles: the payload fields, each mutation properly signed. */
class AttestationPayloadTest {
    private static SyntheticNitro.Authority authority;
    private static AttestationVerifier sui;
    private static AttestationVerifier nsm;

    @BeforeAll
    static void issueChain() {
        authority = SyntheticNitro.authority(Fixtures.CA_NOT_BEFORE);
        sui = Fixtures.verifierFor(authority).profile(Profile.SUI).build();
        nsm = Fixtures.verifierFor(authority).profile(Profile.NSM).build();
    }

    private static SyntheticNitro.DocumentBuilder document() {
        return authority.document(Fixtures.AT);
    }

    private static void invalidUnderBoth(SyntheticNitro.DocumentBuilder builder) {
        byte[] document = builder.build();
        assertRejected(Reason.FIELD_INVALID, () -> sui.verify(document));
        assertRejected(Reason.FIELD_INVALID, () -> nsm.verify(document));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"module_id", "digest", "timestamp", "pcrs", "certificate", "cabundle"})
    @AttestationRule("F2")
    @DisplayName("each mandatory field missing is FIELD_INVALID")
    void mandatoryMissing(String field) {
        VerificationException e = assertRejected(
                Reason.FIELD_INVALID, () -> sui.verify(document().remove(field).build()));
        assertEquals(field + " is missing", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"module_id", "digest", "timestamp", "pcrs", "certificate", "cabundle"})
    @AttestationRule("F2")
    @DisplayName("each mandatory field set to null is FIELD_INVALID")
    void mandatoryNull(String field) {
        VerificationException e = assertRejected(
                Reason.FIELD_INVALID,
                () -> sui.verify(document().set(field, nil()).build()));
        assertEquals(field + " must not be null", e.getMessage());
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("module_id", bytes("i-0".getBytes(StandardCharsets.UTF_8))),
                Arguments.of("module_id", CborBytes.tag(32, text("i-0"))),
                Arguments.of("digest", bytes("SHA384".getBytes(StandardCharsets.UTF_8))),
                Arguments.of("timestamp", text("1735819200250")),
                Arguments.of("timestamp", CborBytes.nint(-1)),
                Arguments.of("timestamp", hex("fb4279424f9e8fa000")),
                Arguments.of("timestamp", CborBytes.tag(1, uint(1735819200250L))),
                Arguments.of("pcrs", array(bytes(new byte[48]))),
                Arguments.of("certificate", text("MIIC")),
                Arguments.of("cabundle", map(uint(0), bytes(new byte[10]))),
                Arguments.of("cabundle", bytes(new byte[10])),
                Arguments.of("public_key", text("key")),
                Arguments.of("public_key", CborBytes.tag(24, bytes(new byte[4]))),
                Arguments.of("user_data", uint(7)),
                Arguments.of("nonce", array()),
                Arguments.of("nonce", hex("f7")),
                Arguments.of("user_data", hex("f4")));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("wrongTypes")
    @AttestationRule({"F1", "F2"})
    @DisplayName("a field of the wrong type (or tagged, or undefined instead of null) is FIELD_INVALID")
    void wrongType(String field, byte[] value) {
        invalidUnderBoth(document().set(field, value));
    }

    @Test
    @AttestationRule("F2")
    @DisplayName("optional fields absent or null are accepted and come back empty")
    void optionalAbsentOrNull() throws VerificationException {
        VerifiedAttestation nulls = sui.verify(document().build());
        assertTrue(nulls.publicKey().isEmpty()
                && nulls.userData().isEmpty()
                && nulls.nonce().isEmpty());
        VerifiedAttestation absent = sui.verify(document()
                .remove("public_key")
                .remove("user_data")
                .remove("nonce")
                .build());
        assertTrue(absent.publicKey().isEmpty()
                && absent.userData().isEmpty()
                && absent.nonce().isEmpty());
    }

    @Test
    @AttestationRule("F2")
    @DisplayName("present optional fields come back byte for byte")
    void optionalPresent() throws VerificationException {
        VerifiedAttestation verified = sui.verify(document()
                .publicKey(new byte[] {1, 2})
                .userData(new byte[0])
                .nonce(new byte[] {9})
                .build());
        assertArrayEquals(new byte[] {1, 2}, verified.publicKey().orElseThrow());
        assertArrayEquals(new byte[0], verified.userData().orElseThrow());
        assertArrayEquals(new byte[] {9}, verified.nonce().orElseThrow());
    }

    @Test
    @AttestationRule({"F3", "F4"})
    @DisplayName("module_id empty and digest other than SHA384 are FIELD_INVALID")
    void moduleIdAndDigest() {
        invalidUnderBoth(document().moduleId(""));
        invalidUnderBoth(document().digest("SHA256"));
        invalidUnderBoth(document().digest("sha384"));
    }

    @Test
    @AttestationRule("F5")
    @DisplayName("timestamp 0 or beyond 2^63 - 1 is FIELD_INVALID")
    void timestampRange() {
        invalidUnderBoth(document().set("timestamp", uint(0)));
        invalidUnderBoth(document().set("timestamp", hex("1b8000000000000000")));
        invalidUnderBoth(document().set("timestamp", hex("1bffffffffffffffff")));
    }

    @Test
    @AttestationRule({"F5", "T3"})
    @DisplayName("a timestamp in seconds is read as milliseconds, so the document is STALE")
    void timestampInSeconds() {
        long seconds = Fixtures.AT.getEpochSecond();
        assertRejected(
                Reason.STALE,
                () -> sui.verify(document().set("timestamp", uint(seconds)).build()));
    }

    private static byte[] pcrMap(int count, int length) {
        byte[][] items = new byte[count * 2][];
        for (int i = 0; i < count; i++) {
            items[2 * i] = uint(i);
            byte[] value = new byte[length];
            java.util.Arrays.fill(value, (byte) (i + 1));
            items[2 * i + 1] = bytes(value);
        }
        return map(items);
    }

    @Test
    @AttestationRule("F6")
    @DisplayName("pcrs holds 1..32 entries")
    void pcrCount() throws VerificationException {
        invalidUnderBoth(document().set("pcrs", map()));
        invalidUnderBoth(document().set("pcrs", pcrMap(33, 48)));
        assertEquals(
                32,
                nsm.verify(document().set("pcrs", pcrMap(32, 48)).build())
                        .pcrs()
                        .size());
        assertEquals(
                1,
                sui.verify(document().set("pcrs", pcrMap(1, 48)).build()).pcrs().size());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 31, 33, 47, 49, 63, 65, 96})
    @AttestationRule("F6")
    @DisplayName("a PCR value that is not 32, 48 or 64 bytes is FIELD_INVALID")
    void pcrLengthInvalid(int length) {
        invalidUnderBoth(document().pcr(5, new byte[length]));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {32, 48, 64})
    @AttestationRule("F6")
    @DisplayName("PCR values of 32, 48 or 64 bytes are accepted")
    void pcrLengthValid(int length) throws VerificationException {
        assertEquals(
                length,
                sui.verify(document().pcr(5, new byte[length]).build()).pcr(5).orElseThrow().length);
    }

    @Test
    @AttestationRule("F6")
    @DisplayName("PCR keys must be unsigned integers below 32; values byte strings")
    void pcrKeys() {
        invalidUnderBoth(document().pcr(32, new byte[48]));
        invalidUnderBoth(document().set("pcrs", map(text("0"), bytes(new byte[48]))));
        invalidUnderBoth(document().set("pcrs", map(CborBytes.nint(-1), bytes(new byte[48]))));
        invalidUnderBoth(document().set("pcrs", map(uint(0), nil())));
        invalidUnderBoth(document().set("pcrs", map(uint(0), text("0".repeat(48)))));
    }

    @Test
    @AttestationRule({"F1", "F6"})
    @DisplayName("a duplicate PCR index is FIELD_INVALID, even when encoded differently")
    void pcrDuplicate() {
        invalidUnderBoth(document().set("pcrs", map(uint(1), bytes(new byte[48]), uint(1), bytes(new byte[48]))));
        invalidUnderBoth(document().set("pcrs", map(uint(1), bytes(new byte[48]), hex("1801"), bytes(new byte[48]))));
    }

    @Test
    @AttestationRule("F1")
    @DisplayName("a duplicate payload key is FIELD_INVALID, with the same or a different value")
    void payloadDuplicate() {
        invalidUnderBoth(document().append(text("module_id"), text("i-0123456789abcdef0-enc0123456789abcdef")));
        invalidUnderBoth(document().append(text("nonce"), bytes(new byte[] {1})));
        invalidUnderBoth(document().indefiniteLengthMap(true).append(text("digest"), text("SHA384")));
    }

    @Test
    @AttestationRule("F1")
    @DisplayName("a payload key that is not a text string is FIELD_INVALID, even for an unknown field")
    void payloadKeyTypes() {
        invalidUnderBoth(document().append(uint(1), uint(1)));
        invalidUnderBoth(document().append(bytes(new byte[] {'x'}), uint(1)));
    }

    @Test
    @AttestationRule("F1")
    @DisplayName("unknown text keys are ignored, whatever their value")
    void unknownKeysIgnored() throws VerificationException {
        sui.verify(document()
                .set("extra", map(text("nested"), array(uint(1), nil())))
                .build());
    }

    @Test
    @AttestationRule("F1")
    @DisplayName("an indefinite-length payload map is accepted, as the NSM sends since mid-2025")
    void indefiniteMap() throws VerificationException {
        byte[] document =
                document().indefiniteLengthMap(true).nonce(new byte[] {4}).build();
        assertArrayEquals(new byte[] {4}, sui.verify(document).nonce().orElseThrow());
    }

    @Test
    @AttestationRule("F1")
    @DisplayName("a payload that is not a map, or a tagged map, is MALFORMED")
    void payloadNotAMap() {
        assertRejected(
                Reason.MALFORMED,
                () -> sui.verify(document().payload(array(uint(1))).build()));
        byte[] tagged = CborBytes.tag(24, document().payloadBytes());
        assertRejected(
                Reason.MALFORMED, () -> sui.verify(document().payload(tagged).build()));
    }

    @Test
    @AttestationRule("F7")
    @DisplayName("certificate: 0 or 1025 bytes, garbage, PEM text or trailing bytes are FIELD_INVALID")
    void certificateField() {
        SyntheticNitro.DocumentBuilder builder = document();
        byte[] der = builder.leafCertificate();
        invalidUnderBoth(document().set("certificate", bytes(new byte[0])));
        invalidUnderBoth(document().set("certificate", bytes(new byte[1025])));
        invalidUnderBoth(document().set("certificate", bytes(new byte[100])));
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
        invalidUnderBoth(document().set("certificate", bytes(pem.getBytes(StandardCharsets.US_ASCII))));
        byte[] trailing = java.util.Arrays.copyOf(der, der.length + 1);
        invalidUnderBoth(builder.set("certificate", bytes(trailing)));
    }

    @Test
    @AttestationRule({"F8", "X7"})
    @DisplayName("cabundle: 0 or 11 entries, an empty or 1025-byte entry, a non-bytes entry are FIELD_INVALID")
    void caBundleField() {
        List<byte[]> chain = authority.caBundle();
        invalidUnderBoth(document().set("cabundle", array()));
        List<byte[]> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(bytes(chain.get(0)));
        }
        invalidUnderBoth(document().set("cabundle", array(eleven.toArray(byte[][]::new))));
        invalidUnderBoth(document().set("cabundle", array(bytes(chain.get(0)), bytes(new byte[0]))));
        invalidUnderBoth(document().set("cabundle", array(bytes(chain.get(0)), bytes(new byte[1025]))));
        invalidUnderBoth(document().set("cabundle", array(bytes(chain.get(0)), text("x"))));
    }

    @Test
    @AttestationRule("F8")
    @DisplayName("an indefinite-length cabundle array is accepted")
    void caBundleIndefinite() throws VerificationException {
        List<byte[]> chain = authority.caBundle();
        byte[] indefinite = CborBytes.concat(
                hex("9f"),
                bytes(chain.get(0)),
                bytes(chain.get(1)),
                bytes(chain.get(2)),
                bytes(chain.get(3)),
                hex("ff"));
        assertEquals(
                4,
                sui.verify(document().set("cabundle", indefinite).build())
                        .caBundle()
                        .size());
    }

    static Stream<Arguments> sizeEdges() {
        // field, length, accepted under SUI, accepted under NSM
        return Stream.of(
                Arguments.of("public_key", 0, false, true),
                Arguments.of("public_key", 1, true, true),
                Arguments.of("public_key", 1024, true, true),
                Arguments.of("public_key", 1025, false, false),
                Arguments.of("user_data", 0, true, true),
                Arguments.of("user_data", 512, true, true),
                Arguments.of("user_data", 513, false, true),
                Arguments.of("user_data", 1024, false, true),
                Arguments.of("user_data", 1025, false, false),
                Arguments.of("nonce", 0, true, true),
                Arguments.of("nonce", 512, true, true),
                Arguments.of("nonce", 513, false, true),
                Arguments.of("nonce", 1024, false, true),
                Arguments.of("nonce", 1025, false, false));
    }

    @ParameterizedTest(name = "{0} of {1} bytes: SUI {2}, NSM {3}")
    @MethodSource("sizeEdges")
    @AttestationRule({"F9", "F10"})
    @DisplayName("size edges of both profiles")
    void sizeEdges(String field, int length, boolean underSui, boolean underNsm) throws VerificationException {
        byte[] document = document().set(field, bytes(new byte[length])).build();
        for (AttestationVerifier verifier : List.of(sui, nsm)) {
            boolean accepted = verifier == sui ? underSui : underNsm;
            if (accepted) {
                verifier.verify(document);
            } else {
                assertRejected(Reason.FIELD_INVALID, () -> verifier.verify(document));
            }
        }
    }
}
