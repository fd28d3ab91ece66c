package dev.provably.nautilus.attestation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docs/attestation-rules.md X7, speed for the chain rules: the certificates above the leaf
 * repeat across documents, so the outcome of their static checks and signatures is remembered,
 * keyed by their exact DER bytes. Never time: validity is checked on every call. Bounded (least
 * recently used out), thread-safe, one per verifier. Only successes are stored.
 */
final class ChainCache {
    private final int capacity;
    private final Map<Key, TrustedPrefix> entries;

    ChainCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, TrustedPrefix> eldest) {
                return size() > ChainCache.this.capacity;
            }
        };
    }

    TrustedPrefix get(Key key) {
        if (capacity == 0) {
            return null;
        }
        synchronized (entries) {
            return entries.get(key);
        }
    }

    void put(Key key, TrustedPrefix prefix) {
        if (capacity == 0) {
            return;
        }
        synchronized (entries) {
            entries.put(key, prefix);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The exact DER of cabundle[1..n-1] (cabundle[0] is compared with the anchor on every call). */
    static final class Key {
        private final byte[][] ders;
        private final int hash;

        Key(List<byte[]> caBundleAboveRoot) {
            this.ders = caBundleAboveRoot.stream().map(byte[]::clone).toArray(byte[][]::new);
            this.hash = Arrays.deepHashCode(ders);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && hash == key.hash && Arrays.deepEquals(ders, key.ders);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * A chain prefix [anchor, cabundle[1], ..., cabundle[n-1]] whose names, signatures, key
     * usages and constraints all passed; the last certificate issues the leaf, and its key
     * keeps BouncyCastle's precomputation across documents.
     */
    record TrustedPrefix(List<ChainCertificate> certificates) {
        TrustedPrefix {
            certificates = List.copyOf(certificates);
        }

        ChainCertificate issuingCa() {
            return certificates.get(certificates.size() - 1);
        }
    }
}
