package dev.provably.nautilus.report;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the enclave measured itself (the media's SHA-256, length and declared type), plus the
 * caller's {@link Analysis}, kept apart so a reader knows which values the enclave vouches for.
 *
 * <p>In BCS the analysis fields are flattened into this struct (see {@link IntentMessage}).
 *
 * @param mediaSha256 SHA-256 of the media bytes, exactly 32 bytes (copied in and out)
 * @param mediaLength length of the media in bytes, at least 1 (BCS {@code u64})
 * @param mediaType the media type as {@code type/subtype} in RFC 6838 restricted-name characters,
 *     without parameters; at most 255 bytes
 * @param analysis the caller's analysis
 */
public record MediaReport(byte[] mediaSha256, long mediaLength, String mediaType, Analysis analysis) {
    /** Length of {@code mediaSha256}. */
    public static final int SHA256_LENGTH = 32;

    /** Longest {@code mediaType}, in bytes. */
    public static final int MAX_MEDIA_TYPE_BYTES = 255;

    // RFC 6838 section 4.2: restricted-name = first char alphanumeric, then up to 126 of these.
    private static final Pattern MEDIA_TYPE =
            Pattern.compile(
                    "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

    public MediaReport {
        if (mediaSha256 == null) {
            throw new IllegalArgumentException("mediaSha256 must not be null");
        }
        if (mediaSha256.length != SHA256_LENGTH) {
            throw new IllegalArgumentException(
                    "mediaSha256 must be " + SHA256_LENGTH + " bytes, got " + mediaSha256.length);
        }
        mediaSha256 = mediaSha256.clone();
        if (mediaLength < 1) {
            // Also refuses u64 values above 2^63 - 1, which a Java long reads as negative.
            throw new IllegalArgumentException("mediaLength must be at least 1, got " + mediaLength);
        }
        if (mediaType == null) {
            throw new IllegalArgumentException("mediaType must not be null");
        }
        if (!MEDIA_TYPE.matcher(mediaType).matches()) {
            throw new IllegalArgumentException(
                    "mediaType must be type/subtype in RFC 6838 restricted-name characters, got \""
                            + printable(mediaType)
                            + "\"");
        }
        if (analysis == null) {
            throw new IllegalArgumentException("analysis must not be null");
        }
    }

    /** A copy of the media's SHA-256. */
    @Override
    public byte[] mediaSha256() {
        return mediaSha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaReport other
                && Arrays.equals(mediaSha256, other.mediaSha256)
                && mediaLength == other.mediaLength
                && mediaType.equals(other.mediaType)
                && analysis.equals(other.analysis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(mediaSha256), mediaLength, mediaType, analysis);
    }

    @Override
    public String toString() {
        return "MediaReport[mediaSha256="
                + HexFormat.of().formatHex(mediaSha256)
                + ", mediaLength="
                + mediaLength
                + ", mediaType="
                + mediaType
                + ", analysis="
                + analysis
                + "]";
    }

    private static String printable(String s) {
        String shown = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return shown.codePoints()
                .collect(
                        StringBuilder::new,
                        (b, cp) -> {
                            if (cp < 0x20 || cp == 0x7f || cp == '"' || cp == '\\') {
                                b.append(String.format("\\u%04x", cp));
                            } else {
                                b.appendCodePoint(cp);
                            }
                        },
                        StringBuilder::append)
                .toString();
    }
}
