package dev.provably.nautilus.attestation;

import co.nstant.in.cbor.CborDecoder;
import co.nstant.in.cbor.CborException;
import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.SimpleValue;
import co.nstant.in.cbor.model.SimpleValueType;
import co.nstant.in.cbor.model.Special;
import java.io.ByteArrayInputStream;
import java.util.List;

/** Decodes scanned CBOR with cbor-java and smooths over its quirks (library-facts.md, cbor-java). */
final class CborItems {
    private CborItems() {
    }

    /** Scans {@code bytes} with {@link CborScanner}, then decodes its single item with cbor-java. */
    static DataItem decode(byte[] bytes, String what, Reason duplicateKeyReason) throws VerificationException {
        CborScanner.requireSingleItem(bytes, what, duplicateKeyReason);
        CborDecoder decoder = new CborDecoder(new ByteArrayInputStream(bytes));
        decoder.setRejectDuplicateKeys(true);
        decoder.setAutoDecodeRationalNumbers(false);
        decoder.setAutoDecodeLanguageTaggedStrings(false);
        try {
            DataItem item = decoder.decodeNext();
            if (item == null) {
                throw new VerificationException(Reason.MALFORMED, what + " is empty");
            }
            return item;
        } catch (CborException | RuntimeException e) {
            // Unreachable after the scan; kept so a library surprise still fails closed.
            throw new VerificationException(Reason.MALFORMED,
                "internal error: cbor-java rejected a scanned " + what + ": " + e.getMessage(), e);
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
        return item instanceof SimpleValue simple && simple.getSimpleValueType() == SimpleValueType.NULL
            && !item.hasTag();
    }
}
