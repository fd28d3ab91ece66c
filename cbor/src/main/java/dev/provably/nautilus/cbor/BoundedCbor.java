package dev.provably.nautilus.cbor;

import co.nstant.in.cbor.CborDecoder;
import co.nstant.in.cbor.CborException;
import co.nstant.in.cbor.model.DataItem;
import java.io.ByteArrayInputStream;

/**
 * Decodes untrusted CBOR with cbor-java, but only after a bounded structural scan has accepted it.
 *
 * <p>cbor-java alone allocates whatever a header claims, has no nesting limit, keeps the last of
 * duplicate map keys, accepts invalid UTF-8 and reads {@code 01 02} as two items. The scan makes
 * sure it only ever sees exactly one well-formed item whose every declared length and count fits
 * in the bytes that remain, nested at most {@link Limits#maxDepth()} deep and holding at most
 * {@link Limits#maxItems()} data items. Also rejected: indefinite-length byte and text strings,
 * invalid UTF-8, reserved encodings, a stray break, non-canonical one-byte simple values, map keys
 * other than integers and strings, duplicate map keys (compared by value, not encoding), and a tag
 * on false, true, null or undefined: cbor-java decodes those to shared constants and would write
 * the tag onto the constant, so that every later null in the process reads as tagged.
 *
 * <p>Indefinite-length arrays and maps are accepted; as cbor-java does, an indefinite-length
 * array comes back with a trailing {@code Special.BREAK} element. Tags are kept on the items.
 * Stateless and thread-safe.
 */
public final class BoundedCbor {
    private BoundedCbor() {}

    /**
     * Resource caps for one decoded input.
     *
     * @param maxDepth deepest allowed nesting of arrays, maps and tags; a lone scalar has depth 1
     * @param maxItems most data items (keys, values, elements and tags each count one) in the input
     */
    public record Limits(int maxDepth, int maxItems) {
        public Limits {
            if (maxDepth < 1 || maxItems < 1) {
                throw new IllegalArgumentException(
                        "CBOR limits must be positive, got depth " + maxDepth + " and items " + maxItems);
            }
        }
    }

    /**
     * Decodes {@code bytes} as exactly one CBOR item within {@code limits}. The input is copied
     * first, so the bytes cbor-java decodes are the bytes that were scanned.
     *
     * @throws CborFormatException if the input is not one well-formed item within the limits
     */
    public static DataItem decodeOne(byte[] bytes, Limits limits) throws CborFormatException {
        if (limits == null) {
            throw new NullPointerException("limits");
        }
        byte[] in = bytes.clone();
        CborScanner.requireSingleItem(in, limits);
        CborDecoder decoder = new CborDecoder(new ByteArrayInputStream(in));
        decoder.setRejectDuplicateKeys(true);
        decoder.setAutoDecodeRationalNumbers(false);
        decoder.setAutoDecodeLanguageTaggedStrings(false);
        try {
            DataItem item = decoder.decodeNext();
            if (item == null) {
                throw new CborFormatException(CborFormatException.Kind.MALFORMED, "is empty");
            }
            return item;
        } catch (CborException | RuntimeException e) {
            // Unreachable after the scan; kept so a library surprise still fails closed.
            throw new CborFormatException(
                    CborFormatException.Kind.MALFORMED,
                    "was rejected by cbor-java after passing the scan (internal error): " + e.getMessage(),
                    e);
        }
    }
}
