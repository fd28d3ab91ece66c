package dev.provably.nautilus.attestation;

import static dev.provably.nautilus.attestation.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The public entry point: builder rules, defaults and the immutability of results. */
class AttestationVerifierTest {
    private static final byte[] WEATHER = Vectors.read(Vectors.WEATHER);

    private static AttestationVerifier.Builder atWeather() {
        return AttestationVerifier.builder().anyEnclaveImage().clock(Vectors.at(Vectors.WEATHER_TIMESTAMP));
    }

    @Test
    @AttestationRule({"T3", "P2"})
    @DisplayName("the builder rejects a non-positive max age, bad PCR expectations and a negative cache size")
    void builderValidation() {
        AttestationVerifier.Builder builder = AttestationVerifier.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.maxAge(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.maxAge(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> builder.expectPcr(-1, new byte[48]));
        assertThrows(IllegalArgumentException.class, () -> builder.expectPcr(32, new byte[48]));
        assertThrows(IllegalArgumentException.class, () -> builder.expectPcr(0, new byte[47]));
        assertThrows(IllegalArgumentException.class, () -> builder.expectPcr(0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> builder.chainCacheSize(-1));
        assertThrows(NullPointerException.class, () -> builder.expectPcr(0, null));
        assertThrows(NullPointerException.class, () -> builder.clock(null));
        assertThrows(NullPointerException.class, () -> builder.profile(null));
        assertThrows(NullPointerException.class, () -> builder.trustAnchor(null));
        Map<Integer, byte[]> nullKey = new HashMap<>();
        nullKey.put(null, new byte[48]);
        assertThrows(NullPointerException.class, () -> builder.expectPcrs(nullKey));
    }

    @Test
    @AttestationRule("P2")
    @DisplayName("a verifier must say which image it trusts: no expected PCR is refused unless anyEnclaveImage()")
    void pcrsRequiredUnlessUnsafeChoiceWritten() throws VerificationException {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> AttestationVerifier.builder()
                .clock(Vectors.at(Vectors.WEATHER_TIMESTAMP))
                .build());
        assertTrue(refused.getMessage().contains("anyEnclaveImage()"), refused.getMessage());
        byte[] pcr0 = atWeather().build().verify(WEATHER).pcrs().get(0);
        AttestationVerifier.builder()
                .clock(Vectors.at(Vectors.WEATHER_TIMESTAMP))
                .expectPcr(0, pcr0)
                .build()
                .verify(WEATHER);
    }

    @Test
    @AttestationRule("P2")
    @DisplayName("the same PCR index twice is refused, as in BackendConfig and the CLI, not silently replaced")
    void repeatedPcrIndex() {
        AttestationVerifier.Builder builder = AttestationVerifier.builder().expectPcr(0, new byte[48]);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> builder.expectPcr(0, new byte[48]));
        assertTrue(e.getMessage().contains("already expected"), e.getMessage());
    }

    @Test
    @AttestationRule("T1")
    @DisplayName("a clock outside the representable range is a VerifierFault (setup), not a certificate verdict")
    void clockOutOfRangeIsAFault() {
        java.time.Clock broken = java.time.Clock.fixed(java.time.Instant.MAX, java.time.ZoneOffset.UTC);
        VerifierFault fault = assertThrows(VerifierFault.class, () -> AttestationVerifier.builder()
                .anyEnclaveImage()
                .clock(broken)
                .build()
                .verify(WEATHER));
        assertTrue(fault.getMessage().contains("clock"), fault.getMessage());
    }

    @Test
    @AttestationRule({"X2", "T3", "P1", "F9"})
    @DisplayName("defaults are strict: profile SUI, debug rejected, 5 minute max age, AWS root")
    void defaults() throws VerificationException {
        Vectors hf = Vectors.named("hf-nitrite-20211028-debug.cbor");
        assertRejected(Reason.DEBUG_ENCLAVE, () -> AttestationVerifier.builder()
                .anyEnclaveImage()
                .profile(Profile.NSM)
                .clock(Vectors.at(hf.timestampMillis()))
                .build()
                .verify(hf.bytes()));
        assertRejected(Reason.FIELD_INVALID, () -> AttestationVerifier.builder()
                .anyEnclaveImage()
                .allowDebug(true)
                .clock(Vectors.at(hf.timestampMillis()))
                .build()
                .verify(hf.bytes()));
        assertEquals(Profile.SUI, atWeather().build().verify(WEATHER).profile());
        assertRejected(Reason.STALE, () -> AttestationVerifier.builder()
                .anyEnclaveImage()
                .clock(Vectors.at(Vectors.WEATHER_TIMESTAMP + 300_001))
                .build()
                .verify(WEATHER));
    }

