package dev.provably.nautilus.attestation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared times and verifier settings for tests built on {@link SyntheticNitro}. */
final class Fixtures {
    static final Instant CA_NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    /** Document timestamp and verification time of synthetic tests (inside every default validity). */
    static final Instant AT = Instant.parse("2025-01-02T12:00:00.250Z");

    private Fixtures() {}

    /** A verifier trusting {@code authority}'s root, at {@link #AT}, otherwise default settings. */
    static AttestationVerifier.Builder verifierFor(SyntheticNitro.Authority authority) {
        return AttestationVerifier.builder()
                .anyEnclaveImage()
                .trustAnchor(TrustAnchor.of(authority.rootCertificate()))
                .clock(Clock.fixed(AT, ZoneOffset.UTC));
    }
}
