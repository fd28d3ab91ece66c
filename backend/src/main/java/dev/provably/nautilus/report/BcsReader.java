package dev.provably.nautilus.report;

import java.nio.charset.CharacterCodingException;
import java.util.Arrays;

/**
 * Reads BCS strictly: canonical ULEB128 lengths only, no length beyond the bytes that remain (so
 * nothing is allocated for a forged length), strict UTF-8, option tags 0 or 1, and no trailing
 * bytes ({@link #finish()}). Every failure is a {@link MalformedReportException} naming the field.
 */
final class BcsReader {
    private final byte[] in;
    private int pos;

    BcsReader(byte[] in) {
        this.in = in;
    }

    int u8(String field) throws MalformedReportException {
        need(1, field);
        return in[pos++] & 0xFF;
    }

    int u16(String field) throws MalformedReportException {
        need(2, field);
        int value = (in[pos] & 0xFF) | (in[pos + 1] & 0xFF) << 8;
        pos += 2;
        return value;
    }

    /** The 64 bits little-endian; a value above 2^63 - 1 comes back negative. */
    long u64(String field) throws MalformedReportException {
        need(8, field);
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (in[pos + i] & 0xFF);
        }
        pos += 8;
        return value;
    }

    /** A canonical ULEB128 value of at most 2^32 - 1. */
    long uleb128(String field) throws MalformedReportException {
        long value = 0;
        for (int i = 0; i < 5; i++) {
            int b = u8(field);
            if (i == 4 && b > 0x0F) {
                throw malformed(field + ": ULEB128 length exceeds 2^32 - 1");
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw malformed(field + ": non-canonical ULEB128 length (trailing zero byte)");
                }
                return value;
            }
        }
        throw malformed(field + ": ULEB128 length exceeds 2^32 - 1");
    }

    /** The element count of a vector of at most {@code max} elements. */
    int length(String field, int max) throws MalformedReportException {
        long length = uleb128(field);
        if (length > max) {
            throw malformed(field + ": " + length + " elements exceed the maximum " + max);
        }
        return (int) length;
    }

    /** A {@code vector<u8>} of at most {@code maxLength} bytes. */
    byte[] bytes(String field, int maxLength) throws MalformedReportException {
        long length = uleb128(field);
        if (length > maxLength) {
            throw malformed(field + ": length " + length + " exceeds the maximum " + maxLength);
        }
        if (length > in.length - pos) {
            throw malformed(field + ": length " + length + " exceeds the " + (in.length - pos) + " bytes left");
        }
        byte[] value = Arrays.copyOfRange(in, pos, pos + (int) length);
        pos += (int) length;
        return value;
    }

    /** A strict UTF-8 string of at most {@code maxBytes} bytes. */
    String string(String field, int maxBytes) throws MalformedReportException {
        byte[] utf8 = bytes(field, maxBytes);
        try {
            return Text.decodeUtf8(utf8);
        } catch (CharacterCodingException e) {
            throw malformed(field + ": invalid UTF-8");
        }
    }

    /** An option tag: {@code false} for none, {@code true} for some (the value follows). */
    boolean optionTag(String field) throws MalformedReportException {
        int tag = u8(field);
        if (tag > 1) {
            throw malformed(field + ": option tag must be 0 or 1, got " + tag);
        }
        return tag == 1;
    }

    /** Fails unless every byte has been read. */
    void finish() throws MalformedReportException {
        if (pos != in.length) {
            throw malformed((in.length - pos) + " trailing bytes after the report");
        }
    }

    private void need(int count, String field) throws MalformedReportException {
        if (in.length - pos < count) {
            throw malformed(field + ": needs " + count + " bytes, " + (in.length - pos) + " left (truncated)");
        }
    }

    private static MalformedReportException malformed(String message) {
        return new MalformedReportException(message);
    }
}
