package dev.provably.nautilus.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.provably.nautilus.issuer.DevCa;
import dev.provably.nautilus.issuer.NitroDocument;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The nitro-issuer module (the writing side) and this verifier (the reading side) keep their own
 * copies of the spec's constants on purpose; these tests fail as soon as the two drift apart.
 */
class IssuerReaderAgreementTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    @DisplayName("the issuer writes exactly the ES384 protected header the reader accepts (a1 01 38 22)")
    void protectedHeaderBytesAgree() {
        assertArrayEquals(CoseSign1.ES384_PROTECTED_HEADER, NitroDocument.es384ProtectedHeader());
    }

    @Test
    @DisplayName("a document from the development CA passes every rule when its root is the explicit anchor")
    void issuedDocumentVerifies() throws Exception {
        DevCa ca = DevCa.inMemory(Clock.fixed(NOW, ZoneOffset.UTC));
        SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        for (int i = 0; i < 16; i++) {
            byte[] value = new byte[48];
            value[0] = (byte) (i + 1);
            pcrs.put(i, value);
        }
        byte[] publicKey = {1, 2, 3};
        byte[] document = ca.issueDocument(new NitroDocument.Claims(
                "i-local0000000000-enc0000000000000000", NOW.toEpochMilli(), pcrs, publicKey, null, new byte[] {7}));

        VerifiedAttestation verified = AttestationVerifier.builder()
                .anyEnclaveImage()
                .trustAnchor(TrustAnchor.of(ca.root()))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build()
                .verify(document);
        assertEquals("i-local0000000000-enc0000000000000000", verified.moduleId());
        assertEquals(NOW.toEpochMilli(), verified.timestampMillis());
        assertArrayEquals(publicKey, verified.publicKey().orElseThrow());
        assertArrayEquals(pcrs.get(0), verified.pcr(0).orElseThrow());
    }

    @Test
    @DisplayName("the rule tests' mutation layer writes, unmutated, the issuer's payload byte for byte")
    void mutationLayerDefaultsAreTheIssuerLayout() {
        SyntheticNitro.Authority authority = SyntheticNitro.authority(Fixtures.CA_NOT_BEFORE);
        SyntheticNitro.DocumentBuilder builder =
                authority.document(Fixtures.AT).publicKey(new byte[] {4, 5}).nonce(new byte[] {6});
        SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        for (int i = 0; i < 16; i++) {
            pcrs.put(i, builder.pcr(i));
        }
        byte[] expected = NitroDocument.payload(
                new NitroDocument.Claims(
                        "i-0123456789abcdef0-enc0123456789abcdef",
                        Fixtures.AT.toEpochMilli(),
                        pcrs,
                        new byte[] {4, 5},
                        null,
                        new byte[] {6}),
                builder.leafCertificate(),
                authority.caBundle());
        assertArrayEquals(expected, builder.payloadBytes());
    }
}
