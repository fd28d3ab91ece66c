package dev.provably.nautilus.enclave.identity;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the parent keeps for one release: the KMS ciphertext of the Ed25519 seed, the public key it
 * derives (so a restart can check the unsealed seed is the one registered) and the release's PCR0
 * (hex), the KMS encryption context that ties the ciphertext to that release. Nothing secret.
 */
public record SealedIdentity(String release, byte[] ciphertext, byte[] publicKey) {
    public static final int PUBLIC_KEY_LENGTH = 32;
    /** Far above any KMS ciphertext (at most 6 KiB); bounds what a hostile parent can hand over. */
    public static final int MAX_CIPHERTEXT_LENGTH = 8 * 1024;

    public SealedIdentity {
        Objects.requireNonNull(release, "release");
        if (!release.matches("[0-9a-f]{96}")) {
            throw new IllegalArgumentException("release must be a PCR0 as 96 lowercase hex digits");
        }
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (ciphertext.length == 0 || ciphertext.length > MAX_CIPHERTEXT_LENGTH) {
            throw new IllegalArgumentException(
                    "ciphertext must be 1.." + MAX_CIPHERTEXT_LENGTH + " bytes, got " + ciphertext.length);
        }
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "publicKey must be " + PUBLIC_KEY_LENGTH + " bytes, got " + publicKey.length);
        }
        ciphertext = ciphertext.clone();
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedIdentity that
                && release.equals(that.release)
                && Arrays.equals(ciphertext, that.ciphertext)
                && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(release, Arrays.hashCode(ciphertext), Arrays.hashCode(publicKey));
    }

    @Override
    public String toString() {
        return "SealedIdentity[release=" + release.substring(0, 16) + "..., publicKey="
                + HexFormat.of().formatHex(publicKey) + ", ciphertext=" + ciphertext.length + " bytes]";
    }
}
