package dev.provably.nautilus.enclave.cbor;

import co.nstant.in.cbor.CborEncoder;
import co.nstant.in.cbor.CborException;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.SimpleValue;
import java.io.ByteArrayOutputStream;

/**
 * Encodes cbor-java items exactly as built: definite lengths, shortest-form heads, map entries in
 * insertion order. cbor-java's encoder sorts map keys by default (RFC 7049 canonical order), which
 * would break serde's field order in NSM requests, so every encoding in the enclave goes through
 * here, with that sort switched off (the nitro-issuer module writes attestation documents the same way).
 */
public final class CborEncoding {
    private CborEncoding() {}

    public static byte[] encode(DataItem item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            new CborEncoder(out).nonCanonical().encode(item);
        } catch (CborException e) {
            // Raised for a failing stream (memory has none) or a malformed model item, such as a
            // float type on a plain simple value, which the enclave never builds: a programming error.
            throw new IllegalStateException("cbor-java could not encode " + item, e);
        }
        return out.toByteArray();
    }

    /** A byte string, or CBOR null when {@code value} is null: serde's encoding of {@code Option<Vec<u8>>}. */
    public static DataItem bytesOrNull(byte[] value) {
        return value == null ? SimpleValue.NULL : new ByteString(value.clone());
    }
}
