package dev.provably.nautilus.enclave.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EnclaveKeyTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    @DisplayName("RFC 8032 test 1: the seed gives the published public key and signature")
    void rfc8032Vector() {
        String seedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
        EnclaveKey key = EnclaveKey.fromSeed(HEX.parseHex(seedHex));
        assertEquals(
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", HEX.formatHex(key.publicKey()));
        assertEquals(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b"
                        + "d25bf5f0595bbe24655141438e7a100b",
                HEX.formatHex(key.sign(new byte[0])));
        assertFalse(key.toString().contains(seedHex), "the private key is never printed");
    }

    @Test
    @DisplayName("the caller's seed array is wiped, and a seed must be 32 bytes")
    void seedHandling() {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) 7);
        EnclaveKey.fromSeed(seed);
        assertArrayEquals(new byte[32], seed);
        assertThrows(IllegalArgumentException.class, () -> EnclaveKey.fromSeed(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> EnclaveKey.fromSeed(null));
    }
}
