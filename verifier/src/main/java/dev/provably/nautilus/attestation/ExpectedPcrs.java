package dev.provably.nautilus.attestation;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Pinned PCR values by index, and the one place the PCR rule is written: an index is 0..31 and a
 * value 32, 48 or 64 bytes (SHA-256, SHA-384 or SHA-512 banks), both for what a document carries and
 * for what a caller pins. The same index pinned twice is refused: replacing the first value silently
 * would hide a configuration mistake.
 *
 * <p>Immutable; values are copied in and out.
 */
public final class ExpectedPcrs {
    /** The highest PCR index a Nitro document may carry (and a caller may pin). */
    public static final int MAX_INDEX = 31;

    private static final ExpectedPcrs NONE = new ExpectedPcrs(new TreeMap<>());

    private final SortedMap<Integer, byte[]> values;

    private ExpectedPcrs(SortedMap<Integer, byte[]> values) {
        this.values = Collections.unmodifiableSortedMap(values);
    }

    /** Whether {@code index} names a PCR: 0..31. */
    public static boolean isValidIndex(long index) {
        return index >= 0 && index <= MAX_INDEX;
    }

    /** Whether a PCR value may be {@code length} bytes long: 32, 48 or 64. */
    public static boolean isValidLength(int length) {
        return length == 32 || length == 48 || length == 64;
    }

    /** No PCR pinned. */
    public static ExpectedPcrs none() {
        return NONE;
    }

    /**
     * The given values, checked as {@link Builder#expect} checks each.
     *
     * @throws IllegalArgumentException naming the first index or value that breaks the rule
     */
    public static ExpectedPcrs of(Map<Integer, byte[]> values) {
        Objects.requireNonNull(values, "values");
        Builder builder = builder();
        values.forEach((index, value) -> builder.expect(Objects.requireNonNull(index, "PCR index"), value));
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The pinned values by ascending index: a fresh map of copies. */
    public SortedMap<Integer, byte[]> values() {
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        values.forEach((index, value) -> copy.put(index, value.clone()));
        return copy;
    }

    /** Adds pins one by one, refusing a bad index, a bad length or a repeated index. */
    public static final class Builder {
        private final SortedMap<Integer, byte[]> values = new TreeMap<>();

        private Builder() {}

        /**
         * Pins PCR {@code index} to {@code value}.
         *
         * @throws IllegalArgumentException if the index is not 0..31, the value not 32, 48 or 64
         *     bytes, or the index already pinned
         */
        public Builder expect(int index, byte[] value) {
            Objects.requireNonNull(value, "PCR value");
            if (!isValidIndex(index)) {
                throw new IllegalArgumentException("PCR index must be 0.." + MAX_INDEX + ", got " + index);
            }
            if (!isValidLength(value.length)) {
                throw new IllegalArgumentException("PCR value must be 32, 48 or 64 bytes, got " + value.length);
            }
            if (values.containsKey(index)) {
                throw new IllegalArgumentException("PCR " + index + " is already expected");
            }
            values.put(index, value.clone());
            return this;
        }

        public boolean isEmpty() {
            return values.isEmpty();
        }

        public ExpectedPcrs build() {
            TreeMap<Integer, byte[]> copy = new TreeMap<>();
            values.forEach((index, value) -> copy.put(index, value.clone()));
            return new ExpectedPcrs(copy);
        }
    }
}
