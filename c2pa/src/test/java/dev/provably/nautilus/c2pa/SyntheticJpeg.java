package dev.provably.nautilus.c2pa;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Builds minimal JPEG files around a JUMBF manifest store, split into APP11 segments as C2PA does. */
final class SyntheticJpeg {
    private SyntheticJpeg() {}

    static byte[] withStore(byte[] jumbf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        int maxChunk = 65_535 - 2 - 8 - 8;
        int seq = 1;
        int at = 8;
        boolean first = true;
        while (first || at < jumbf.length) {
            int n = Math.min(maxChunk, jumbf.length - at);
            ByteBuffer seg = ByteBuffer.allocate(2 + 2 + 8 + 8 + n);
            seg.put((byte) 0xFF).put((byte) 0xEB).putShort((short) (2 + 8 + 8 + n));
            seg.put((byte) 'J').put((byte) 'P').putShort((short) 1).putInt(seq++);
            seg.put(jumbf, 0, 8).put(jumbf, at, n);
            out.writeBytes(seg.array());
            at += n;
            first = false;
        }
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }
}
