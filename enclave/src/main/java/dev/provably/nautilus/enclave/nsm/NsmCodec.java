package dev.provably.nautilus.enclave.nsm;

import static dev.provably.nautilus.enclave.cbor.CborEncoding.bytesOrNull;

import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.SimpleValue;
import co.nstant.in.cbor.model.SimpleValueType;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;
import dev.provably.nautilus.cbor.BoundedCbor;
import dev.provably.nautilus.cbor.CborFormatException;
import dev.provably.nautilus.enclave.cbor.CborEncoding;

/**
 * The NSM's CBOR message encoding, as {@code serde} produces it for {@code nsm-api}'s
 * {@code Request}/{@code Response} enums (externally tagged): a unit variant is the text string of
 * its name ({@code "GetRandom"}); a struct variant is a one-entry map from its name to a map of its
 * fields in declaration order ({@code {"Attestation": {"user_data": …, "nonce": …, "public_key": …}}});
 * a newtype variant maps its name to the inner value ({@code {"Error": "InvalidIndex"}});
 * {@code Option::None} is CBOR null and byte buffers are byte strings. Tagged items are never
 * accepted where a response field is read.
 */
public final class NsmCodec {
    /** Responses nest two levels and hold a handful of items; these caps leave room for new fields. */
    private static final BoundedCbor.Limits RESPONSE_LIMITS = new BoundedCbor.Limits(16, 4096);

    private NsmCodec() {}

    public static byte[] encode(NsmRequest request) {
        DataItem item;
        if (request instanceof NsmRequest.GetRandom) {
            item = new UnicodeString("GetRandom");
        } else if (request instanceof NsmRequest.DescribePcr describe) {
            item = variant(
                    "DescribePCR", new Map().put(new UnicodeString("index"), new UnsignedInteger(describe.index())));
        } else if (request instanceof NsmRequest.Attestation attestation) {
            item = variant(
                    "Attestation",
                    new Map()
                            .put(new UnicodeString("user_data"), bytesOrNull(attestation.userData()))
                            .put(new UnicodeString("nonce"), bytesOrNull(attestation.nonce()))
                            .put(new UnicodeString("public_key"), bytesOrNull(attestation.publicKey())));
        } else {
            throw new IllegalArgumentException("unsupported NSM request " + request);
        }
        return CborEncoding.encode(item);
    }

    private static Map variant(String name, Map fields) {
        return new Map().put(new UnicodeString(name), fields);
    }

    /** Decodes a response; unknown fields inside a known variant are ignored, as serde does. */
    public static NsmResponse decode(byte[] bytes) throws NsmException {
        DataItem value;
        try {
            value = BoundedCbor.decodeOne(bytes, RESPONSE_LIMITS);
        } catch (CborFormatException e) {
            throw new NsmException("NSM response is not valid CBOR: " + e.getMessage());
        }
        if (value instanceof UnicodeString unit && !unit.hasTag()) {
            throw new NsmException("unexpected NSM response " + unit.getString());
        }
        if (!(value instanceof Map map) || map.hasTag() || map.getKeys().size() != 1) {
            throw new NsmException("NSM response must be a one-entry map naming its variant");
        }
        DataItem key = map.getKeys().iterator().next();
        if (!(key instanceof UnicodeString variant) || variant.hasTag()) {
            throw new NsmException("NSM response variant name must be a text string");
        }
        DataItem content = map.get(key);
        switch (variant.getString()) {
            case "Attestation":
                return new NsmResponse.Attestation(bytesField(fields(content, "Attestation"), "document"));
            case "GetRandom":
                return new NsmResponse.GetRandom(bytesField(fields(content, "GetRandom"), "random"));
            case "DescribePCR": {
                Map fields = fields(content, "DescribePCR");
                return new NsmResponse.DescribePcr(
                        lock(fields.get(new UnicodeString("lock"))), bytesField(fields, "data"));
            }
            case "Error": {
                if (!(content instanceof UnicodeString name) || name.hasTag()) {
                    throw new NsmException("NSM Error response must carry an error code name");
                }
                return new NsmResponse.Error(NsmErrorCode.fromWireName(name.getString())
                        .orElseThrow(() -> new NsmException("unknown NSM error code " + name.getString())));
            }
            default:
                throw new NsmException("unexpected NSM response " + variant.getString());
        }
    }

    private static Map fields(DataItem content, String variant) throws NsmException {
        if (content instanceof Map fields && !fields.hasTag()) {
            return fields;
        }
        throw new NsmException("NSM " + variant + " response must carry a map of fields");
    }

    private static byte[] bytesField(Map fields, String name) throws NsmException {
        if (fields.get(new UnicodeString(name)) instanceof ByteString bytes && !bytes.hasTag()) {
            return bytes.getBytes();
        }
        throw new NsmException("NSM response needs a byte string " + name);
    }

    private static boolean lock(DataItem item) throws NsmException {
        if (item instanceof SimpleValue simple && !simple.hasTag()) {
            if (simple.getSimpleValueType() == SimpleValueType.TRUE) {
                return true;
            }
            if (simple.getSimpleValueType() == SimpleValueType.FALSE) {
                return false;
            }
        }
        throw new NsmException("NSM DescribePCR response needs a boolean lock");
    }
}
