package dev.provably.nautilus.attestation;

import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.SimpleValue;
import co.nstant.in.cbor.model.SimpleValueType;
import co.nstant.in.cbor.model.Special;
import dev.provably.nautilus.cbor.BoundedCbor;
import dev.provably.nautilus.cbor.CborFormatException;
import java.util.List;

/**
 * docs/attestation-rules.md C1, C7, F1 (duplicate keys, indefinite lengths): untrusted CBOR is
 * decoded only through {@link BoundedCbor}, and cbor-java's quirks are smoothed over
 * (library-facts.md, cbor-java).
 */
final class CborItems {
    /** Real documents nest 3 deep and hold fewer than 100 data items. */
    static final BoundedCbor.Limits LIMITS = new BoundedCbor.Limits(16, 4096);

    private CborItems() {}

    /**
     * Decodes the single CBOR item in {@code bytes}; every problem is {@link Reason#MALFORMED}
     * except a duplicate map key, which is reported with {@code duplicateKeyReason}.
     *
     * @param what names the input in messages, e.g. "document" or "payload"
     */
    static DataItem decode(byte[] bytes, String what, Reason duplicateKeyReason) throws VerificationException {
        try {
            return BoundedCbor.decodeOne(bytes, LIMITS);
        } catch (CborFormatException e) {
            Reason reason = e.kind() == CborFormatException.Kind.DUPLICATE_KEY ? duplicateKeyReason : Reason.MALFORMED;
            throw new VerificationException(reason, what + " " + e.problem(), e);
        }
    }

    /** The elements of an array; cbor-java appends a BREAK item to indefinite-length arrays. */
    static List<DataItem> elements(Array array) {
        List<DataItem> items = array.getDataItems();
        if (array.isChunked() && !items.isEmpty() && Special.BREAK.equals(items.get(items.size() - 1))) {
            return items.subList(0, items.size() - 1);
        }
        return items;
    }

    static boolean isNull(DataItem item) {
        return item instanceof SimpleValue simple
                && simple.getSimpleValueType() == SimpleValueType.NULL
                && !item.hasTag();
    }
}
