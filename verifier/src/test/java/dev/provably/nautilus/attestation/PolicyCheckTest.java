package dev.provably.nautilus.attestation;

import static dev.provably.nautilus.attestation.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The policy on top of cryptographic validity: debug, PCRs, freshness, nonce, public key. */
class PolicyCheckTest {
    private static final long AT = Fixtures.AT.toEpochMilli();
    private static SyntheticNitro.Authority authority;

    @BeforeAll
    static void issueChain() {
        authority = SyntheticNitro.authority(Fixtures.CA_NOT_BEFORE);
    }

    private static SyntheticNitro.DocumentBuilder document() {
        return authority.document(Fixtures.AT);
    }

    private static AttestationVerifier.Builder verifier() {
        return Fixtures.verifierFor(authority);
    }

    @Test
    @AttestationRule("P1")
    @DisplayName("PCR0 all zero is DEBUG_ENCLAVE by default and accepted with allowDebug, reported as debug")
    void debug() throws VerificationException {
        byte[] debugDocument = document().debugMode().build();
        assertRejected(Reason.DEBUG_ENCLAVE, () -> verifier().build().verify(debugDocument));
        assertTrue(verifier().allowDebug(true).build().verify(debugDocument).debug());
    }

    @Test
    @AttestationRule("P1")
    @DisplayName("a non-zero PCR0 is not debug, whatever PCR1 and PCR2 hold")
    void notDebug() throws VerificationException {
        byte[] document = document().pcr(1, new byte[48]).pcr(2, new byte[48]).build();
        assertTrue(!verifier().build().verify(document).debug());
    }

    @Test
    @AttestationRule("P2")
    @DisplayName("expected PCRs must all be present and equal")
    void expectedPcrs() throws VerificationException {
        SyntheticNitro.DocumentBuilder builder = document();
        byte[] document = builder.build();
        Map<Integer, byte[]> nautilus = Map.of(0, builder.pcr(0), 1, builder.pcr(1), 2, builder.pcr(2));
        verifier().expectPcrs(nautilus).build().verify(document);

        byte[] wrongPcr2 = builder.pcr(2);
        wrongPcr2[0] ^= 1;
        assertRejected(Reason.PCR_MISMATCH, () -> verifier()
                .expectPcr(0, builder.pcr(0))
                .expectPcr(1, builder.pcr(1))
                .expectPcr(2, wrongPcr2)
                .build()
                .verify(document));
        assertRejected(
                Reason.PCR_MISMATCH,
                () -> verifier().expectPcr(16, new byte[48]).build().verify(document));
        assertRejected(Reason.PCR_MISMATCH, () -> verifier()
                .expectPcr(0, java.util.Arrays.copyOf(builder.pcr(0), 32))
                .build()
                .verify(document));
    }

    @Test
    @AttestationRule("P1")
    @DisplayName("debug is rejected before PCRs are compared, even when the expected PCRs match")
    void debugBeforePcrs() {
        SyntheticNitro.DocumentBuilder builder = document().debugMode();
        byte[] document = builder.build();
        assertRejected(
                Reason.DEBUG_ENCLAVE,
                () -> verifier().expectPcr(0, builder.pcr(0)).build().verify(document));
    }

    private static AttestationVerifier at(long millis, Duration maxAge) {
        return verifier()
                .clock(Clock.fixed(java.time.Instant.ofEpochMilli(millis), ZoneOffset.UTC))
                .maxAge(maxAge)
                .build();
    }

    @Test
    @AttestationRule("T3")
    @DisplayName("freshness: maximum age and the 30 s future allowance are inclusive, at millisecond precision")
    void freshness() throws VerificationException {
        // A leaf valid well before the timestamp, so only freshness decides (real leaves start ~3 s before).
        byte[] document = document()
                .leafValidity(Fixtures.AT.minusSeconds(3600), Fixtures.AT.plusSeconds(10_800))
                .build();
        Duration fiveMinutes = Duration.ofMinutes(5);
        at(AT + 300_000, fiveMinutes).verify(document);
        assertRejected(Reason.STALE, () -> at(AT + 300_001, fiveMinutes).verify(document));
        at(AT + 3_600_000, Duration.ofHours(1)).verify(document);
        assertRejected(
                Reason.STALE, () -> at(AT + 3_600_001, Duration.ofHours(1)).verify(document));
        at(AT - 30_000, fiveMinutes).verify(document);
        assertRejected(Reason.FROM_FUTURE, () -> at(AT - 30_001, fiveMinutes).verify(document));
    }

    @Test
    @AttestationRule("P3")
    @DisplayName("an expected nonce must be present and equal")
    void nonce() throws VerificationException {
        AttestationVerifier verifier = verifier().build();
        byte[] nonce = {1, 2, 3};
        Expectations expectations = Expectations.none().withNonce(nonce);
        assertArrayEquals(
                nonce,
                verifier.verify(document().nonce(nonce).build(), expectations)
                        .nonce()
                        .orElseThrow());
        assertRejected(Reason.NONCE_MISMATCH, () -> verifier.verify(document().build(), expectations));
        assertRejected(
                Reason.NONCE_MISMATCH,
                () -> verifier.verify(document().remove("nonce").build(), expectations));
        assertRejected(
                Reason.NONCE_MISMATCH,
                () -> verifier.verify(document().nonce(new byte[] {1, 2, 4}).build(), expectations));
        assertRejected(
                Reason.NONCE_MISMATCH,
                () -> verifier.verify(document().nonce(new byte[] {1, 2}).build(), expectations));
    }

    @Test
    @AttestationRule("P4")
    @DisplayName("an expected public key must be present and equal")
    void publicKey() throws VerificationException {
        AttestationVerifier verifier = verifier().build();
        byte[] key = new byte[32];
        key[31] = 7;
        Expectations expectations = Expectations.none().withPublicKey(key);
        verifier.verify(document().publicKey(key).build(), expectations);
        assertRejected(
                Reason.PUBLIC_KEY_MISMATCH, () -> verifier.verify(document().build(), expectations));
        byte[] other = key.clone();
        other[0] = 1;
        assertRejected(
                Reason.PUBLIC_KEY_MISMATCH,
                () -> verifier.verify(document().publicKey(other).build(), expectations));
    }

    @Test
    @AttestationRule({"P3", "P4"})
    @DisplayName("expectations copy their arrays: changing the caller's array later changes nothing")
    void expectationsCopy() throws VerificationException {
        byte[] nonce = {5};
        Expectations expectations = Expectations.none().withNonce(nonce);
        nonce[0] = 6;
        verifier().build().verify(document().nonce(new byte[] {5}).build(), expectations);
    }

    @Test
    @AttestationRule({"P3", "P4"})
    @DisplayName("nonce and public key are checked together")
    void both() {
        byte[] document =
                document().nonce(new byte[] {1}).publicKey(new byte[] {2}).build();
        Expectations expectations =
                Expectations.none().withNonce(new byte[] {1}).withPublicKey(new byte[] {3});
        assertRejected(Reason.PUBLIC_KEY_MISMATCH, () -> verifier().build().verify(document, expectations));
    }
}
