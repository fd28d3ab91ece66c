package dev.provably.nautilus.enclave.analysis;

/**
 * One fact an analyzer read or computed, e.g. {@code xmp.DigitalSourceType =
 * http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia}. Values come from the
 * media (attacker-controlled), so they are bounded and stripped of control characters here, once.
 *
 * @param key a short fixed name chosen by the analyzer, 1..{@value #MAX_KEY_CHARS} characters
 * @param value what was found, cut to {@value #MAX_VALUE_CHARS} characters (a cut ends in "...")
 */
public record Finding(String key, String value) {
    public static final int MAX_KEY_CHARS = 48;
    public static final int MAX_VALUE_CHARS = 160;

    public Finding {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_CHARS || !key.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("finding key must be 1.." + MAX_KEY_CHARS + " of [A-Za-z0-9._-], got " + key);
        }
        value = bounded(value == null ? "" : value);
    }

    /** Control characters become spaces, runs of white space one space; long values are cut. */
    static String bounded(String raw) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_VALUE_CHARS));
        boolean space = false;
        for (int i = 0; i < raw.length() && out.length() < MAX_VALUE_CHARS + 1; i++) {
            char c = raw.charAt(i);
            boolean blank = Character.isWhitespace(c) || Character.isISOControl(c);
            if (blank) {
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
        return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS - 3) + "..." : s;
    }
}
