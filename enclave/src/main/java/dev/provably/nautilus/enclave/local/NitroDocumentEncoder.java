package dev.provably.nautilus.enclave.local;

import static dev.provably.nautilus.enclave.cbor.CborEncoding.bytesOrNull;

import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;
import dev.provably.nautilus.enclave.cbor.CborEncoding;
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
            Map pcrMap = new Map();
            pcrs.forEach((index, value) -> pcrMap.put(new UnsignedInteger(index), new ByteString(value)));
            Array bundle = new Array();
            caBundle.forEach(der -> bundle.add(new ByteString(der)));
            return CborEncoding.encode(new Map()
                    .put(text("module_id"), text(moduleId))
                    .put(text("digest"), text("SHA384"))
                    .put(text("timestamp"), new UnsignedInteger(timestampMillis))
                    .put(text("pcrs"), pcrMap)
                    .put(text("certificate"), new ByteString(certificate))
                    .put(text("cabundle"), bundle)
                    .put(text("public_key"), bytesOrNull(publicKey))
                    .put(text("user_data"), bytesOrNull(userData))
                    .put(text("nonce"), bytesOrNull(nonce)));
        }
    }

    static byte[] sign1(byte[] payload, PrivateKey leafKey, Provider provider) throws GeneralSecurityException {
        byte[] toBeSigned = CborEncoding.encode(new Array()
                .add(text("Signature1"))
                .add(new ByteString(PROTECTED_HEADER))
                .add(new ByteString(new byte[0]))
                .add(new ByteString(payload)));
        Signature signer = Signature.getInstance(COSE_ALGORITHM, provider);
        signer.initSign(leafKey);
        signer.update(toBeSigned);
        byte[] signature = signer.sign();
        if (signature.length != 96) {
            throw new GeneralSecurityException("ES384 signature must be 96 bytes, got " + signature.length);
        }
        return CborEncoding.encode(new Array()
                .add(new ByteString(PROTECTED_HEADER))
                .add(new Map())
                .add(new ByteString(payload))
                .add(new ByteString(signature)));
    }

    private static UnicodeString text(String value) {
        return new UnicodeString(value);
    }
}
