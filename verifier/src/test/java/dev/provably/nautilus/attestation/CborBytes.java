package dev.provably.nautilus.attestation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Raw CBOR encodings for building and mutating test documents byte by byte. Deliberately
 * independent of the decoder under test: every helper writes exactly the bytes RFC 8949 gives,
 * and callers can splice arbitrary (even ill-formed) encodings in between.
 */
public final class CborBytes {
    private CborBytes() {}

    /** An initial byte plus argument in the shortest form. */
    public static byte[] head(int majorType, long argument) {
        int mt = majorType << 5;
        if (argument < 0) {
            throw new IllegalArgumentException("negative argument");
        }
        if (argument < 24) {
            return new byte[] {(byte) (mt | argument)};
        }
        if (argument < 0x100) {
            return new byte[] {(byte) (mt | 24), (byte) argument};
        }
        if (argument < 0x10000) {
            return new byte[] {(byte) (mt | 25), (byte) (argument >> 8), (byte) argument};
        }
        if (argument < 0x100000000L) {
            return new byte[] {
                (byte) (mt | 26),
                (byte) (argument >> 24),
                (byte) (argument >> 16),
                (byte) (argument >> 8),
                (byte) argument
            };
        }
        byte[] out = new byte[9];
        out[0] = (byte) (mt | 27);
        for (int i = 0; i < 8; i++) {
            out[1 + i] = (byte) (argument >> (56 - 8 * i));
        }
        return out;
    }

    public static byte[] uint(long value) {
        return head(0, value);
    }

    /** A negative integer {@code value} (must be < 0). */
    public static byte[] nint(long value) {
        if (value >= 0) {
            throw new IllegalArgumentException("not negative");
        }
        return head(1, -1 - value);
    }

    public static byte[] bytes(byte[] content) {
        return concat(head(2, content.length), content);
    }

    public static byte[] text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return concat(head(3, utf8.length), utf8);
    }

    /** A definite-length array of already-encoded items. */
    public static byte[] array(byte[]... items) {
        return concat(head(4, items.length), concat(items));
    }

    /** A definite-length map of already-encoded key, value, key, value, ... items. */
    public static byte[] map(byte[]... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of map items");
        }
        return concat(head(5, keysAndValues.length / 2L), concat(keysAndValues));
    }

    /** An indefinite-length map ({@code bf ... ff}) of already-encoded items. */
    public static byte[] indefiniteMap(byte[]... keysAndValues) {
        return concat(new byte[] {(byte) 0xbf}, concat(keysAndValues), new byte[] {(byte) 0xff});
    }

    public static byte[] tag(long tag, byte[] item) {
        return concat(head(6, tag), item);
    }

    public static byte[] nil() {
        return new byte[] {(byte) 0xf6};
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] hex(String hex) {
        String clean = hex.replaceAll("\\s", "");
        byte[] out = new byte[clean.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(clean.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
