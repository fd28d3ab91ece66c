package dev.provably.nautilus.attestation;

import java.math.BigInteger;
import java.security.MessageDigest;

/**
 * One implementation of ECDSA P-384 verification over a SHA-384 digest. Callers hand it a key
 * that {@link P384} already validated (named curve, point on the curve) and r, s already in
 * [1, n-1], so an implementation decides the signature equation only and every backend sees the
 * same inputs.
 */
interface P384Backend {
    SignatureBackend id();

    boolean verify(P384.PublicKey key, byte[] sha384, BigInteger r, BigInteger s);

    /** A fresh SHA-384 for the signed bytes; the same digest from every backend, only faster or slower. */
    default MessageDigest sha384() {
        return P384.sha384();
    }
}
