package dev.provably.nautilus.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("BCS writer and reader")
class BcsTest {

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    @Test
    @DisplayName("encodes the Nautilus weather intent message byte for byte (anchors.md §1.3)")
    void weatherVector() {
        // IntentMessage { intent: 0, timestamp_ms: 1744683300000, data: { "San Francisco", 13 } }
        //   intent        u8   0                          -> 00
        //   timestamp_ms  u64  1744683300000 = 0x196373A74A0, little-endian
        //                                                 -> a0 74 3a 37 96 01 00 00
        //   location      String, 13 UTF-8 bytes: ULEB128(13) = 0d, then "San Francisco"
        //                                                 -> 0d 53 61 6e 20 46 72 61 6e 63 69 73 63 6f
        //   temperature   u64  13                         -> 0d 00 00 00 00 00 00 00
        byte[] expected = hex("00" + "a0743a3796010000" + "0d" + "53616e204672616e636973636f" + "0d00000000000000");
        byte[] actual = new BcsWriter()
                .u8(0)
                .u64(1744683300000L)
                .string("San Francisco")
                .u64(13)
                .toByteArray();
        assertArrayEquals(expected, actual);
    }

    @Test
    @DisplayName("encodes Nautilus' shared Rust/Move serde vector (enclave.move test_serde)")
    void nautilusSerdeVector() {
        // timestamp_ms 1744038900000 = 0x19610D1B120 -> 20 b1 d1 10 96 01 00 00; rest as above.
        byte[] expected = hex("0020b1d110960100000d53616e204672616e636973636f0d00000000000000");
        byte[] actual = new BcsWriter()
                .u8(0)
                .u64(1744038900000L)
                .string("San Francisco")
                .u64(13)
                .toByteArray();
        assertArrayEquals(expected, actual);
    }

    @ParameterizedTest(name = "ULEB128({0}) = {1}")
    @CsvSource({
        "0, 00",
        "1, 01",
        "127, 7f", // largest one-byte value
        "128, 8001", // 128 = 0b1_0000000: low 7 bits 0 with continuation -> 80, then 1 -> 01
        "300, ac02", // 300 = 0b10_0101100: 0101100|0x80 = ac, then 10 = 02
        "16383, ff7f", // largest two-byte value: 7f|80 = ff, 7f
        "16384, 808001", // 2^14: 80 80 01
        "4294967295, ffffffff0f" // 2^32 - 1: four 7-bit groups of ones, then 0b1111 = 0f
    })
    void ulebRoundTrips(long value, String encoding) throws MalformedReportException {
        assertArrayEquals(hex(encoding), new BcsWriter().uleb128(value).toByteArray());
        BcsReader in = new BcsReader(hex(encoding));
        assertEquals(value, in.uleb128("n"));
        in.finish();
    }

    @ParameterizedTest(name = "rejects non-canonical or oversized ULEB128 {0}")
    @ValueSource(
            strings = {
                "8000", // 0 in two bytes
                "ff00", // 127 in two bytes
                "808000", // 0 in three bytes
                "80808080 00", // 0 in five bytes
                "ffffffff10", // 2^32: fifth byte above 0x0f
                "ffffffff8f01", // six bytes
                "80", // continuation with nothing after
                "" // nothing at all
            })
    void ulebRejects(String encoding) {
        BcsReader in = new BcsReader(hex(encoding));
        assertThrows(MalformedReportException.class, () -> in.uleb128("n"));
    }

    @Test
    @DisplayName("the writer refuses lengths outside 0..2^32 - 1")
    void ulebWriterBounds() {
        assertThrows(IllegalArgumentException.class, () -> new BcsWriter().uleb128(-1));
        assertThrows(IllegalArgumentException.class, () -> new BcsWriter().uleb128(1L << 32));
    }

    @Test
    @DisplayName("integers are little-endian at their fixed width")
    void integers() throws MalformedReportException {
        // u8 0xab; u16 0x1234 -> 34 12; u64 0x0102030405060708 -> 08 07 06 05 04 03 02 01
        byte[] bytes = new BcsWriter()
                .u8(0xab)
                .u16(0x1234)
                .u64(0x0102030405060708L)
                .u64(-1L)
                .toByteArray();
        assertArrayEquals(hex("ab 3412 0807060504030201 ffffffffffffffff"), bytes);
        BcsReader in = new BcsReader(bytes);
        assertEquals(0xab, in.u8("a"));
        assertEquals(0x1234, in.u16("b"));
        assertEquals(0x0102030405060708L, in.u64("c"));
        assertEquals(-1L, in.u64("d"), "u64 max reads back as the same 64 bits");
        in.finish();
    }

