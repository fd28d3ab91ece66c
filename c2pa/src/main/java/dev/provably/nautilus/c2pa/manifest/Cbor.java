package dev.provably.nautilus.c2pa.manifest;

import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.NegativeInteger;
import co.nstant.in.cbor.model.Special;
import co.nstant.in.cbor.model.SpecialType;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;
import dev.provably.nautilus.cbor.BoundedCbor;
import dev.provably.nautilus.cbor.CborFormatException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** Typed, null-free reads of untrusted CBOR, decoded through the project's bounded reader. */
public final class Cbor {
    private Cbor() {}

    /** Enough for a claim with thousands of assertions; a bomb beyond it is rejected by the scan. */
    public static final BoundedCbor.Limits LIMITS = new BoundedCbor.Limits(32, 200_000);

    public static DataItem decode(byte[] bytes) throws CborFormatException {
        return BoundedCbor.decodeOne(bytes, LIMITS);
    }

    public static Optional<DataItem> get(DataItem map, String key) {
        return map instanceof Map m ? Optional.ofNullable(m.get(new UnicodeString(key))) : Optional.empty();
    }

    public static Optional<DataItem> get(DataItem map, long key) {
        if (!(map instanceof Map m)) {
            return Optional.empty();
        }
        DataItem k = key >= 0 ? new UnsignedInteger(key) : new NegativeInteger(key);
        return Optional.ofNullable(m.get(k));
    }

    public static Optional<String> text(DataItem item) {
        return item instanceof UnicodeString s ? Optional.of(s.getString()) : Optional.empty();
    }

    public static Optional<String> text(DataItem map, String key) {
        return get(map, key).flatMap(Cbor::text);
    }

    public static Optional<byte[]> bytes(DataItem item) {
        return item instanceof ByteString b ? Optional.of(b.getBytes()) : Optional.empty();
    }

    public static Optional<BigInteger> integer(DataItem item) {
        if (item instanceof UnsignedInteger u) {
            return Optional.of(u.getValue());
        }
        if (item instanceof NegativeInteger n) {
            return Optional.of(n.getValue());
        }
        return Optional.empty();
    }

    /** The elements of an array (without cbor-java's trailing break marker), or empty if not an array. */
    public static List<DataItem> array(DataItem item) {
        if (!(item instanceof Array a)) {
            return List.of();
        }
        return a.getDataItems().stream()
                .filter(d -> !(d instanceof Special s && s.getSpecialType() == SpecialType.BREAK))
                .toList();
    }

    public static boolean isArray(DataItem item) {
        return item instanceof Array;
    }
}
