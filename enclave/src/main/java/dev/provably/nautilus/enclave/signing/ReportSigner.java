package dev.provably.nautilus.enclave.signing;

import dev.provably.nautilus.enclave.attest.AttestationException;
import dev.provably.nautilus.enclave.attest.AttestationSource;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.MediaReport;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;

/**
 * Signs media reports and has them attested. The signed bytes are {@code BCS(IntentMessage)} with
 * {@code timestampMs} = this enclave's clock at signing; the attestation binds
 * {@code public_key} = the 32 raw Ed25519 bytes, {@code user_data} = SHA-256 of the signed bytes,
 * {@code nonce} = the caller's nonce. Thread-safe; holds no per-request state.
 */
public final class ReportSigner {
    /** The largest nonce the default (Sui) verifier profile accepts. */
    public static final int MAX_NONCE_LENGTH = 512;

    private final EnclaveKey key;
    private final AttestationSource source;
    private final Clock clock;

    public ReportSigner(EnclaveKey key, AttestationSource source, Clock clock) {
        this.key = key;
        this.source = source;
        this.clock = clock;
    }

    public byte[] publicKey() {
        return key.publicKey();
    }

    public String mode() {
        return source.mode();
    }

    /** Signs a report the enclave measured and computed, and attests it. */
    public SignedReport sign(MediaReport report, byte[] nonce) throws AttestationException {
        requireNonce(nonce);
        IntentMessage message = new IntentMessage(IntentMessage.MEDIA_REPORT_INTENT, clock.millis(), report);
        byte[] bcs = message.toBcs();
        byte[] signature = key.sign(bcs);
        byte[] publicKey = key.publicKey();
        byte[] attestation = source.attest(publicKey, sha256(bcs), nonce);
        return new SignedReport(message, bcs, signature, publicKey, attestation, nonce);
    }

    /** A fresh document binding only the public key (and the nonce): for registering the enclave. */
    public byte[] attestKey(byte[] nonce) throws AttestationException {
        requireNonce(nonce);
        return source.attest(key.publicKey(), null, nonce);
    }

    private static void requireNonce(byte[] nonce) {
        if (nonce != null && (nonce.length == 0 || nonce.length > MAX_NONCE_LENGTH)) {
            throw new IllegalArgumentException("nonce must be 1.." + MAX_NONCE_LENGTH + " bytes, got " + nonce.length);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
