package dev.provably.nautilus.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.NegativeInteger;
import co.nstant.in.cbor.model.SimpleValue;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bounded scan that stands between untrusted bytes and cbor-java. */
class BoundedCborTest {
    /** Generous hang guard only; the real cost is microseconds. */
    private static final Duration FAST = Duration.ofSeconds(5);

    private static final BoundedCbor.Limits LIMITS = new BoundedCbor.Limits(16, 4096);

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static DataItem decode(byte[] input) throws CborFormatException {
        return BoundedCbor.decodeOne(input, LIMITS);
    }

    private static CborFormatException rejected(CborFormatException.Kind kind, byte[] input) {
        CborFormatException e = assertThrows(CborFormatException.class, () -> decode(input));
        assertEquals(kind, e.kind(), e::getMessage);
        assertEquals("CBOR input " + e.problem(), e.getMessage());
        return e;
    }

    private static CborFormatException malformed(byte[] input) {
        return rejected(CborFormatException.Kind.MALFORMED, input);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "00",
                "17",
                "1818",
                "1bffffffffffffffff",
                "3bffffffffffffffff",
                "40",
                "4401020304",
                "60",
                "6161",
                "80",
                "83010203",
                "a0",
                "a1616101",
                "bf6161016162f6ff",
                "9f0102ff",
                "9fff",
                "c11a5f000000",
                "f4",
                "f5",
                "f6",
                "f7",
                "f820",
                "f93c00",
                "fa3f800000",
                "fb3ff0000000000000",
                "e0"
            })
    @DisplayName("well-formed single items pass the scan and cbor-java decodes them")
    void wellFormed(String input) throws CborFormatException {
        decode(hex(input));
    }

    @Test
    @DisplayName("decoding returns cbor-java items with map order, integers and text as written")
    void decodesItems() throws CborFormatException {
        byte[] encoded = concat(hex("a3 617a 3901f3 6161 59012c"), new byte[300], hex("07 62c3bc"));
        Map map = assertInstanceOf(Map.class, decode(encoded));
        assertEquals(
                List.of(new UnicodeString("z"), new UnicodeString("a"), new UnsignedInteger(7)),
                List.copyOf(map.getKeys()));
        assertEquals(new NegativeInteger(-500), map.get(new UnicodeString("z")));
        assertArrayEquals(
                new byte[300],
                assertInstanceOf(ByteString.class, map.get(new UnicodeString("a")))
                        .getBytes());
        assertEquals(new UnicodeString("ü"), map.get(new UnsignedInteger(7)));
        assertEquals(new UnsignedInteger(new BigInteger("18446744073709551615")), decode(hex("1bffffffffffffffff")));
    }

    @Test
    @DisplayName("the input is copied: changing the caller's array afterwards does not change the result")
    void copiesInput() throws CborFormatException {
        byte[] input = hex("43 010203");
        ByteString decoded = assertInstanceOf(ByteString.class, decode(input));
        Arrays.fill(input, (byte) 0);
        assertArrayEquals(hex("010203"), decoded.getBytes());
        assertNotSame(input, decoded.getBytes());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "5a7fffffff", // byte string claiming 2 GiB
                "5a7fffffff00", // the same with one byte behind it
                "5bffffffffffffffff", // byte string claiming 2^64 - 1 bytes
                "5b8000000000000000", // 2^63: cbor-java misreads this as empty
                "7a7fffffff41", // text string claiming 2 GiB
                "9a7fffffff", // array claiming 2^31 items
                "9a7fffffff00",
                "9b0000000100000000", // array claiming 2^32 items
                "ba7fffffff", // map claiming 2^31 entries
                "ba7fffffff0000",
                "a3010203", // map claiming 3 entries with 3 bytes left
                "4301", // byte string of 3 with 1 byte left
                "4201", // byte string of 2 with 1 byte left
            })
    @DisplayName("a length or count the remaining bytes cannot hold is rejected at once")
    void hugeClaims(String input) {
        byte[] claim = hex(input);
        assertTimeoutPreemptively(FAST, () -> malformed(claim));
    }

    @Test
    @DisplayName("10,000 nested arrays, tags or indefinite arrays are rejected without deep recursion")
    void deepNesting() {
        byte[] arrays = new byte[10_001];
        Arrays.fill(arrays, (byte) 0x81);
        arrays[10_000] = 0;
        byte[] tags = new byte[10_001];
        Arrays.fill(tags, (byte) 0xc1);
        tags[10_000] = 0;
        byte[] indefinite = new byte[20_000];
        Arrays.fill(indefinite, 0, 10_000, (byte) 0x9f);
        Arrays.fill(indefinite, 10_000, 20_000, (byte) 0xff);
        assertTimeoutPreemptively(FAST, () -> {
            assertEquals("nests deeper than 16 levels", malformed(arrays).problem());
            malformed(tags);
            malformed(indefinite);
        });
    }

    @Test
    @DisplayName("nesting up to the depth limit passes, one level more does not")
    void depthLimit() throws CborFormatException {
        byte[] atLimit = new byte[LIMITS.maxDepth()];
        Arrays.fill(atLimit, (byte) 0x81);
        atLimit[LIMITS.maxDepth() - 1] = 0;
        decode(atLimit);
        malformed(concat(hex("81"), atLimit));
        assertEquals(
                "nests deeper than 2 levels",
                assertThrows(
                                CborFormatException.class,
                                () -> BoundedCbor.decodeOne(hex("818100"), new BoundedCbor.Limits(2, 10)))
                        .problem());
    }

    @Test
    @DisplayName("more than the item limit is rejected even when shallow")
    void itemLimit() throws CborFormatException {
        int max = LIMITS.maxItems();
        decode(concat(hex("99" + String.format("%04x", max - 1)), new byte[max - 1]));
        assertEquals(
                "holds more than 4096 data items",
                malformed(concat(hex("99" + String.format("%04x", max)), new byte[max]))
                        .problem());
        assertThrows(
                CborFormatException.class, () -> BoundedCbor.decodeOne(hex("83010203"), new BoundedCbor.Limits(2, 3)));
        BoundedCbor.decodeOne(hex("820102"), new BoundedCbor.Limits(2, 3));
    }

    @ParameterizedTest(name = "hex \"{0}\"")
    @ValueSource(
            strings = {
                "",
                "0001",
                "1c",
                "1d",
                "1e",
                "1f",
                "3f",
                "df",
                "ff",
                "f800",
                "f81f",
                "fc",
                "fd",
                "fe",
                "5f4101ff",
                "7f6161ff",
                "9f",
                "9f01",
                "bf01",
                "bf0102",
                "a1ff",
                "bfff01",
                "81ff",
                "c1",
                "62c328",
                "61ff",
                "63eda080"
            })
    @DisplayName("ill-formed or unsupported encodings are rejected")
    void illFormed(String input) {
        malformed(hex(input));
    }

    @Test
    @DisplayName("exactly one item: empty, truncated and trailing input is named as such")
    void exactlyOneItem() {
        assertEquals("is empty", malformed(new byte[0]).problem());
        assertEquals(
                "has 1 trailing byte(s) after its CBOR item",
                malformed(hex("01 02")).problem());
        assertEquals("is truncated", malformed(hex("19 01")).problem());
        assertEquals(
                "is truncated inside an indefinite-length container",
                malformed(hex("9f 01")).problem());
    }

    @Test
    @DisplayName("invalid UTF-8 in a text string is rejected, not replaced")
    void invalidUtf8() {
        assertEquals(
                "has a text string that is not valid UTF-8",
                malformed(hex("62 c328")).problem());
    }

    @Test
    @DisplayName("map keys must be integers or strings")
    void keyTypes() {
        malformed(hex("a1800001")); // array key
        malformed(hex("a1a00001")); // map key
        malformed(hex("a1c16161" + "01")); // tagged key
        malformed(hex("a1f601")); // null key
        malformed(hex("bf9fff01ff")); // indefinite array key
    }

    @Test
    @DisplayName("duplicate keys are their own kind of problem, compared by value, not encoding")
    void duplicates() throws CborFormatException {
        CborFormatException e = rejected(CborFormatException.Kind.DUPLICATE_KEY, hex("a2616101616102"));
        assertEquals("has a duplicate map key at offset 4", e.problem());
        rejected(CborFormatException.Kind.DUPLICATE_KEY, hex("a20101180102"));
        rejected(CborFormatException.Kind.DUPLICATE_KEY, hex("bf2001380001ff"));
        rejected(CborFormatException.Kind.DUPLICATE_KEY, hex("a2616101790001" + "6102"));
        rejected(CborFormatException.Kind.DUPLICATE_KEY, hex("a1 616b a2010101 02"));
        decode(hex("a4010120014161016161f6")); // 1, -1, h'61' and "a" are four different keys
    }

    @Test
    @DisplayName("a tag on false, true, null or undefined is rejected and never reaches cbor-java's shared constants")
    void taggedConstants() throws CborFormatException {
        for (String input : new String[] {"c1f4", "c1f5", "c1f6", "c1f7", "c1c2f6", "d818f6", "81c1f6", "a101c1f6"}) {
            assertEquals(
                    "has a tag on false, true, null or undefined",
                    malformed(hex(input)).problem(),
                    input);
        }
        for (SimpleValue constant :
                List.of(SimpleValue.FALSE, SimpleValue.TRUE, SimpleValue.NULL, SimpleValue.UNDEFINED)) {
            assertFalse(constant.hasTag(), constant::toString);
        }
        assertFalse(decode(hex("f6")).hasTag());
        assertTrue(decode(hex("c1f93c00")).hasTag(), "a tagged float is a fresh item and stays allowed");
        assertTrue(decode(hex("c1f820")).hasTag(), "so is a tagged unassigned simple value");
    }

    @Test
    @DisplayName("limits must be positive and are required")
    void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedCbor.Limits(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BoundedCbor.Limits(1, 0));
        assertThrows(NullPointerException.class, () -> BoundedCbor.decodeOne(hex("00"), null));
    }
}
