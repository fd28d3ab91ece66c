package dev.provably.nautilus.enclave.local;

import dev.provably.nautilus.enclave.cbor.CborWriter;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.List;
import java.util.SortedMap;

/**
 * Encodes attestation documents exactly as the NSM does: an untagged COSE_Sign1
 * {@code [bstr(a1 01 38 22), {}, bstr(payload), bstr(96-byte r||s)]} whose ES384 signature covers
 * the RFC 8152 {@code Sig_structure}, and a payload map (definite length) with its keys in the AWS
 * order, optional fields as CBOR null when absent.
 */
final class NitroDocumentEncoder {
    /** The protected header {1: -35} (alg ES384), as the NSM writes it. */
    static final byte[] PROTECTED_HEADER = {(byte) 0xa1, 0x01, 0x38, 0x22};
    /** ECDSA with SHA-384, signature as r||s (what COSE needs), in BouncyCastle's naming. */
    static final String COSE_ALGORITHM = "SHA384withPLAIN-ECDSA";

    private NitroDocumentEncoder() {
    }

    /** The attestation document payload. */
    record Payload(String moduleId, long timestampMillis, SortedMap<Integer, byte[]> pcrs, byte[] certificate,
            List<byte[]> caBundle, byte[] publicKey, byte[] userData, byte[] nonce) {

        byte[] encode() {
            CborWriter out = new CborWriter().map(9)
                    .text("module_id").text(moduleId)
                    .text("digest").text("SHA384")
                    .text("timestamp").integer(timestampMillis)
                    .text("pcrs").map(pcrs.size());
            pcrs.forEach((index, value) -> out.integer(index).bytes(value));
            out.text("certificate").bytes(certificate)
                    .text("cabundle").array(caBundle.size());
            caBundle.forEach(out::bytes);
            return out.text("public_key").bytesOrNull(publicKey)
                    .text("user_data").bytesOrNull(userData)
                    .text("nonce").bytesOrNull(nonce)
                    .toByteArray();
        }
    }

    static byte[] sign1(byte[] payload, PrivateKey leafKey, Provider provider) throws GeneralSecurityException {
        byte[] toBeSigned = new CborWriter().array(4)
                .text("Signature1")
                .bytes(PROTECTED_HEADER)
                .bytes(new byte[0])
                .bytes(payload)
                .toByteArray();
        Signature signer = Signature.getInstance(COSE_ALGORITHM, provider);
        signer.initSign(leafKey);
        signer.update(toBeSigned);
        byte[] signature = signer.sign();
        if (signature.length != 96) {
            throw new GeneralSecurityException("ES384 signature must be 96 bytes, got " + signature.length);
        }
        return new CborWriter().array(4)
                .bytes(PROTECTED_HEADER)
                .map(0)
                .bytes(payload)
                .bytes(signature)
                .toByteArray();
    }
}
