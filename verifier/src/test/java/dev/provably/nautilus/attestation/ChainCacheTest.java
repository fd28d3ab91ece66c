package dev.provably.nautilus.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChainCacheTest {
    private static final ChainCache.TrustedPrefix PREFIX =
            new ChainCache.TrustedPrefix(List.of(TrustAnchor.awsNitroRootG1().parsed()));

    private static ChainCache.Key key(int... bytes) {
        byte[] der = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            der[i] = (byte) bytes[i];
        }
        return new ChainCache.Key(List.of(der));
    }

    @Test
    @AttestationRule("X7")
    @DisplayName("keys compare the exact DER bytes, entry by entry")
    void keys() {
        assertEquals(key(1, 2), key(1, 2));
        assertEquals(key(1, 2).hashCode(), key(1, 2).hashCode());
        assertNotEquals(key(1, 2), key(1, 3));
        assertNotEquals(
                new ChainCache.Key(List.of(new byte[] {1}, new byte[] {2})),
                new ChainCache.Key(List.of(new byte[] {1, 2})));
    }

    @Test
    @AttestationRule("X7")
    @DisplayName("a key keeps its own copy of the bytes")
    void keyCopies() {
        byte[] der = {1, 2};
        ChainCache.Key key = new ChainCache.Key(List.of(der));
        der[0] = 9;
        assertEquals(key(1, 2), key);
    }

    @Test
    @AttestationRule("X7")
    @DisplayName("holds at most its capacity, dropping the least recently used entry")
    void bounded() {
        ChainCache cache = new ChainCache(2);
        cache.put(key(1), PREFIX);
        cache.put(key(2), PREFIX);
        assertSame(PREFIX, cache.get(key(1)));
        cache.put(key(3), PREFIX);
        assertEquals(2, cache.size());
        assertNotNull(cache.get(key(1)));
        assertNull(cache.get(key(2)));
        assertNotNull(cache.get(key(3)));
    }

    @Test
    @AttestationRule("X7")
    @DisplayName("capacity 0 remembers nothing")
    void disabled() {
        ChainCache cache = new ChainCache(0);
        cache.put(key(1), PREFIX);
        assertNull(cache.get(key(1)));
        assertEquals(0, cache.size());
    }
}
