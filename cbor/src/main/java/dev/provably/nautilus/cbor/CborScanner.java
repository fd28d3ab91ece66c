package dev.provably.nautilus.cbor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The bounded structural pass {@link BoundedCbor} runs over untrusted CBOR before cbor-java
 * decodes it: it guarantees cbor-java only ever sees exactly one well-formed item whose every
 * declared length and count fits in the bytes that remain, within the caller's limits.
 *
 * <p>Indefinite-length byte and text strings are rejected (the NSM never emits them, and signed
 * and certificate bytes must stay contiguous), as are invalid UTF-8, reserved encodings, a stray
 * break, map keys other than integers and strings, duplicate map keys (compared by value) and a
 * tag on false, true, null or undefined (cbor-java would write it onto a shared constant).
 */
final class CborScanner {
    private static final int BREAK = 0xff;

    private final byte[] in;
    private final BoundedCbor.Limits limits;
    private int pos;
    private int items;

    private CborScanner(byte[] in, BoundedCbor.Limits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** Checks that {@code in} is exactly one well-formed CBOR item within {@code limits}. */
    static void requireSingleItem(byte[] in, BoundedCbor.Limits limits) throws CborFormatException {
        CborScanner scanner = new CborScanner(in, limits);
        if (in.length == 0) {
            throw malformed("is empty");
        }
        scanner.item(1, null);
        if (scanner.pos != in.length) {
            throw malformed("has " + (in.length - scanner.pos) + " trailing byte(s) after its CBOR item");
        }
    }

    /** Scans one item; when {@code keys} is non-null the item is a map key and must be new. */
    private void item(int depth, Set<Object> keys) throws CborFormatException {
        if (depth > limits.maxDepth()) {
            throw malformed("nests deeper than " + limits.maxDepth() + " levels");
        }
        if (++items > limits.maxItems()) {
            throw malformed("holds more than " + limits.maxItems() + " data items");
        }
        int start = pos;
        int initial = nextByte();
        int major = initial >>> 5;
        int info = initial & 0x1f;
        if (keys != null && (major > 3 || info == 31)) {
            throw malformed("has a map key that is not an integer or a string");
        }
        if (info == 31) {
            indefinite(major, initial, depth);
            return;
        }
        long argument = argument(info);
        switch (major) {
            case 0, 1 -> {
                if (keys != null) {
                    requireNewKey(keys, new IntegerKey(major, argument), start);
                }
            }
            case 2, 3 -> {
                int length = boundedLength(argument, 1);
                int contentStart = pos;
                pos += length;
                if (major == 3) {
                    requireUtf8(contentStart, length);
                }
                if (keys != null) {
                    requireNewKey(keys, new StringKey(major, ByteBuffer.wrap(in, contentStart, length)), start);
                }
            }
            case 4 -> {
                int count = boundedLength(argument, 1);
                for (int i = 0; i < count; i++) {
                    item(depth + 1, null);
                }
            }
            case 5 -> {
                int count = boundedLength(argument, 2);
                Set<Object> seen = new HashSet<>();
                for (int i = 0; i < count; i++) {
                    item(depth + 1, seen);
                    item(depth + 1, null);
                }
            }
            case 6 -> {
                requireNoTaggedConstant();
                item(depth + 1, null);
            }
            default -> simple(info, argument);
        }
    }

    private void indefinite(int major, int initial, int depth) throws CborFormatException {
        switch (major) {
            case 4 -> {
                while (!atBreak()) {
                    item(depth + 1, null);
                }
            }
            case 5 -> {
                Set<Object> seen = new HashSet<>();
                while (!atBreak()) {
                    item(depth + 1, seen);
                    item(depth + 1, null);
                }
            }
            case 2, 3 -> throw malformed("uses an indefinite-length string");
            default ->
                throw malformed(
                        initial == BREAK
                                ? "has a break outside an indefinite-length container"
                                : String.format("has a reserved initial byte 0x%02x", initial));
        }
    }

    /**
     * cbor-java decodes false, true, null and undefined to shared constants and writes a tag onto
     * the constant itself: after one tagged null, every null decoded anywhere in the process would
     * read as tagged (and encode with the tag). So it must never see a tag on one of them.
     */
    private void requireNoTaggedConstant() throws CborFormatException {
        if (pos < in.length && (in[pos] & 0xff) >= 0xf4 && (in[pos] & 0xff) <= 0xf7) {
            throw malformed("has a tag on false, true, null or undefined");
        }
    }

    /** Consumes a break if one is next; an input that ends first is truncated. */
    private boolean atBreak() throws CborFormatException {
        if (pos >= in.length) {
            throw malformed("is truncated inside an indefinite-length container");
        }
        if ((in[pos] & 0xff) == BREAK) {
            pos++;
            return true;
        }
        return false;
    }

    private void simple(int info, long argument) throws CborFormatException {
        // info 0..23 are simple values (false, true, null, undefined, unassigned); 25..27 are
        // floats whose bytes argument() consumed; a one-byte simple value must be >= 32.
        if (info == 24 && argument < 32) {
            throw malformed("has a non-canonical one-byte simple value " + argument);
        }
    }

    private long argument(int info) throws CborFormatException {
        if (info < 24) {
            return info;
        }
        int size =
                switch (info) {
                    case 24 -> 1;
                    case 25 -> 2;
                    case 26 -> 4;
                    case 27 -> 8;
                    default -> throw malformed("uses reserved additional information " + info);
                };
        if (in.length - pos < size) {
            throw malformed("is truncated");
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = (value << 8) | (in[pos++] & 0xff);
        }
        return value;
    }

    /** A declared length or count, each unit needing at least {@code minBytesEach} remaining bytes. */
    private int boundedLength(long argument, int minBytesEach) throws CborFormatException {
        long remaining = in.length - pos;
        if (Long.compareUnsigned(argument, remaining / minBytesEach) > 0) {
            throw malformed("declares " + Long.toUnsignedString(argument) + (minBytesEach == 1 ? "" : " entries")
                    + " but only " + remaining + " byte(s) remain");
        }
        return (int) argument;
    }

    private void requireUtf8(int start, int length) throws CborFormatException {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in, start, length));
        } catch (CharacterCodingException e) {
            throw malformed("has a text string that is not valid UTF-8");
        }
    }

    private void requireNewKey(Set<Object> keys, Object key, int offset) throws CborFormatException {
        if (!keys.add(key)) {
            throw new CborFormatException(
                    CborFormatException.Kind.DUPLICATE_KEY, "has a duplicate map key at offset " + offset);
        }
    }

    private int nextByte() throws CborFormatException {
        if (pos >= in.length) {
            throw malformed("is truncated");
        }
        return in[pos++] & 0xff;
    }

    private static CborFormatException malformed(String problem) {
        return new CborFormatException(CborFormatException.Kind.MALFORMED, problem);
    }

    /** An integer key by value, so non-shortest encodings of one number still collide. */
    private record IntegerKey(int major, long value) {}

    /** A byte or text string key by content (valid UTF-8 has exactly one encoding per string). */
    private record StringKey(int major, ByteBuffer content) {}
}
