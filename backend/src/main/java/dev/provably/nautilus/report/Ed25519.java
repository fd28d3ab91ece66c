package dev.provably.nautilus.report;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 (RFC 8032) verification with BouncyCastle, which rejects non-canonical and small-order
 * public keys and non-canonical {@code S}. That is no looser than Sui's {@code ed25519_verify}, so
 * a report accepted here also verifies on chain.
 */
final class Ed25519 {
    static final int PUBLIC_KEY_LENGTH = 32;
    static final int SIGNATURE_LENGTH = 64;

    private Ed25519() {}

    /**
     * Parses a raw 32-byte public key.
     *
     * @throws IllegalArgumentException if the bytes are not a valid Ed25519 point
     */
    static Ed25519PublicKeyParameters publicKey(byte[] raw) {
        if (raw.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "an Ed25519 public key is " + PUBLIC_KEY_LENGTH + " bytes, got " + raw.length);
        }
        return new Ed25519PublicKeyParameters(raw, 0);
    }

    static boolean verify(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
