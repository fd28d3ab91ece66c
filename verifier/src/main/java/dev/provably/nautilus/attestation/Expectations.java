package dev.provably.nautilus.attestation;

import java.util.Objects;
import java.util.Optional;

/**
 * What one verification call must also find in the document: a nonce the caller issued and/or
 * the public key it expects the enclave to have bound. Immutable; arrays are copied in and out.
 */
public final class Expectations {
    private static final Expectations NONE = new Expectations(null, null);

    private final byte[] nonce;
    private final byte[] publicKey;

    private Expectations(byte[] nonce, byte[] publicKey) {
        this.nonce = nonce;
        this.publicKey = publicKey;
    }

    /** No nonce and no public key expected. */
    public static Expectations none() {
        return NONE;
    }

    /** A copy that also requires the document's nonce to equal {@code nonce} exactly. */
    public Expectations withNonce(byte[] nonce) {
        return new Expectations(Objects.requireNonNull(nonce, "nonce").clone(), publicKey);
    }

    /** A copy that also requires the document's public_key to equal {@code publicKey} exactly. */
    public Expectations withPublicKey(byte[] publicKey) {
        return new Expectations(
                nonce, Objects.requireNonNull(publicKey, "publicKey").clone());
    }

    Optional<byte[]> nonce() {
        return Optional.ofNullable(nonce).map(byte[]::clone);
    }

    Optional<byte[]> publicKey() {
        return Optional.ofNullable(publicKey).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "Expectations[nonce=" + (nonce == null ? "any" : nonce.length + " bytes") + ", publicKey="
                + (publicKey == null ? "any" : publicKey.length + " bytes") + "]";
    }
}
