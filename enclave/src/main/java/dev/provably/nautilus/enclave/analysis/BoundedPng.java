package dev.provably.nautilus.enclave.analysis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A PNG without its deflate-compressed metadata chunks ({@code zTXt}, {@code iCCP}, compressed
 * {@code iTXt}), for the metadata parser: it inflates those without a size limit, so a few
 * kilobytes could expand to gigabytes inside the enclave (a decompression bomb). Generators write
 * their declarations uncompressed ({@code tEXt}, XMP in plain {@code iTXt}), which are kept.
 * Chunks are copied whole (CRC included); a truncated or lying chunk length ends the copy.
 */
final class BoundedPng {
    private BoundedPng() {}

    static InputStream withoutCompressedText(byte[] png) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length);
        out.write(png, 0, Math.min(8, png.length));
        long pos = 8;
        while (pos + 12 <= png.length) {
            int p = (int) pos;
            long length = ((long) (png[p] & 0xFF) << 24)
                    | (png[p + 1] & 0xFF) << 16
                    | (png[p + 2] & 0xFF) << 8
                    | (png[p + 3] & 0xFF);
            long end = pos + 12 + length;
            if (end > png.length) {
                break;
            }
            String type = new String(png, p + 4, 4, StandardCharsets.ISO_8859_1);
            if (!compressed(type, png, p + 8, (int) length)) {
                out.write(png, p, (int) (end - pos));
            }
            if (type.equals("IEND")) {
                break;
            }
            pos = end;
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    private static boolean compressed(String type, byte[] png, int data, int length) {
        if (type.equals("zTXt") || type.equals("iCCP")) {
            return true;
        }
        if (type.equals("iTXt")) {
            // keyword (1-79 bytes), NUL, then the compression flag.
            for (int i = data; i < data + length - 1 && i < data + 80; i++) {
                if (png[i] == 0) {
                    return png[i + 1] != 0;
                }
            }
            return true; // no keyword terminator: malformed, and not worth the parser's time
        }
        return false;
    }
}
