package dev.provably.nautilus.enclave.analysis;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Hand-built hostile images for tests. */
public final class TestImages {
    private TestImages() {}

    /** {@code png} with one extra chunk inserted right after IHDR. */
    static byte[] pngWithChunk(byte[] png, String type, byte[] data) {
        int afterIhdr = 8 + 12 + ByteBuffer.wrap(png, 8, 4).getInt();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        out.writeBytes(chunk(type, data));
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(typeBytes)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    /** A zTXt payload ("Comment", method 0) whose text inflates to {@code inflated} zero bytes. */
    static byte[] zTxtBomb(long inflated) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Comment".getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
        out.write(0);
        byte[] zeros = new byte[1 << 20];
        byte[] buffer = new byte[1 << 16];
        for (long fed = 0; fed < inflated; fed += zeros.length) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /**
     * A WebP (RIFF) container: VP8X (XMP flag set), an {@code XMP } chunk with {@code xmp}, then the
     * extra chunk if any. No image data: metadata readers need none.
     */
    static byte[] webpWithXmp(String xmp, String extraChunk) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        chunks.writeBytes(riffChunk("VP8X", new byte[] {0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
        chunks.writeBytes(riffChunk("XMP ", xmp.getBytes(StandardCharsets.UTF_8)));
        if (extraChunk != null) {
            chunks.writeBytes(riffChunk(extraChunk, new byte[] {1, 2, 3}));
        }
        byte[] body = chunks.toByteArray();
        return ByteBuffer.allocate(12 + body.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes(StandardCharsets.ISO_8859_1))
                .putInt(4 + body.length)
                .put("WEBP".getBytes(StandardCharsets.ISO_8859_1))
                .put(body)
                .array();
    }

    private static byte[] riffChunk(String fourcc, byte[] data) {
        int padded = data.length + (data.length & 1);
        return ByteBuffer.allocate(8 + padded)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put(fourcc.getBytes(StandardCharsets.ISO_8859_1))
                .putInt(data.length)
                .put(data)
                .array();
    }

    /** A minimal PNG header (signature + IHDR) claiming {@code width} x {@code height} RGB pixels, no image data. */
    public static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** SOI + a baseline SOF0 claiming {@code width} x {@code height}, three components, an SOS header, then EOI. */
    public static byte[] jpegHeader(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(2 + 19 + 14 + 2);
        b.put((byte) 0xFF).put((byte) 0xD8);
        b.put((byte) 0xFF)
                .put((byte) 0xC0)
                .putShort((short) 17)
                .put((byte) 8)
                .putShort((short) height)
                .putShort((short) width)
                .put((byte) 3);
        for (int c = 1; c <= 3; c++) {
            b.put((byte) c).put((byte) 0x11).put((byte) 0);
        }
        b.put((byte) 0xFF).put((byte) 0xDA).putShort((short) 12).put((byte) 3);
        for (int c = 1; c <= 3; c++) {
            b.put((byte) c).put((byte) 0);
        }
        b.put((byte) 0).put((byte) 63).put((byte) 0);
        b.put((byte) 0xFF).put((byte) 0xD9);
        return b.array();
    }
}
