package dev.provably.nautilus.issuer;

import co.nstant.in.cbor.CborEncoder;
import co.nstant.in.cbor.CborException;
import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.SimpleValue;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The layout of a Nitro attestation document, written exactly as the NSM writes it: an untagged
 * COSE_Sign1 {@code [bstr(a1 01 38 22), {}, bstr(payload), bstr(96-byte r||s)]} whose ES384
 * signature covers the RFC 8152 {@code Sig_structure}, and a definite-length payload map with its
 * keys in the AWS order, optional fields CBOR null when absent.
 */
public final class NitroDocument {
    /** The payload's keys, in the order the NSM writes them. */
    public static final List<String> PAYLOAD_KEYS = List.of(
            "module_id", "digest", "timestamp", "pcrs", "certificate", "cabundle", "public_key", "user_data", "nonce");
    /** The only {@code digest} value the NSM writes. */
    public static final String DIGEST = "SHA384";
    /** The context string of a COSE_Sign1 {@code Sig_structure}. */
    public static final String SIGNATURE1_CONTEXT = "Signature1";
    /** ECDSA over SHA-384 with the signature as fixed-length r||s (what COSE needs), in BouncyCastle's naming. */
    private static final String ES384 = "SHA384withPLAIN-ECDSA";
    /** Bytes of an ES384 signature: r and s, 48 bytes each. */
    public static final int ES384_SIGNATURE_LENGTH = 96;
    /** The protected header {1: -35} (alg ES384), as the NSM writes it. */
    private static final byte[] ES384_PROTECTED_HEADER = {(byte) 0xa1, 0x01, 0x38, 0x22};

    private NitroDocument() {}

    /**
     * The protected header {1: -35} (alg ES384) exactly as the NSM encodes it: {@code a1 01 38 22}.
     *
     * @return a fresh copy
     */
    public static byte[] es384ProtectedHeader() {
        return ES384_PROTECTED_HEADER.clone();
    }

    /**
     * What the caller of the NSM chooses or the device measures: everything in the payload except
     * the certificates, which the issuer adds.
     *
     * @param moduleId the enclave's module id
     * @param timestampMillis the document time, milliseconds since the epoch
     * @param pcrs the PCR values by index
     * @param publicKey the {@code public_key} field, or null
     * @param userData the {@code user_data} field, or null
     * @param nonce the {@code nonce} field, or null
     */
    public record Claims(
            String moduleId,
            long timestampMillis,
            SortedMap<Integer, byte[]> pcrs,
            byte[] publicKey,
            byte[] userData,
            byte[] nonce) {
        /** Copies the PCR map (ordered by index) so the claims cannot change after they are made. */
        public Claims {
            pcrs = Collections.unmodifiableSortedMap(new TreeMap<>(pcrs));
        }
    }

    /**
     * Encodes the payload map of {@code claims} signed with the {@code certificate} (DER) that
     * chains through {@code caBundle} (DER, root first).
     *
     * @param claims the caller's and device's fields
     * @param certificate the leaf certificate, DER
     * @param caBundle the CA certificates, DER, root first
     * @return the CBOR payload
     */
    public static byte[] payload(Claims claims, byte[] certificate, List<byte[]> caBundle) {
        Map pcrMap = new Map();
        claims.pcrs().forEach((index, value) -> pcrMap.put(new UnsignedInteger(index), new ByteString(value)));
        Array bundle = new Array();
        caBundle.forEach(der -> bundle.add(new ByteString(der)));
        List<DataItem> values = List.of(
                text(claims.moduleId()),
                text(DIGEST),
                new UnsignedInteger(claims.timestampMillis()),
                pcrMap,
                new ByteString(certificate),
                bundle,
                bytesOrNull(claims.publicKey()),
                bytesOrNull(claims.userData()),
                bytesOrNull(claims.nonce()));
        Map map = new Map();
        for (int i = 0; i < PAYLOAD_KEYS.size(); i++) {
            map.put(text(PAYLOAD_KEYS.get(i)), values.get(i));
        }
        return encode(map);
    }

    /**
     * The RFC 8152 {@code Sig_structure} a COSE_Sign1 signature covers:
     * {@code ["Signature1", bstr(protectedHeader), bstr(''), bstr(payload)]}.
     *
     * @param protectedHeader the contents of the protected-header byte string
     * @param payload the contents of the payload byte string
     * @return the bytes to sign
     */
    public static byte[] sigStructure(byte[] protectedHeader, byte[] payload) {
        return encode(new Array()
                .add(text(SIGNATURE1_CONTEXT))
                .add(new ByteString(protectedHeader))
                .add(new ByteString(new byte[0]))
                .add(new ByteString(payload)));
    }

    /**
     * An ECDSA-SHA-384 signature in the fixed-length r||s form COSE uses (96 bytes with a P-384
     * key; other curves give their own length, which tests use to build wrong documents).
     *
     * @param key the signing key
     * @param message the bytes to sign
     * @return r||s
     * @throws GeneralSecurityException when the key is unusable
     */
    public static byte[] es384Signature(PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(ES384, Crypto.PROVIDER);
        signer.initSign(key);
        signer.update(message);
        return signer.sign();
    }

    /**
     * A complete document: {@code payload} in an untagged COSE_Sign1 with the ES384 protected
     * header, an empty unprotected header and the leaf's signature.
     *
     * @param payload the encoded payload map
     * @param leafKey the P-384 key of the leaf certificate in the payload
     * @return the document bytes
     * @throws GeneralSecurityException when the key is not a P-384 key
     */
    public static byte[] sign1(byte[] payload, PrivateKey leafKey) throws GeneralSecurityException {
        byte[] signature = es384Signature(leafKey, sigStructure(ES384_PROTECTED_HEADER, payload));
        if (signature.length != ES384_SIGNATURE_LENGTH) {
            throw new GeneralSecurityException("ES384 signature must be 96 bytes, got " + signature.length);
        }
        return encode(new Array()
                .add(new ByteString(ES384_PROTECTED_HEADER))
                .add(new Map())
                .add(new ByteString(payload))
                .add(new ByteString(signature)));
    }

    private static UnicodeString text(String value) {
        return new UnicodeString(value);
    }

    private static DataItem bytesOrNull(byte[] value) {
        return value == null ? SimpleValue.NULL : new ByteString(value);
    }

    /**
     * Encodes exactly as built: definite lengths, shortest heads, map entries in insertion order
     * (cbor-java sorts map keys unless told not to, which would break the AWS key order).
     */
    private static byte[] encode(DataItem item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            new CborEncoder(out).nonCanonical().encode(item);
        } catch (CborException e) {
            // Only a failing stream (memory has none) or a malformed model item raises it: a bug here.
            throw new IllegalStateException("cannot encode " + item, e);
        }
        return out.toByteArray();
    }
}
