package dev.provably.nautilus.report;

import java.io.ByteArrayOutputStream;

/**
 * Writes Binary Canonical Serialization (BCS), the encoding Move's {@code std::bcs::to_bytes}
 * produces: integers little-endian at their fixed width, sequences as a ULEB128 length then the
 * elements, strings as their UTF-8 bytes, options as a 0/1 tag then the value. Values are
 * positional: the order of the calls is the order of the Move struct's fields.
 *
 * <p>Not thread-safe; use one writer per encoding.
 */
public final class BcsWriter {
    /** Largest sequence length BCS allows (a ULEB128-encoded {@code u32}). */
    public static final long MAX_SEQUENCE_LENGTH = 0xFFFF_FFFFL;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Appends a {@code u8}; {@code value} must be 0..255. */
    public BcsWriter u8(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("u8 out of range: " + value);
        }
        out.write(value);
        return this;
    }

    /** Appends a {@code u16}, little-endian; {@code value} must be 0..65535. */
    public BcsWriter u16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("u16 out of range: " + value);
        }
        out.write(value & 0xFF);
        out.write(value >>> 8);
        return this;
    }

    /**
     * Appends a {@code u64}, little-endian. The 64 bits of {@code value} are written as they are, so
     * a negative long stands for a value above 2^63 - 1.
     */
    public BcsWriter u64(long value) {
        for (int i = 0; i < Long.BYTES; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** Appends a ULEB128 length, 0..2^32 - 1. */
    public BcsWriter uleb128(long value) {
        if (value < 0 || value > MAX_SEQUENCE_LENGTH) {
            throw new IllegalArgumentException("ULEB128 length out of range: " + value);
        }
        long rest = value;
        while (rest >= 0x80) {
            out.write((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
        return this;
    }

    /** Appends a {@code vector<u8>}: the length, then the bytes. */
    public BcsWriter bytes(byte[] value) {
        uleb128(value.length);
        out.write(value, 0, value.length);
        return this;
    }

    /**
     * Appends a Move {@code std::string::String}: its UTF-8 bytes as a {@code vector<u8>}. A string
     * with an unpaired surrogate has no UTF-8 form and is refused.
     */
    public BcsWriter string(String value) {
        return bytes(Text.utf8(value, "string"));
    }

    /** Appends {@code Option::none}. */
    public BcsWriter none() {
        out.write(0);
        return this;
    }

    /** Appends the tag of {@code Option::some}; the caller then writes the value. */
    public BcsWriter someTag() {
        out.write(1);
        return this;
    }

    /** The bytes written so far (a copy). */
    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
