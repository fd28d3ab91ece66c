package dev.provably.nautilus.enclave.cbor;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A decoded CBOR item: the small subset that NSM responses and attestation documents use. */
public sealed interface CborValue {

    /** A non-negative integer that fits a signed 64-bit long. */
    record UInt(long value) implements CborValue {
        public UInt {
            if (value < 0) {
                throw new IllegalArgumentException("unsigned value out of range");
            }
        }
    }

    /** A negative integer {@code -1 - n}, with the result fitting a long. */
    record NegInt(long value) implements CborValue {
        public NegInt {
            if (value >= 0) {
                throw new IllegalArgumentException("negative value out of range");
            }
        }
    }

    /** A byte string; the array is copied in and out. */
    record Bytes(byte[] value) implements CborValue {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + value.length + " bytes]";
        }
    }

    record Text(String value) implements CborValue {
    }

    record Array(List<CborValue> items) implements CborValue {
        public Array {
            items = List.copyOf(items);
        }
    }

    /** A map with its entries in wire order; keys are unique (the decoder rejects duplicates). */
    record MapValue(Map<CborValue, CborValue> entries) implements CborValue {
        public MapValue {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        /** The value under a text key, if present. */
        public Optional<CborValue> get(String key) {
            return Optional.ofNullable(entries.get(new Text(key)));
        }
    }

    record Bool(boolean value) implements CborValue {
    }

    /** CBOR null. */
    enum Null implements CborValue {
        INSTANCE
    }
}
