package dev.provably.nautilus.enclave.cbor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes CBOR (RFC 8949) items with definite lengths and shortest-form heads, in exactly the order
 * the caller writes them. That control over the bytes is the point: the attestation payload must
 * list its keys in the AWS order, and NSM requests must match serde's encoding byte for byte.
 * Not thread-safe; one writer per message.
 */
public final class CborWriter {
    private static final int UNSIGNED = 0;
    private static final int NEGATIVE = 1;
    private static final int BYTES = 2;
    private static final int TEXT = 3;
    private static final int ARRAY = 4;
    private static final int MAP = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    /** An integer: major type 0 when non-negative, 1 otherwise. */
    public CborWriter integer(long value) {
        if (value >= 0) {
            head(UNSIGNED, value);
        } else {
            head(NEGATIVE, -1 - value);
        }
        return this;
    }

    public CborWriter bytes(byte[] value) {
        head(BYTES, value.length);
        out.writeBytes(value);
        return this;
    }

    public CborWriter text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        head(TEXT, utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    /** Starts an array of {@code size} items; the caller writes them next. */
    public CborWriter array(int size) {
        requireSize(size);
        head(ARRAY, size);
        return this;
    }

    /** Starts a map of {@code size} entries; the caller writes key, value, key, value, ... next. */
    public CborWriter map(int size) {
        requireSize(size);
        head(MAP, size);
        return this;
    }

    public CborWriter bool(boolean value) {
        out.write(value ? 0xf5 : 0xf4);
        return this;
    }

    public CborWriter nil() {
        out.write(0xf6);
        return this;
    }

    /** A byte string, or CBOR null when {@code value} is null (serde's encoding of {@code Option}). */
    public CborWriter bytesOrNull(byte[] value) {
        return value == null ? nil() : bytes(value);
    }

    /** Appends bytes that already hold one encoded item. */
    public CborWriter raw(byte[] encodedItem) {
        out.writeBytes(encodedItem);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private static void requireSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
    }

    private void head(int major, long argument) {
        int type = major << 5;
        if (argument < 24) {
            out.write(type | (int) argument);
        } else if (argument <= 0xffL) {
            out.write(type | 24);
            out.write((int) argument);
        } else if (argument <= 0xffffL) {
            out.write(type | 25);
            writeBigEndian(argument, 2);
        } else if (argument <= 0xffff_ffffL) {
            out.write(type | 26);
            writeBigEndian(argument, 4);
        } else {
            out.write(type | 27);
            writeBigEndian(argument, 8);
        }
    }

    private void writeBigEndian(long value, int length) {
        for (int shift = (length - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xff);
        }
    }
}
