package dev.provably.nautilus.report;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 for signed text: a string that cannot round-trip exactly is refused, never replaced. */
final class Text {
    private Text() {}

    /** The UTF-8 bytes of {@code s}; {@link IllegalArgumentException} on unpaired surrogates. */
    static byte[] utf8(String s, String field) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(field + " is not valid Unicode (unpaired surrogate)", e);
        }
    }

    /** Decodes strict UTF-8 (no overlong forms, no encoded surrogates, nothing above U+10FFFF). */
    static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /**
     * Checks a short human-readable label: non-null, not blank, no control characters, valid Unicode
     * and at most {@code maxBytes} bytes of UTF-8.
     */
    static String label(String s, String field, int maxBytes) {
        if (s == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (s.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        // Control characters make logs, JSON views and CLI renderings of a signed value ambiguous.
        if (s.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " must not contain control characters");
        }
        int length = utf8(s, field).length;
        if (length > maxBytes) {
            throw new IllegalArgumentException(
                    field + " must be at most " + maxBytes + " bytes of UTF-8, got " + length);
        }
        return s;
    }
}
