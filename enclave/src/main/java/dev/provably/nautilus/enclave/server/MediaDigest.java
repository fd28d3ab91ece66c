package dev.provably.nautilus.enclave.server;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 and length of a request body, computed while streaming it: nothing is buffered
 * beyond one read buffer, and reading stops as soon as the body passes the limit.
 */
record MediaDigest(byte[] sha256, long length) {
    private static final int BUFFER = 64 * 1024;

    MediaDigest {
        sha256 = sha256.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** Streams {@code body}; throws 413 once more than {@code maxBytes} arrive, 400 if none do. */
    static MediaDigest of(InputStream body, long maxBytes) throws IOException, ApiException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n; (n = body.read(buffer)) != -1;) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(maxBytes);
            }
            digest.update(buffer, 0, n);
        }
        if (total == 0) {
            throw ApiException.badRequest("empty_body", "the request body (the media) is empty");
        }
        return new MediaDigest(digest.digest(), total);
    }

    static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "body_too_large", "the media is larger than the limit of " + maxBytes + " bytes");
    }
}
