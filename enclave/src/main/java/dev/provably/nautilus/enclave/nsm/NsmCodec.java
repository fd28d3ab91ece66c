package dev.provably.nautilus.enclave.nsm;

import static dev.provably.nautilus.enclave.cbor.CborEncoding.bytesOrNull;

import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;
import dev.provably.nautilus.enclave.cbor.CborDecoder;
import dev.provably.nautilus.enclave.cbor.CborEncoding;
import dev.provably.nautilus.enclave.cbor.CborException;
import dev.provably.nautilus.enclave.cbor.CborValue;
import java.util.Map;

/**
 * The NSM's CBOR message encoding, as {@code serde} produces it for {@code nsm-api}'s
 * {@code Request}/{@code Response} enums (externally tagged): a unit variant is the text string of
 * its name ({@code "GetRandom"}); a struct variant is a one-entry map from its name to a map of its
 * fields in declaration order ({@code {"Attestation": {"user_data": …, "nonce": …, "public_key": …}}});
 * a newtype variant maps its name to the inner value ({@code {"Error": "InvalidIndex"}});
 * {@code Option::None} is CBOR null and byte buffers are byte strings.
 */
public final class NsmCodec {

    private NsmCodec() {
    }

    public static byte[] encode(NsmRequest request) {
        DataItem item;
        if (request instanceof NsmRequest.GetRandom) {
            item = new UnicodeString("GetRandom");
        } else if (request instanceof NsmRequest.DescribePcr describe) {
            item = variant("DescribePCR", new co.nstant.in.cbor.model.Map()
                    .put(new UnicodeString("index"), new UnsignedInteger(describe.index())));
        } else if (request instanceof NsmRequest.Attestation attestation) {
            item = variant("Attestation", new co.nstant.in.cbor.model.Map()
                    .put(new UnicodeString("user_data"), bytesOrNull(attestation.userData()))
                    .put(new UnicodeString("nonce"), bytesOrNull(attestation.nonce()))
                    .put(new UnicodeString("public_key"), bytesOrNull(attestation.publicKey())));
        } else {
            throw new IllegalArgumentException("unsupported NSM request " + request);
        }
        return CborEncoding.encode(item);
    }

    private static co.nstant.in.cbor.model.Map variant(String name, co.nstant.in.cbor.model.Map fields) {
        return new co.nstant.in.cbor.model.Map().put(new UnicodeString(name), fields);
    }

    /** Decodes a response; unknown fields inside a known variant are ignored, as serde does. */
    public static NsmResponse decode(byte[] bytes) throws NsmException {
        CborValue value;
        try {
            value = CborDecoder.decode(bytes);
        } catch (CborException e) {
            throw new NsmException("NSM response is not valid CBOR: " + e.getMessage());
        }
        if (value instanceof CborValue.Text unit) {
            throw new NsmException("unexpected NSM response " + unit.value());
        }
        if (!(value instanceof CborValue.MapValue map) || map.entries().size() != 1) {
            throw new NsmException("NSM response must be a one-entry map naming its variant");
        }
        Map.Entry<CborValue, CborValue> entry = map.entries().entrySet().iterator().next();
        if (!(entry.getKey() instanceof CborValue.Text variant)) {
            throw new NsmException("NSM response variant name must be a text string");
        }
        CborValue content = entry.getValue();
        switch (variant.value()) {
            case "Attestation":
                return new NsmResponse.Attestation(bytesField(fields(content, "Attestation"), "document"));
            case "GetRandom":
                return new NsmResponse.GetRandom(bytesField(fields(content, "GetRandom"), "random"));
            case "DescribePCR": {
                CborValue.MapValue fields = fields(content, "DescribePCR");
                if (!(fields.get("lock").orElse(null) instanceof CborValue.Bool lock)) {
                    throw new NsmException("NSM DescribePCR response needs a boolean lock");
                }
                return new NsmResponse.DescribePcr(lock.value(), bytesField(fields, "data"));
            }
            case "Error": {
                if (!(content instanceof CborValue.Text name)) {
                    throw new NsmException("NSM Error response must carry an error code name");
                }
                return new NsmResponse.Error(NsmErrorCode.fromWireName(name.value())
                        .orElseThrow(() -> new NsmException("unknown NSM error code " + name.value())));
            }
            default:
                throw new NsmException("unexpected NSM response " + variant.value());
        }
    }

    private static CborValue.MapValue fields(CborValue content, String variant) throws NsmException {
        if (content instanceof CborValue.MapValue fields) {
            return fields;
        }
        throw new NsmException("NSM " + variant + " response must carry a map of fields");
    }

    private static byte[] bytesField(CborValue.MapValue fields, String name) throws NsmException {
        if (fields.get(name).orElse(null) instanceof CborValue.Bytes bytes) {
            return bytes.value();
        }
        throw new NsmException("NSM response needs a byte string " + name);
    }
}
