package dev.provably.nautilus.enclave.cbor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import co.nstant.in.cbor.CborEncoder;
import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.NegativeInteger;
import co.nstant.in.cbor.model.SimpleValue;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** cbor-java, as the enclave drives it, writes exactly the bytes the NSM formats need. */
class CborEncodingTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String hex(DataItem item) {
        return HEX.formatHex(CborEncoding.encode(item));
    }

    private static UnicodeString text(String value) {
        return new UnicodeString(value);
    }

    @Test
    @DisplayName("integers use the shortest head (RFC 8949 appendix A examples)")
    void integersUseShortestHeads() {
        assertEquals("00", hex(new UnsignedInteger(0)));
        assertEquals("17", hex(new UnsignedInteger(23)));
        assertEquals("1818", hex(new UnsignedInteger(24)));
        assertEquals("18ff", hex(new UnsignedInteger(255)));
        assertEquals("190100", hex(new UnsignedInteger(256)));
        assertEquals("1903e8", hex(new UnsignedInteger(1000)));
        assertEquals("1a000f4240", hex(new UnsignedInteger(1_000_000)));
        assertEquals("1b000000e8d4a51000", hex(new UnsignedInteger(1_000_000_000_000L)));
        assertEquals("20", hex(new NegativeInteger(-1)));
        assertEquals("3822", hex(new NegativeInteger(-35)));
        assertEquals("3901f3", hex(new NegativeInteger(-500)));
    }

    @Test
    @DisplayName("string lengths use the shortest head and strings are definite-length")
    void stringLengthsUseShortestHeads() {
        assertEquals("57", hex(new ByteString(new byte[23])).substring(0, 2));
        assertEquals("5818", hex(new ByteString(new byte[24])).substring(0, 4));
        assertEquals("590100", hex(new ByteString(new byte[256])).substring(0, 6));
        assertEquals("5a00010000", hex(new ByteString(new byte[65536])).substring(0, 10));
        assertEquals(2 * (3 + 256), hex(new ByteString(new byte[256])).length());
        assertEquals("62c3bc", hex(text("ü")));
        assertEquals("40", hex(new ByteString(new byte[0])));
    }

    @Test
    @DisplayName("strings, arrays, maps and simple values encode as RFC 8949 shows, with definite lengths")
    void compositeItemsEncode() {
        DataItem item = new Map()
                .put(text("a"), new Array().add(new UnsignedInteger(1)).add(new ByteString(new byte[] {2})))
                .put(
                        text("b"),
                        new Array().add(SimpleValue.NULL).add(SimpleValue.TRUE).add(SimpleValue.FALSE));
        assertEquals("a2 6161 82 01 4102 6162 83 f6 f5 f4".replace(" ", ""), hex(item));
        assertEquals("a0", hex(new Map()));
        Array thirty = new Array();
        for (int i = 0; i < 30; i++) {
            thirty.add(new UnsignedInteger(i));
        }
        assertEquals("981e00", hex(thirty).substring(0, 6));
    }

    @Test
    @DisplayName("map entries keep insertion order, which cbor-java's default encoder would sort")
    void mapsKeepInsertionOrder() throws Exception {
        Map map = new Map()
                .put(text("user_data"), SimpleValue.NULL)
                .put(text("nonce"), SimpleValue.NULL)
                .put(new UnsignedInteger(7), text("ü"))
                .put(text("z"), new NegativeInteger(-500));
        String inOrder =
                "a4" + "69" + HEX.formatHex("user_data".getBytes()) + "f6" + "65" + HEX.formatHex("nonce".getBytes())
                        + "f6" + "07 62c3bc".replace(" ", "") + "617a 3901f3".replace(" ", "");
        assertEquals(inOrder, hex(map));

        ByteArrayOutputStream sorted = new ByteArrayOutputStream();
        new CborEncoder(sorted).encode(map);
        assertEquals(
                "a4" + "0762c3bc",
                HEX.formatHex(sorted.toByteArray()).substring(0, 10),
                "the default (canonical) encoder reorders keys: the reason CborEncoding exists");
    }

    @Test
    @DisplayName("an absent optional byte string is CBOR null, a present one is copied")
    void bytesOrNull() {
        assertEquals("f6", hex(CborEncoding.bytesOrNull(null)));
        byte[] value = {1, 2};
        DataItem item = CborEncoding.bytesOrNull(value);
        value[0] = 9;
        assertEquals("420102", hex(item));
    }
}
