package dev.provably.nautilus.c2pa.container;

/** A half-open range {@code [start, start + length)} of a file. */
public record ByteRange(long start, long length) {
    public ByteRange {
        if (start < 0 || length < 0) {
            throw new IllegalArgumentException("negative range " + start + "+" + length);
        }
    }

    public long end() {
        return start + length;
    }
}
