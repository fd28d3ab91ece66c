package dev.provably.nautilus.attestation;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA384Digest;

/**
 * docs/attestation-rules.md C5: ES384 over the RFC 8152 Sig_structure
 * {@code ["Signature1", protected, h'', payload]}, built from the bytes exactly as received.
 */
final class CoseSignature {
    private static final byte[] CONTEXT = "Signature1".getBytes(StandardCharsets.US_ASCII);

    private CoseSignature() {
    }

    static void verify(CoseSign1 cose, P384.PublicKey leafKey, P384Backend backend) throws VerificationException {
        BigInteger[] rs = P384.splitRawSignature(cose.signature());
        if (!leafKey.verify(backend, sigStructureDigest(cose.protectedHeader(), cose.payload()), rs[0], rs[1])) {
            throw new VerificationException(Reason.BAD_SIGNATURE,
                "COSE ES384 signature does not verify with the leaf certificate's key");
        }
    }

    /** SHA-384 of the encoded Sig_structure, streamed without copying the payload. */
    static byte[] sigStructureDigest(byte[] protectedHeader, byte[] payload) {
        SHA384Digest digest = new SHA384Digest();
        update(digest, new byte[] {(byte) 0x84});
        update(digest, head(3, CONTEXT.length));
        update(digest, CONTEXT);
        update(digest, head(2, protectedHeader.length));
        update(digest, protectedHeader);
        update(digest, head(2, 0));
        update(digest, head(2, payload.length));
        update(digest, payload);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    private static void update(SHA384Digest digest, byte[] bytes) {
        digest.update(bytes, 0, bytes.length);
    }

    /** A shortest-form CBOR head for a non-negative length. */
    private static byte[] head(int major, int length) {
        int type = major << 5;
        if (length < 24) {
            return new byte[] {(byte) (type | length)};
        }
        if (length < 0x100) {
            return new byte[] {(byte) (type | 24), (byte) length};
        }
        if (length < 0x10000) {
            return new byte[] {(byte) (type | 25), (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) (type | 26), (byte) (length >> 24), (byte) (length >> 16), (byte) (length >> 8),
            (byte) length};
    }
}
