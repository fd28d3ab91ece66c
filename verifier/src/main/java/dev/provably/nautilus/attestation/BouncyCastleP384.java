package dev.provably.nautilus.attestation;

import java.math.BigInteger;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * BouncyCastle's lightweight ECDSA. The key's point keeps BouncyCastle's precomputed multiples,
 * so a key used again (a cached CA) verifies about twice as fast as a fresh one.
 */
final class BouncyCastleP384 implements P384Backend {
    static final BouncyCastleP384 INSTANCE = new BouncyCastleP384();

    private BouncyCastleP384() {}

    @Override
    public SignatureBackend id() {
        return SignatureBackend.BOUNCY_CASTLE;
    }

    @Override
    public boolean verify(P384.PublicKey key, byte[] sha384, BigInteger r, BigInteger s) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, key.parameters());
        return signer.verifySignature(sha384, r, s);
    }

    @Override
    public String toString() {
        return id().name();
    }
}
