package dev.provably.nautilus.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/attestation-rules.md P2: the PCR rule (index 0..31; 32, 48 or 64 bytes; an index once), written once. */
class ExpectedPcrsTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 31})
    @DisplayName("indices 0..31 name a PCR")
    void validIndices(int index) {
        assertTrue(ExpectedPcrs.isValidIndex(index));
        assertEquals(
                1,
                ExpectedPcrs.builder()
                        .expect(index, new byte[48])
                        .build()
                        .values()
                        .size());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 32, 99, Integer.MAX_VALUE, Integer.MIN_VALUE})
    @DisplayName("an index outside 0..31 is refused")
    void invalidIndices(int index) {
        assertFalse(ExpectedPcrs.isValidIndex(index));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ExpectedPcrs.builder().expect(index, new byte[48]));
        assertEquals("PCR index must be 0..31, got " + index, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 48, 64})
    @DisplayName("values of 32, 48 or 64 bytes are accepted")
    void validLengths(int length) {
        assertTrue(ExpectedPcrs.isValidLength(length));
        assertEquals(
                length,
                ExpectedPcrs.builder()
                        .expect(0, new byte[length])
                        .build()
                        .values()
                        .get(0)
                        .length);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 31, 33, 47, 49, 63, 65, 96})
    @DisplayName("a value of any other length is refused")
    void invalidLengths(int length) {
        assertFalse(ExpectedPcrs.isValidLength(length));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ExpectedPcrs.builder().expect(0, new byte[length]));
        assertEquals("PCR value must be 32, 48 or 64 bytes, got " + length, e.getMessage());
    }

    @Test
    @DisplayName("the same index twice is refused, not silently replaced")
    void repeatedIndexRefused() {
        ExpectedPcrs.Builder builder = ExpectedPcrs.builder().expect(2, new byte[48]);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> builder.expect(2, new byte[48]));
        assertEquals("PCR 2 is already expected", e.getMessage());
    }

    @Test
    @DisplayName("values are copied in and out, in ascending index order")
    void copies() {
        byte[] value = new byte[48];
        Map<Integer, byte[]> in = new TreeMap<>(Map.of(2, new byte[48], 0, value));
        ExpectedPcrs pcrs = ExpectedPcrs.of(in);
        value[0] = 1;
        pcrs.values().get(0)[1] = 1;
        assertArrayEquals(new byte[48], pcrs.values().get(0));
        assertEquals(
                java.util.List.of(0, 2), java.util.List.copyOf(pcrs.values().keySet()));
        assertTrue(ExpectedPcrs.none().isEmpty());
        assertThrows(NullPointerException.class, () -> ExpectedPcrs.builder().expect(0, null));
    }
}
