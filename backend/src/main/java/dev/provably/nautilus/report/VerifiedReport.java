package dev.provably.nautilus.report;

import dev.provably.nautilus.attestation.VerifiedAttestation;

/**
 * A report whose signature verifies under the attested enclave key and whose bytes are bound to the
 * attestation by {@code user_data}. Only {@link ReportVerifier} creates these. Immutable; byte
 * arrays are copied out.
 */
public final class VerifiedReport {
    private final IntentMessage message;
    private final byte[] signedBytes;
    private final byte[] signature;
    private final byte[] publicKey;
    private final VerifiedAttestation attestation;

    VerifiedReport(
            IntentMessage message,
            byte[] signedBytes,
            byte[] signature,
            byte[] publicKey,
            VerifiedAttestation attestation) {
        this.message = message;
        this.signedBytes = signedBytes.clone();
        this.signature = signature.clone();
        this.publicKey = publicKey.clone();
        this.attestation = attestation;
    }

    /** The report decoded from the signed bytes. */
    public IntentMessage message() {
        return message;
    }

    /** The exact signed bytes: {@code BCS(IntentMessage)}. */
    public byte[] signedBytes() {
        return signedBytes.clone();
    }

    /** The 64-byte Ed25519 signature. */
    public byte[] signature() {
        return signature.clone();
    }

    /** The enclave's 32-byte Ed25519 public key, as attested. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The attestation the report is bound to. */
    public VerifiedAttestation attestation() {
        return attestation;
    }

    @Override
    public String toString() {
        return "VerifiedReport[" + message + "]";
    }
}
