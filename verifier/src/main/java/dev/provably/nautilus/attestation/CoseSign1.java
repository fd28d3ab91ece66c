package dev.provably.nautilus.attestation;

import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.UnsignedInteger;
import java.util.Arrays;
import java.util.List;

/**
 * docs/attestation-rules.md C1–C4, C7: the outer COSE_Sign1 structure, with the header, payload and
 * signature bytes exactly as received (they are signed as received, never re-encoded).
 */
record CoseSign1(byte[] protectedHeader, byte[] payload, byte[] signature) {
    /** The only accepted protected header: the map {1: -35} (alg ES384), as the NSM writes it. */
    static final byte[] ES384_PROTECTED_HEADER = {(byte) 0xa1, 0x01, 0x38, 0x22};

    static final int COSE_SIGN1_TAG = 18;
    static final int MAX_PAYLOAD_BYTES = 16383;
    static final int SIGNATURE_BYTES = 96;

    static CoseSign1 parse(byte[] document) throws VerificationException {
        if (document == null) {
            throw new VerificationException(Reason.MALFORMED, "document is null");
        }
        DataItem item = CborItems.decode(document, "document", Reason.MALFORMED);
        if (item.hasTag()
                && (item.getTag().getValue() != COSE_SIGN1_TAG || item.getTag().hasTag())) {
            throw new VerificationException(
                    Reason.MALFORMED, "document must be untagged or carry the single COSE_Sign1 tag 18");
        }
        if (!(item instanceof Array array) || CborItems.elements(array).size() != 4) {
            throw new VerificationException(Reason.MALFORMED, "document must be a COSE_Sign1 array of 4 elements");
        }
        List<DataItem> elements = CborItems.elements(array);

        byte[] protectedHeader = plainBytes(elements.get(0), "protected header");
        if (!Arrays.equals(protectedHeader, ES384_PROTECTED_HEADER)) {
            throw new VerificationException(
                    Reason.UNSUPPORTED_ALGORITHM,
                    "protected header must be exactly {1: -35} (ES384), encoded a1 01 38 22");
        }
        if (!(elements.get(1) instanceof Map unprotected) || unprotected.hasTag()) {
            throw new VerificationException(Reason.MALFORMED, "unprotected header must be a CBOR map");
        }
        if (unprotected.get(new UnsignedInteger(1)) != null) {
            throw new VerificationException(
                    Reason.UNSUPPORTED_ALGORITHM, "unprotected header must not carry an algorithm (label 1)");
        }
        byte[] payload = plainBytes(elements.get(2), "payload");
        if (payload.length < 1 || payload.length > MAX_PAYLOAD_BYTES) {
            throw new VerificationException(
                    Reason.MALFORMED, "payload must be 1.." + MAX_PAYLOAD_BYTES + " bytes, got " + payload.length);
        }
        byte[] signature = plainBytes(elements.get(3), "signature");
        if (signature.length != SIGNATURE_BYTES) {
            throw new VerificationException(
                    Reason.BAD_SIGNATURE, "signature must be " + SIGNATURE_BYTES + " bytes, got " + signature.length);
        }
        return new CoseSign1(protectedHeader, payload, signature);
    }

    private static byte[] plainBytes(DataItem item, String name) throws VerificationException {
        if (!(item instanceof ByteString bytes) || item.hasTag()) {
            throw new VerificationException(Reason.MALFORMED, name + " must be a CBOR byte string");
        }
        return bytes.getBytes();
    }
}