    @Test
    @DisplayName("the writer refuses u8 and u16 values out of range")
    void integerWriterBounds() {
        assertThrows(IllegalArgumentException.class, () -> new BcsWriter().u8(256));
        assertThrows(IllegalArgumentException.class, () -> new BcsWriter().u8(-1));
        assertThrows(IllegalArgumentException.class, () -> new BcsWriter().u16(65536));
        assertThrows(IllegalArgumentException.class, () -> new BcsWriter().u16(-1));
    }

    @Test
    @DisplayName("vector<u8> of 128 bytes carries a two-byte length")
    void longVector() throws MalformedReportException {
        byte[] value = new byte[128];
        value[127] = 7;
        byte[] bytes = new BcsWriter().bytes(value).toByteArray();
        assertEquals(130, bytes.length);
        assertArrayEquals(hex("8001"), java.util.Arrays.copyOf(bytes, 2));
        BcsReader in = new BcsReader(bytes);
        assertArrayEquals(value, in.bytes("v", 128));
        in.finish();
    }

    @Test
    @DisplayName("strings are UTF-8 bytes with a byte (not char) length")
    void utf8Strings() throws MalformedReportException {
        // "é" is U+00E9 -> c3 a9; "😀" is U+1F600 -> f0 9f 98 80 (two Java chars, four bytes)
        byte[] bytes = new BcsWriter().string("é😀").toByteArray();
        assertArrayEquals(hex("06 c3a9 f09f9880"), bytes);
        BcsReader in = new BcsReader(bytes);
        assertEquals("é😀", in.string("s", 6));
        in.finish();
    }

    @Test
    @DisplayName("the writer refuses a string with an unpaired surrogate instead of replacing it")
    void unpairedSurrogate() {
        assertThrows(IllegalArgumentException.class, () -> new BcsWriter().string("a\ud800b"));
    }

    @ParameterizedTest(name = "rejects invalid UTF-8 {0}")
    @ValueSource(
            strings = {
                "02 c080", // overlong NUL
                "03 eda080", // UTF-8-encoded surrogate U+D800
                "01 ff", // never valid
                "02 e282", // truncated three-byte sequence
                "04 f4908080", // above U+10FFFF
                "01 80" // lone continuation byte
            })
    void invalidUtf8(String encoding) {
        BcsReader in = new BcsReader(hex(encoding));
        assertThrows(MalformedReportException.class, () -> in.string("s", 16));
    }

    @Test
    @DisplayName("a length beyond the bytes left or beyond the field maximum fails before allocating")
    void forgedLengths() {
        // ULEB128 ffffffff0f = 2^32 - 1 bytes claimed, 1 present
        assertThrows(MalformedReportException.class, () -> new BcsReader(hex("ffffffff0f 00"))
                .bytes("v", Integer.MAX_VALUE));
        // 3 bytes claimed, 2 present
        assertThrows(MalformedReportException.class, () -> new BcsReader(hex("03 0102")).bytes("v", 8));
        // 3 bytes present but the field allows 2
        assertThrows(MalformedReportException.class, () -> new BcsReader(hex("03 010203")).bytes("v", 2));
    }

    @Test
    @DisplayName("options are a 0/1 tag then the value; other tags are rejected")
    void options() throws MalformedReportException {
        byte[] bytes = new BcsWriter().none().someTag().u16(5).toByteArray();
        assertArrayEquals(hex("00 01 0500"), bytes);
        BcsReader in = new BcsReader(bytes);
        assertFalse(in.optionTag("a"));
        assertTrue(in.optionTag("b"));
        assertEquals(5, in.u16("b"));
        in.finish();
        assertThrows(MalformedReportException.class, () -> new BcsReader(hex("02")).optionTag("c"));
    }

    @Test
    @DisplayName("truncated integers and trailing bytes are rejected")
    void truncationAndTrailing() throws MalformedReportException {
        assertThrows(MalformedReportException.class, () -> new BcsReader(hex("")).u8("a"));
        assertThrows(MalformedReportException.class, () -> new BcsReader(hex("01")).u16("a"));
        assertThrows(MalformedReportException.class, () -> new BcsReader(hex("01020304050607")).u64("a"));
        BcsReader in = new BcsReader(hex("0100"));
        in.u8("a");
        assertThrows(MalformedReportException.class, in::finish);
    }
}
