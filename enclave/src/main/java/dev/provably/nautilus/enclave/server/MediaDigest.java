package dev.provably.nautilus.enclave.server;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The SHA-256 and length of the media the enclave received. */
record MediaDigest(byte[] sha256, long length) {
    MediaDigest {
        sha256 = sha256.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    static MediaDigest of(byte[] media) {
        try {
            return new MediaDigest(MessageDigest.getInstance("SHA-256").digest(media), media.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
