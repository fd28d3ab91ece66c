package dev.provably.nautilus.report;

import static dev.provably.nautilus.report.BcsTest.hex;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ed25519 verification")
class Ed25519Test {
    // Nautilus weather example (move/weather-example, test_weather_flow): the enclave key bound in
    // the real attestation document, the BCS intent message and the signature Move verifies.
    private static final byte[] WEATHER_KEY = hex("e8e62201dbe293b703c759f653107acbc2c911fa1d2e66f2c747bec95971a2af");
    private static final byte[] WEATHER_MESSAGE = hex("00a0743a37960100000d53616e204672616e636973636f0d00000000000000");
    private static final byte[] WEATHER_SIGNATURE =
            hex("77b6d8be225440d00f3d6eb52e91076a8927cebfb520e58c19daf31ecf06b379"
                    + "8ec3d3ce9630a9eceee46d24f057794a60dd781657cb06d952269cfc5ae19500");

    @Test
    @DisplayName("verifies the signature the Nautilus Move test verifies on chain")
    void nautilusWeatherSignature() {
        assertTrue(Ed25519.verify(Ed25519.publicKey(WEATHER_KEY), WEATHER_MESSAGE, WEATHER_SIGNATURE));
    }

    @Test
    @DisplayName("rejects a changed message, a changed signature and a wrong-length signature")
    void tampering() {
        Ed25519PublicKeyParameters key = Ed25519.publicKey(WEATHER_KEY);
        byte[] message = WEATHER_MESSAGE.clone();
        message[message.length - 8] = 14; // temperature 14
        assertFalse(Ed25519.verify(key, message, WEATHER_SIGNATURE));
        byte[] signature = WEATHER_SIGNATURE.clone();
        signature[0] ^= 1;
        assertFalse(Ed25519.verify(key, WEATHER_MESSAGE, signature));
        assertFalse(Ed25519.verify(key, WEATHER_MESSAGE, Arrays.copyOf(WEATHER_SIGNATURE, 63)));
    }

    @Test
    @DisplayName("rejects a non-canonical S (S + L), which a malleable verifier would accept")
    void nonCanonicalS() {
        // L = 2^252 + 27742317777372353535851937790883648493, little-endian
        byte[] l = hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
        byte[] signature = WEATHER_SIGNATURE.clone();
        int carry = 0;
        for (int i = 0; i < 32; i++) {
            int sum = (signature[32 + i] & 0xff) + (l[i] & 0xff) + carry;
            signature[32 + i] = (byte) sum;
            carry = sum >>> 8;
        }
        assertFalse(Ed25519.verify(Ed25519.publicKey(WEATHER_KEY), WEATHER_MESSAGE, signature));
    }

    @Test
    @DisplayName("refuses keys that are not 32 bytes or not valid points")
    void badKeys() {
        assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKey(new byte[31]));
        byte[] notCanonical = new byte[32];
        Arrays.fill(notCanonical, (byte) 0xff);
        assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKey(notCanonical));
        byte[] identity = new byte[32];
        identity[0] = 1; // y = 1: the neutral element, a small-order key
        assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKey(identity));
    }
}
