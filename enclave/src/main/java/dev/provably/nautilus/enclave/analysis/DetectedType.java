package dev.provably.nautilus.enclave.analysis;

/**
 * The media type the enclave detects from the bytes themselves (magic numbers), never from the
 * caller's {@code Content-Type}. Anything unrecognised is {@link #UNKNOWN}: analyzers then report
 * "unsupported / no findings" instead of failing.
 */
public enum DetectedType {
    JPEG("image/jpeg"),
    PNG("image/png"),
    WEBP("image/webp"),
    GIF("image/gif"),
    UNKNOWN("application/octet-stream");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String mediaType;

    DetectedType(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The IANA media type, e.g. {@code image/jpeg}. */
    public String mediaType() {
        return mediaType;
    }

    /** The type of {@code media} from its leading bytes. */
    public static DetectedType of(byte[] media) {
        if (startsWith(media, 0, PNG_SIGNATURE)) {
            return PNG;
        }
        if (media.length >= 3 && (media[0] & 0xFF) == 0xFF && (media[1] & 0xFF) == 0xD8 && (media[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (startsWith(media, 0, ascii("RIFF")) && startsWith(media, 8, ascii("WEBP"))) {
            return WEBP;
        }
        if (startsWith(media, 0, ascii("GIF87a")) || startsWith(media, 0, ascii("GIF89a"))) {
            return GIF;
        }
        return UNKNOWN;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] media, int offset, byte[] prefix) {
        if (media.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (media[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
