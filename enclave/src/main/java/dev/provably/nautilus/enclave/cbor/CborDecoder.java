package dev.provably.nautilus.enclave.cbor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, bounded CBOR decoder for untrusted input (device responses, documents in tests).
 * It decodes exactly one item and rejects trailing bytes, indefinite lengths, tags, floats,
 * duplicate map keys, invalid UTF-8, integers beyond a signed long, nesting deeper than
 * {@link #MAX_DEPTH}, and any declared length the remaining input cannot hold (so a forged length
 * never makes it allocate). Stateless and thread-safe.
 */
public final class CborDecoder {
    /** Deep enough for every message here (an attestation document nests four levels). */
    public static final int MAX_DEPTH = 16;

    private CborDecoder() {
    }

    /** Decodes exactly one item filling the whole input. */
    public static CborValue decode(byte[] input) throws CborException {
        Cursor cursor = new Cursor(input);
        CborValue value = cursor.item(0);
        if (cursor.position != input.length) {
            throw new CborException((input.length - cursor.position) + " trailing byte(s) after the CBOR item");
        }
        return value;
    }

    private static final class Cursor {
        private final byte[] in;
        private int position;

        Cursor(byte[] in) {
            this.in = in;
        }

        CborValue item(int depth) throws CborException {
            if (depth > MAX_DEPTH) {
                throw new CborException("CBOR nesting deeper than " + MAX_DEPTH);
            }
            int initial = next();
            int major = initial >>> 5;
            int info = initial & 0x1f;
            if (major == 7) {
                return simple(info);
            }
            if (info == 31) {
                throw new CborException("indefinite-length CBOR items are not accepted");
            }
            long argument = argument(info);
            switch (major) {
                case 0:
                    return new CborValue.UInt(requireLong(argument));
                case 1:
                    return new CborValue.NegInt(-1 - requireLong(argument));
                case 2:
                    return new CborValue.Bytes(take(argument));
                case 3:
                    return new CborValue.Text(utf8(take(argument)));
                case 4:
                    return array(argument, depth);
                case 5:
                    return map(argument, depth);
                default:
                    throw new CborException("CBOR tags are not accepted");
            }
        }

        private CborValue array(long count, int depth) throws CborException {
            // Every item takes at least one byte: bound the count before allocating anything.
            requireAvailable(count);
            List<CborValue> items = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                items.add(item(depth + 1));
            }
            return new CborValue.Array(items);
        }

        private CborValue map(long count, int depth) throws CborException {
            // Every entry takes at least two bytes.
            if (count < 0 || count > (in.length - position) / 2L) {
                throw new CborException("CBOR map of " + Long.toUnsignedString(count) + " entries exceeds the "
                        + (in.length - position) + " byte(s) left");
            }
            Map<CborValue, CborValue> entries = new LinkedHashMap<>();
            for (long i = 0; i < count; i++) {
                CborValue key = item(depth + 1);
                CborValue value = item(depth + 1);
                if (entries.putIfAbsent(key, value) != null) {
                    throw new CborException("duplicate CBOR map key " + key);
                }
            }
            return new CborValue.MapValue(entries);
        }

        private CborValue simple(int info) throws CborException {
            switch (info) {
                case 20:
                    return new CborValue.Bool(false);
                case 21:
                    return new CborValue.Bool(true);
                case 22:
                    return CborValue.Null.INSTANCE;
                default:
                    throw new CborException("unsupported CBOR simple value or float (additional info " + info + ")");
            }
        }

        private long argument(int info) throws CborException {
            if (info < 24) {
                return info;
            }
            int length;
            switch (info) {
                case 24:
                    length = 1;
                    break;
                case 25:
                    length = 2;
                    break;
                case 26:
                    length = 4;
                    break;
                case 27:
                    length = 8;
                    break;
                default:
                    throw new CborException("reserved CBOR additional info " + info);
            }
            requireAvailable(length);
            long value = 0;
            for (int i = 0; i < length; i++) {
                value = (value << 8) | (in[position++] & 0xff);
            }
            return value;
        }

        private static long requireLong(long argument) throws CborException {
            if (argument < 0) {
                throw new CborException("CBOR integer does not fit a signed 64-bit value");
            }
            return argument;
        }

        private byte[] take(long length) throws CborException {
            requireAvailable(length);
            byte[] bytes = Arrays.copyOfRange(in, position, position + (int) length);
            position += (int) length;
            return bytes;
        }

        private void requireAvailable(long length) throws CborException {
            if (length < 0 || length > in.length - position) {
                throw new CborException("CBOR length " + Long.toUnsignedString(length) + " exceeds the "
                        + (in.length - position) + " byte(s) left");
            }
        }

        private int next() throws CborException {
            requireAvailable(1);
            return in[position++] & 0xff;
        }

        private static String utf8(byte[] bytes) throws CborException {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new CborException("CBOR text string is not valid UTF-8");
            }
        }
    }
}
