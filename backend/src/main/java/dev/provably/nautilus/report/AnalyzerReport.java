package dev.provably.nautilus.report;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One analyzer of the enclave image and what it concluded, as signed. The analyzer is fixed by the
 * image; its {@code identity} is SHA-256 over its own artifact (its rules, or its model file and
 * manifest), so a backend can pin exactly which analysis produced a verdict.
 *
 * @param name a fixed short name, {@code [a-z][a-z0-9-]{0,31}} (e.g. {@code provenance})
 * @param version the analyzer's version, 1..{@value #MAX_VERSION_BYTES} bytes, no control characters
 * @param identity SHA-256 of the analyzer's artifact, 32 bytes (copied in and out)
 * @param scoreBps the AI-generated probability in basis points 0..10000, if the analyzer scores
 * @param label the outcome as a fixed word, {@code [a-z][a-z0-9-]{0,31}} (e.g. {@code ai-declared})
 */
public record AnalyzerReport(String name, String version, byte[] identity, OptionalInt scoreBps, String label) {
    /** Longest {@code version}, in UTF-8 bytes. */
    public static final int MAX_VERSION_BYTES = 32;

    /** Longest {@code name} or {@code label}. */
    public static final int MAX_WORD_BYTES = 32;

    /** Highest score: 100.00 %. */
    public static final int MAX_BPS = 10_000;

    static final Pattern WORD = Pattern.compile("[a-z][a-z0-9-]{0," + (MAX_WORD_BYTES - 1) + "}");

    public AnalyzerReport {
        word(name, "analyzer name");
        Text.label(version, "analyzer version", MAX_VERSION_BYTES);
        if (identity == null || identity.length != MediaReport.SHA256_LENGTH) {
            throw new IllegalArgumentException("analyzer identity must be a 32-byte SHA-256");
        }
        identity = identity.clone();
        if (scoreBps == null) {
            throw new IllegalArgumentException("scoreBps must not be null (use OptionalInt.empty())");
        }
        if (scoreBps.isPresent() && (scoreBps.getAsInt() < 0 || scoreBps.getAsInt() > MAX_BPS)) {
            throw new IllegalArgumentException("scoreBps must be 0.." + MAX_BPS + ", got " + scoreBps.getAsInt());
        }
        word(label, "analyzer label");
    }

    static String word(String s, String field) {
        if (s == null || !WORD.matcher(s).matches()) {
            throw new IllegalArgumentException(
                    field + " must be 1.." + MAX_WORD_BYTES + " of [a-z0-9-], starting with a letter");
        }
        return s;
    }

    /** A copy of the analyzer's identity. */
    @Override
    public byte[] identity() {
        return identity.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnalyzerReport other
                && name.equals(other.name)
                && version.equals(other.version)
                && Arrays.equals(identity, other.identity)
                && scoreBps.equals(other.scoreBps)
                && label.equals(other.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, Arrays.hashCode(identity), scoreBps, label);
    }

    @Override
    public String toString() {
        return "AnalyzerReport[" + name + " " + version + " " + HexFormat.of().formatHex(identity)
                + (scoreBps.isPresent() ? " score " + scoreBps.getAsInt() : "") + " " + label + "]";
    }
}
