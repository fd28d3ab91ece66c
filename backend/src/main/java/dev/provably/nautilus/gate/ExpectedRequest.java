package dev.provably.nautilus.gate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the backend sent with the request whose response it is checking: the fresh nonce and the
 * SHA-256 of the media. Both are required, so the gate always binds a report to the request that
 * produced it: a report on other media, or one whose nonce was dropped, is refused even though its
 * enclave, attestation and signature are genuine (the enclave API is plain HTTP behind the load
 * balancer, so anyone on the path can post other bytes with the backend's nonce).
 *
 * @param nonce the nonce the backend sent, at least one byte (the attestation profile bounds its size)
 * @param mediaSha256 SHA-256 of the media bytes the backend sent
 */
public record ExpectedRequest(byte[] nonce, byte[] mediaSha256) {
    public ExpectedRequest {
        Objects.requireNonNull(nonce, "nonce: the backend must send a fresh nonce with every request");
        Objects.requireNonNull(mediaSha256, "mediaSha256: the SHA-256 of the media the backend sent");
        if (nonce.length == 0) {
            throw new IllegalArgumentException("nonce is empty: the backend must send a fresh, non-empty nonce");
        }
        if (mediaSha256.length != 32) {
            throw new IllegalArgumentException("mediaSha256 must be 32 bytes, got " + mediaSha256.length);
        }
        nonce = nonce.clone();
        mediaSha256 = mediaSha256.clone();
    }

    /** The nonce and the media's SHA-256, as the backend recorded them. */
    public static ExpectedRequest of(byte[] nonce, byte[] mediaSha256) {
        return new ExpectedRequest(nonce, mediaSha256);
    }

    /** The nonce and the media bytes themselves (hashed here). */
    public static ExpectedRequest forMedia(byte[] nonce, byte[] media) {
        return new ExpectedRequest(nonce, sha256().digest(Objects.requireNonNull(media, "media")));
    }

    /** The nonce and a media file (streamed through SHA-256). */
    public static ExpectedRequest forMediaFile(byte[] nonce, Path media) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(media)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
            }
        }
        return new ExpectedRequest(nonce, digest.digest());
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] mediaSha256() {
        return mediaSha256.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExpectedRequest that
                && java.util.Arrays.equals(nonce, that.nonce)
                && java.util.Arrays.equals(mediaSha256, that.mediaSha256);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(nonce) + java.util.Arrays.hashCode(mediaSha256);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "ExpectedRequest[nonce=" + hex.formatHex(nonce) + ", mediaSha256=" + hex.formatHex(mediaSha256) + "]";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
