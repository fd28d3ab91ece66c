package dev.provably.nautilus.enclave.analysis.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Tiny files that declare enormous images. */
final class BombImages {
    private BombImages() {}

    /** PNG signature + IHDR claiming {@code width} x {@code height} RGB + an empty IDAT + IEND. */
    static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IDAT", new byte[0]));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** SOI + a baseline SOF0 claiming {@code width} x {@code height}, three components, an SOS header, then EOI. */
    static byte[] jpegHeader(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(2 + 19 + 14 + 2);
        b.put((byte) 0xFF).put((byte) 0xD8);
        b.put((byte) 0xFF).put((byte) 0xC0).putShort((short) 17).put((byte) 8)
                .putShort((short) height).putShort((short) width).put((byte) 3);
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

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }
}
