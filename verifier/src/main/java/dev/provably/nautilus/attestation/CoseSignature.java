package dev.provably.nautilus.attestation;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * docs/attestation-rules.md C5: ES384 over the RFC 8152 Sig_structure
 * {@code ["Signature1", protected, h'', payload]}, built from the bytes exactly as received.
 */
final class CoseSignature {
    private static final byte[] CONTEXT = "Signature1".getBytes(StandardCharsets.US_ASCII);

    private CoseSignature() {}

    static void verify(CoseSign1 cose, P384.PublicKey leafKey, P384Backend backend) throws VerificationException {
        BigInteger[] rs = P384.splitRawSignature(cose.signature());
        byte[] digest = sigStructureDigest(backend.sha384(), cose.protectedHeader(), cose.payload());
        if (!leafKey.verify(backend, digest, rs[0], rs[1])) {
            throw new VerificationException(
                    Reason.BAD_SIGNATURE, "COSE ES384 signature does not verify with the leaf certificate's key");
        }
    }

    /** SHA-384 (by {@code digest}) of the encoded Sig_structure, streamed without copying the payload. */
    static byte[] sigStructureDigest(MessageDigest digest, byte[] protectedHeader, byte[] payload) {
        digest.update((byte) 0x84);
        digest.update(head(3, CONTEXT.length));
        digest.update(CONTEXT);
        digest.update(head(2, protectedHeader.length));
        digest.update(protectedHeader);
        digest.update(head(2, 0));
        digest.update(head(2, payload.length));
        digest.update(payload);
        return digest.digest();
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
        return new byte[] {
            (byte) (type | 26), (byte) (length >> 24), (byte) (length >> 16), (byte) (length >> 8), (byte) length
        };
    }
}
