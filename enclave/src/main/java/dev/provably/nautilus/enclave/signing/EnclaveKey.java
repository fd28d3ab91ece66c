package dev.provably.nautilus.enclave.signing;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The enclave's Ed25519 key, created at start from 32 bytes of entropy (NSM GetRandom inside an
 * enclave). The private key stays in this object: no accessor, not serialisable, never printed.
 * Thread-safe: each signature uses its own signer.
 */
public final class EnclaveKey {
    public static final int SEED_LENGTH = 32;

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;

    private EnclaveKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey().getEncoded();
    }

    /** A key from a 32-byte seed; the caller's seed array is wiped. */
    public static EnclaveKey fromSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed is " + SEED_LENGTH + " bytes");
        }
        try {
            return new EnclaveKey(new Ed25519PrivateKeyParameters(seed, 0));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The 32 raw public key bytes (what the attestation binds and Sui registers). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** A 64-byte Ed25519 signature (RFC 8032, pure) over {@code message}. */
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    @Override
    public String toString() {
        return "EnclaveKey[publicKey=" + HexFormat.of().formatHex(publicKey) + "]";
    }
}
