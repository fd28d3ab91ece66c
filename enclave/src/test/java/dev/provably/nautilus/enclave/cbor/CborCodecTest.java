package dev.provably.nautilus.enclave.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CborCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    @Test
    @DisplayName("integers use the shortest head (RFC 8949 appendix A examples)")
    void integersUseShortestHeads() {
        assertEquals("00", HEX.formatHex(new CborWriter().integer(0).toByteArray()));
        assertEquals("17", HEX.formatHex(new CborWriter().integer(23).toByteArray()));
        assertEquals("1818", HEX.formatHex(new CborWriter().integer(24).toByteArray()));
        assertEquals("1903e8", HEX.formatHex(new CborWriter().integer(1000).toByteArray()));
        assertEquals("1a000f4240", HEX.formatHex(new CborWriter().integer(1_000_000).toByteArray()));
        assertEquals("1b000000e8d4a51000", HEX.formatHex(new CborWriter().integer(1_000_000_000_000L).toByteArray()));
        assertEquals("20", HEX.formatHex(new CborWriter().integer(-1).toByteArray()));
        assertEquals("3822", HEX.formatHex(new CborWriter().integer(-35).toByteArray()));
    }

    @Test
    @DisplayName("strings, arrays, maps and simple values encode as RFC 8949 shows")
    void compositeItemsEncode() {
        byte[] encoded = new CborWriter().map(2)
                .text("a").array(2).integer(1).bytes(new byte[] {2})
                .text("b").array(3).nil().bool(true).bool(false)
                .toByteArray();
        assertEquals("a2 6161 82 01 4102 6162 83 f6 f5 f4".replace(" ", ""), HEX.formatHex(encoded));
    }

    @Test
    @DisplayName("decoding returns the written items with map order kept")
    void decodeRoundTrip() throws CborException {
        byte[] encoded = new CborWriter().map(3)
                .text("z").integer(-500)
                .text("a").bytes(new byte[300])
                .integer(7).text("ü")
                .toByteArray();
        CborValue.MapValue map = (CborValue.MapValue) CborDecoder.decode(encoded);
        assertEquals(new CborValue.NegInt(-500), map.get("z").orElseThrow());
        assertArrayEquals(new byte[300], ((CborValue.Bytes) map.get("a").orElseThrow()).value());
        assertEquals(new CborValue.Text("ü"), map.entries().get(new CborValue.UInt(7)));
        assertEquals("z", ((CborValue.Text) map.entries().keySet().iterator().next()).value());
    }

    @Test
    @DisplayName("exactly one item: trailing bytes are rejected")
    void rejectsTrailingBytes() {
        CborException e = assertThrows(CborException.class, () -> CborDecoder.decode(hex("01 02")));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    @DisplayName("a declared length longer than the input fails before allocating")
    void rejectsForgedLengths() {
        assertThrows(CborException.class, () -> CborDecoder.decode(hex("5a 7fffffff 00")));
        assertThrows(CborException.class, () -> CborDecoder.decode(hex("5b ffffffffffffffff")));
        assertThrows(CborException.class, () -> CborDecoder.decode(hex("9a 7fffffff 00")));
        assertThrows(CborException.class, () -> CborDecoder.decode(hex("ba 7fffffff 00 00")));
        assertThrows(CborException.class, () -> CborDecoder.decode(hex("42 01")));
    }

    @Test
    @DisplayName("duplicate keys, indefinite lengths, tags, floats and bad UTF-8 are rejected")
    void rejectsOutsideTheSubset() {
        assertThrows(CborException.class, () -> CborDecoder.decode(hex("a2 6161 01 6161 02")));
        assertThrows(CborException.class, () -> CborDecoder.decode(hex("bf 6161 01 ff")));
        assertThrows(CborException.class, () -> CborDecoder.decode(hex("d2 80")));
        assertThrows(CborException.class, () -> CborDecoder.decode(hex("f9 3c00")));
        assertThrows(CborException.class, () -> CborDecoder.decode(hex("62 c328")));
        assertThrows(CborException.class, () -> CborDecoder.decode(hex("1b 8000000000000000")));
        assertThrows(CborException.class, () -> CborDecoder.decode(new byte[0]));
    }

    @Test
    @DisplayName("nesting is bounded")
    void rejectsDeepNesting() {
        byte[] deep = new byte[CborDecoder.MAX_DEPTH + 2];
        java.util.Arrays.fill(deep, (byte) 0x81);
        deep[deep.length - 1] = 0x00;
        assertThrows(CborException.class, () -> CborDecoder.decode(deep));
    }
}
