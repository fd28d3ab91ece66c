package dev.provably.nautilus.enclave.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.NegativeInteger;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The enclave's strict decoder (the encoder is cbor-java's, see CborEncodingTest). */
class CborCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    @Test
    @DisplayName("decoding returns the written items with map order kept")
    void decodeRoundTrip() throws CborException {
        byte[] encoded = CborEncoding.encode(new Map()
                .put(new UnicodeString("z"), new NegativeInteger(-500))
                .put(new UnicodeString("a"), new ByteString(new byte[300]))
                .put(new UnsignedInteger(7), new UnicodeString("ü")));
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