    @Test
    @DisplayName("the builder copies PCR values: changing the caller's array afterwards changes nothing")
    void builderCopiesPcrs() throws VerificationException {
        byte[] pcr0 = atWeather().build().verify(WEATHER).pcr(0).orElseThrow();
        AttestationVerifier.Builder builder = atWeather().expectPcr(0, pcr0);
        AttestationVerifier verifier = builder.build();
        pcr0[0] ^= 1;
        verifier.verify(WEATHER);
        builder.build().verify(WEATHER);
        assertRejected(
                Reason.PCR_MISMATCH,
                () -> atWeather().expectPcr(0, pcr0).build().verify(WEATHER));
    }

    @Test
    @AttestationRule("C1")
    @DisplayName("a null document is MALFORMED; null expectations are a programming error")
    void nulls() {
        AttestationVerifier verifier = atWeather().build();
        assertRejected(Reason.MALFORMED, () -> verifier.verify(null));
        assertRejected(Reason.MALFORMED, () -> verifier.verifyArchived(null));
        assertThrows(NullPointerException.class, () -> verifier.verify(WEATHER, null));
    }

    @Test
    @DisplayName("results hand out copies; the verified bytes are the caller's bytes at call time")
    void resultsAreImmutable() throws VerificationException {
        byte[] input = WEATHER.clone();
        VerifiedAttestation verified = atWeather().build().verify(input);
        input[100] ^= 1;
        assertArrayEquals(WEATHER, verified.document());
        verified.document()[0] = 0;
        assertArrayEquals(WEATHER, verified.document());

        byte[] pcr0 = verified.pcr(0).orElseThrow();
        pcr0[0] ^= 1;
        assertArrayEquals(verified.pcrs().get(0), verified.pcr(0).orElseThrow());
        verified.pcrs().get(1)[0] ^= 1;
        assertArrayEquals(verified.pcr(1).orElseThrow(), verified.pcrs().get(1));
        verified.publicKey().orElseThrow()[0] ^= 1;
        assertArrayEquals(
                verified.publicKey().orElseThrow(), verified.publicKey().orElseThrow());
        assertThrows(UnsupportedOperationException.class, () -> verified.pcrs().put(99, new byte[48]));
        assertThrows(
                UnsupportedOperationException.class, () -> verified.caBundle().clear());
    }

    @Test
    @DisplayName("the result describes the document: module, time, digest, PCRs, key, certificates")
    void resultContents() throws VerificationException {
        VerifiedAttestation verified = atWeather().build().verify(WEATHER);
        assertTrue(verified.moduleId().startsWith("i-"), verified.moduleId());
        assertEquals(Vectors.WEATHER_TIMESTAMP, verified.timestamp().toEpochMilli());
        assertEquals("SHA384", verified.digest());
        assertEquals(16, verified.pcrs().size());
        assertTrue(verified.pcr(16).isEmpty());
        assertEquals(
                verified.caBundle().get(3).getSubjectX500Principal(),
                verified.certificate().getIssuerX500Principal());
        assertEquals(
                "VerifiedAttestation[moduleId=" + verified.moduleId() + ", timestamp=2025-04-15T02:25:23.696Z, "
                        + "profile=SUI, debug=false]",
                verified.toString());
    }

    @Test
    @DisplayName("an exception names its reason and a human sentence")
    void exceptionText() {
        VerificationException e =
                assertRejected(Reason.MALFORMED, () -> atWeather().build().verify(new byte[] {0x00, 0x00}));
        assertEquals("document has 1 trailing byte(s) after its CBOR item", e.getMessage());
        assertEquals(
                "VerificationException[MALFORMED]: document has 1 trailing byte(s) after its CBOR item", e.toString());
    }
}
