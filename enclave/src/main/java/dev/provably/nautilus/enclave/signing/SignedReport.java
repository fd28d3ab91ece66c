package dev.provably.nautilus.enclave.signing;

import dev.provably.nautilus.report.IntentMessage;

/**
 * One signed report: the message, the exact signed bytes, the Ed25519 signature, the public key,
 * the attestation document binding them, and the caller's nonce (null when none). Arrays are
 * copied in and out.
 */
public record SignedReport(
        IntentMessage message, byte[] reportBcs, byte[] signature, byte[] publicKey, byte[] attestation, byte[] nonce) {

    public SignedReport {
        reportBcs = reportBcs.clone();
        signature = signature.clone();
        publicKey = publicKey.clone();
        attestation = attestation.clone();
        nonce = nonce == null ? null : nonce.clone();
    }

    @Override
    public byte[] reportBcs() {
        return reportBcs.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] attestation() {
        return attestation.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce == null ? null : nonce.clone();
    }
}
