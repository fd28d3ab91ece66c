package dev.provably.nautilus.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DocumentDecoderTest {

    /** Starts like an untagged COSE_Sign1 and has bytes that base64-encode to '+', '/', '-' and '_'. */
    private static final byte[] DOC = HexFormat.of().parseHex("8444a1013822a0fbeffe03fbff");

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static InputException rejects(byte[] file) {
        return assertThrows(InputException.class, () -> DocumentDecoder.decode(file));
    }

    @Test
    @DisplayName("raw CBOR starting with an array of 4 is passed through")
    void rawUntagged() throws InputException {
        assertArrayEquals(DOC, DocumentDecoder.decode(DOC));
    }

    @Test
    @DisplayName("raw CBOR starting with tag 18 is passed through")
    void rawTagged() throws InputException {
        byte[] tagged = HexFormat.of().parseHex("d28444a1013822a0");
        assertArrayEquals(tagged, DocumentDecoder.decode(tagged));
    }

    @Test
    @DisplayName("hex text in either case, with line breaks and spaces, is decoded")
    void hex() throws InputException {
        String hex = HexFormat.of().formatHex(DOC);
        assertArrayEquals(DOC, DocumentDecoder.decode(ascii(hex + "\n")));
        assertArrayEquals(DOC, DocumentDecoder.decode(ascii(hex.toUpperCase())));
        // 0x-prefixed, the form Sui's own output prints: hex, not (as before) base64 garbage.
        assertArrayEquals(DOC, DocumentDecoder.decode(ascii("0x" + hex + "\n")));
        assertArrayEquals(DOC, DocumentDecoder.decode(ascii("0X" + hex.toUpperCase())));
        assertArrayEquals(
                DOC, DocumentDecoder.decode(ascii(" " + hex.substring(0, 6) + "\r\n\t" + hex.substring(6) + " ")));
    }

    @Test
    @DisplayName("standard base64, with or without padding and wrapped, is decoded")
    void base64() throws InputException {
        String b64 = Base64.getEncoder().encodeToString(DOC);
        assertTrue(b64.contains("+") || b64.contains("/"), b64);
        assertArrayEquals(DOC, DocumentDecoder.decode(ascii(b64)));
        assertArrayEquals(DOC, DocumentDecoder.decode(ascii(b64.replace("=", "") + "\n")));
        assertArrayEquals(DOC, DocumentDecoder.decode(ascii(b64.substring(0, 8) + "\n" + b64.substring(8))));
    }

    @Test
    @DisplayName("URL-safe base64 is decoded")
    void base64UrlSafe() throws InputException {
        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(DOC);
        assertTrue(b64.contains("-") || b64.contains("_"), b64);
        assertArrayEquals(DOC, DocumentDecoder.decode(ascii(b64)));
    }

    @Test
    @DisplayName("a UTF-8 byte order mark before hex or base64 text is ignored")
    void byteOrderMark() throws InputException {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] hex = ascii(HexFormat.of().formatHex(DOC));
        byte[] b64 = ascii(Base64.getEncoder().encodeToString(DOC));
        assertArrayEquals(DOC, DocumentDecoder.decode(concat(bom, hex)));
        assertArrayEquals(DOC, DocumentDecoder.decode(concat(bom, b64)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    @DisplayName("text that is neither hex nor base64 is MALFORMED with a clear detail")
    void neither() {
        InputException e = rejects(ascii("not a document!\n"));
        assertEquals("MALFORMED", e.code());
        assertTrue(e.getMessage().contains("neither raw CBOR"), e.getMessage());
    }

    @Test
    @DisplayName("binary that does not start like COSE_Sign1 is MALFORMED")
    void otherBinary() {
        assertEquals("MALFORMED", rejects(new byte[] {(byte) 0xa1, 0x01, 0x02}).code());
    }

    @Test
    @DisplayName("base64 mixing the standard and URL-safe alphabets is refused")
    void mixedAlphabets() {
        assertTrue(rejects(ascii("ab+c-def")).getMessage().contains("neither"));
    }

    @Test
    @DisplayName("base64 with a bad length is refused with the decoder's reason")
    void badBase64() {
        InputException e = rejects(ascii("hEShA"));
        assertTrue(e.getMessage().startsWith("invalid base64"), e.getMessage());
    }

    @Test
    @DisplayName("hex with an odd number of digits is refused")
    void oddHex() {
        assertTrue(rejects(ascii("844")).getMessage().contains("odd number"));
    }

    @Test
    @DisplayName("an empty or blank file is refused")
    void empty() {
        assertEquals("empty file", rejects(new byte[0]).getMessage());
        assertEquals("empty file", rejects(ascii(" \n")).getMessage());
    }

    @Test
    @DisplayName("a document above 64 KiB is refused, raw or encoded; exactly 64 KiB passes")
    void sizeBound() throws InputException {
        byte[] max = new byte[DocumentDecoder.MAX_DOCUMENT_BYTES];
        max[0] = (byte) 0x84;
        assertEquals(max.length, DocumentDecoder.decode(max).length);
        byte[] over = Arrays.copyOf(max, max.length + 1);
        assertTrue(rejects(over).getMessage().contains("at most 65536"));
        assertTrue(rejects(ascii(HexFormat.of().formatHex(over))).getMessage().contains("(hex)"));
        assertTrue(rejects(ascii(Base64.getEncoder().encodeToString(over)))
                .getMessage()
                .contains("(base64)"));
    }
}
