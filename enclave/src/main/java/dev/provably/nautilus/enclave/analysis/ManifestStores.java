package dev.provably.nautilus.enclave.analysis;

import java.nio.charset.StandardCharsets;

/**
 * Whether a C2PA manifest store is embedded: JUMBF in a JPEG APP11 segment, a PNG {@code caBX}
 * chunk or a WebP (RIFF) {@code C2PA} chunk. Presence only: validating the manifest is the C2PA
 * validator's job. Every walk is bounded by the bytes present; a truncated or lying length ends it.
 */
final class ManifestStores {
    private ManifestStores() {}

    static boolean present(byte[] media, DetectedType type) {
        return switch (type) {
            case JPEG -> inJpeg(media);
            case PNG -> inPng(media);
            case WEBP -> inWebp(media);
            default -> false;
        };
    }

    private static boolean inJpeg(byte[] b) {
        int pos = 2;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xFF) != 0xFF) {
                return false;
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return false; // end of image, or start of scan: no more metadata segments
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2;
                continue;
            }
            int length = (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
            if (length < 2 || pos + 2 + length > b.length) {
                return false;
            }
            // APP11 with common identifier "JP" holds JUMBF; a C2PA store's superbox is labelled "c2pa".
            if (marker == 0xEB
                    && length >= 4
                    && b[pos + 4] == 'J'
                    && b[pos + 5] == 'P'
                    && contains(b, pos + 4, Math.min(pos + 2 + length, pos + 4 + 64), "c2pa")) {
                return true;
            }
            pos += 2 + length;
        }
        return false;
    }

    private static boolean inPng(byte[] b) {
        long pos = 8;
        while (pos + 8 <= b.length) {
            int p = (int) pos;
            long length =
                    ((long) (b[p] & 0xFF) << 24) | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
            String chunk = new String(b, p + 4, 4, StandardCharsets.ISO_8859_1);
            if (chunk.equals("caBX")) {
                return true;
            }
            if (chunk.equals("IEND")) {
                return false;
            }
            pos += 12 + length;
        }
        return false;
    }

    private static boolean inWebp(byte[] b) {
        long pos = 12;
        while (pos + 8 <= b.length) {
            int p = (int) pos;
            String chunk = new String(b, p, 4, StandardCharsets.ISO_8859_1);
            if (chunk.equals("C2PA")) {
                return true;
            }
            long size =
                    (b[p + 4] & 0xFFL) | (b[p + 5] & 0xFFL) << 8 | (b[p + 6] & 0xFFL) << 16 | (b[p + 7] & 0xFFL) << 24;
            pos += 8 + size + (size & 1);
        }
        return false;
    }

    private static boolean contains(byte[] b, int from, int to, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i + needle.length <= to; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
