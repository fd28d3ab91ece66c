package dev.provably.nautilus.cli;

import java.util.Arrays;
import java.util.Base64;

/**
 * Turns a file's bytes into attestation document bytes, detecting the encoding:
 * <ol>
 *   <li>raw CBOR when the file starts like a COSE_Sign1 array ({@code 84}) or tag 18 ({@code d2 84});</li>
 *   <li>otherwise ASCII text, ignoring a UTF-8 byte order mark and all whitespace: hex when every
 *       character is a hex digit (either case), else base64 (standard or URL-safe alphabet,
 *       padding optional).</li>
 * </ol>
 * The decoded document is bounded by {@link #MAX_DOCUMENT_BYTES}; the verifier judges the content.
 */
final class DocumentDecoder {

    /** Largest document accepted; real Nitro documents are 4 to 10 KiB. */
    static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    /** Largest file read: a maximal document as hex with a separator after every byte. */
    static final int MAX_FILE_BYTES = 4 * MAX_DOCUMENT_BYTES;

    private DocumentDecoder() {}

    static byte[] decode(byte[] file) throws InputException {
        if (looksLikeCbor(file)) {
            return bounded(file, "raw CBOR");
        }
        byte[] text = stripWhitespace(withoutByteOrderMark(file));
        if (text.length == 0) {
            throw new InputException(InputException.MALFORMED, "empty file");
        }
        if (text.length > 2
                && text[0] == '0'
                && (text[1] == 'x' || text[1] == 'X')
                && isHex(Arrays.copyOfRange(text, 2, text.length))) {
            text = Arrays.copyOfRange(text, 2, text.length); // 0x-prefixed hex, as Sui prints byte strings
        }
        if (isHex(text)) {
            if (text.length % 2 != 0) {
                throw new InputException(
                        InputException.MALFORMED, "hex text has an odd number of digits (" + text.length + ")");
            }
            return bounded(hex(text), "hex");
        }
        Base64.Decoder decoder = base64Decoder(text);
        if (decoder == null) {
            throw new InputException(
                    InputException.MALFORMED,
                    "not a document: neither raw CBOR (starting 84 or d2 84), hex text nor base64 text");
        }
        try {
            return bounded(decoder.decode(text), "base64");
        } catch (IllegalArgumentException e) {
            throw new InputException(InputException.MALFORMED, "invalid base64: " + e.getMessage());
        }
    }

    private static boolean looksLikeCbor(byte[] file) {
        int first = file.length > 0 ? file[0] & 0xff : -1;
        return first == 0x84 || (first == 0xd2 && file.length > 1 && (file[1] & 0xff) == 0x84);
    }

    private static byte[] bounded(byte[] document, String encoding) throws InputException {
        if (document.length > MAX_DOCUMENT_BYTES) {
            throw new InputException(
                    InputException.MALFORMED,
                    "document (" + encoding + ") is " + document.length + " bytes; at most " + MAX_DOCUMENT_BYTES
                            + " are accepted");
        }
        return document;
    }

    /** Text editors may prefix UTF-8 text with EF BB BF; it is not part of the encoding. */
    private static byte[] withoutByteOrderMark(byte[] file) {
        boolean bom =
                file.length >= 3 && (file[0] & 0xff) == 0xef && (file[1] & 0xff) == 0xbb && (file[2] & 0xff) == 0xbf;
        return bom ? java.util.Arrays.copyOfRange(file, 3, file.length) : file;
    }

    private static byte[] stripWhitespace(byte[] file) {
        byte[] out = new byte[file.length];
        int n = 0;
        for (byte b : file) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                out[n++] = b;
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static boolean isHex(byte[] text) {
        for (byte b : text) {
            if (Character.digit(b, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] hex(byte[] text) {
        byte[] out = new byte[text.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (Character.digit(text[2 * i], 16) << 4 | Character.digit(text[2 * i + 1], 16));
        }
        return out;
    }

    /** The decoder for the alphabet {@code text} uses, or null when it is not base64 at all. */
    private static Base64.Decoder base64Decoder(byte[] text) {
        boolean standard = false;
        boolean urlSafe = false;
        for (byte b : text) {
            if (b == '+' || b == '/') {
                standard = true;
            } else if (b == '-' || b == '_') {
                urlSafe = true;
            } else if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '=')) {
                return null;
            }
        }
        if (standard && urlSafe) {
            return null;
        }
        return urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder();
    }
}
