package dev.provably.nautilus.report;

import java.util.regex.Pattern;

/**
 * One fact an analyzer read or computed that carried the verdict, e.g. {@code xmp.DigitalSourceType
 * = http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia}. Values come from the
 * media (attacker-controlled); {@link #bounded} makes any text fit, the constructor refuses what
 * does not.
 *
 * @param key a fixed name chosen by the analyzer: 1..{@value #MAX_KEY_BYTES} of {@code [A-Za-z0-9._-]}
 * @param value what was found: at most {@value #MAX_VALUE_CHARS} characters (and
 *     {@value #MAX_VALUE_BYTES} UTF-8 bytes), no control characters; may be empty
 */
public record Finding(String key, String value) {
    /** Longest key. */
    public static final int MAX_KEY_BYTES = 48;

    /** Longest value, in characters; a longer text is cut by {@link #bounded} and ends in "...". */
    public static final int MAX_VALUE_CHARS = 160;

    /** Longest value in UTF-8 (160 characters of the Basic Multilingual Plane). */
    public static final int MAX_VALUE_BYTES = 3 * MAX_VALUE_CHARS;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_KEY_BYTES + "}");

    public Finding {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("finding key must be 1.." + MAX_KEY_BYTES + " of [A-Za-z0-9._-]");
        }
        if (value == null) {
            throw new IllegalArgumentException("finding value must not be null");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("finding value must not contain control characters");
        }
        if (value.length() > MAX_VALUE_CHARS || Text.utf8(value, "finding value").length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("finding value must be at most " + MAX_VALUE_CHARS + " characters");
        }
    }

    /**
     * A finding from raw text: control characters become spaces, runs of white space one space,
     * unpaired surrogates and characters outside the Basic Multilingual Plane are dropped, and a value
     * longer than {@value #MAX_VALUE_CHARS} characters is cut to end in "...".
     */
    public static Finding bounded(String key, String raw) {
        String text = raw == null ? "" : raw;
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_VALUE_CHARS + 1));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() <= MAX_VALUE_CHARS; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                if (!space && out.length() > 0) {
                    out.append(' ');
                }
                space = true;
            } else if (!Character.isSurrogate(c)) {
                out.append(c);
                space = false;
            }
        }
        String s = out.toString().strip();
        return new Finding(key, s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS - 3) + "..." : s);
    }
}
