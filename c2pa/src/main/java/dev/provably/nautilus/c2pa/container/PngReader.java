package dev.provably.nautilus.c2pa.container;

import dev.provably.nautilus.c2pa.container.ContainerException.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** PNG: the manifest store is the data of one {@code caBX} chunk. */
final class PngReader implements ContainerReader {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final int maxStoreBytes;

    PngReader(int maxStoreBytes) {
        this.maxStoreBytes = maxStoreBytes;
    }

    private record Chunk(String type, int start, int dataStart, int dataLength, int end) {}

    @Override
    public Optional<EmbeddedStore> findStore(byte[] file) throws ContainerException {
        Chunk found = null;
        for (Chunk c : chunks(file)) {
            if (c.type.equals("caBX")) {
                if (found != null) {
                    throw new ContainerException(Kind.MULTIPLE_STORES, "a second caBX chunk at " + c.start);
                }
                found = c;
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        if (found.dataLength > maxStoreBytes) {
            throw new ContainerException(
                    Kind.TOO_LARGE, "caBX chunk holds " + found.dataLength + " bytes; the limit is " + maxStoreBytes);
        }
        byte[] jumbf = Arrays.copyOfRange(file, found.dataStart, found.dataStart + found.dataLength);
        return Optional.of(new EmbeddedStore(jumbf, List.of(new ByteRange(found.start, found.end - found.start))));
    }

    @Override
    public List<NamedPart> parts(byte[] file) throws ContainerException {
        List<NamedPart> parts = new ArrayList<>();
        parts.add(new NamedPart("PNGh", new ByteRange(0, SIGNATURE.length)));
        for (Chunk c : chunks(file)) {
            parts.add(new NamedPart(c.type.equals("caBX") ? "C2PA" : c.type, new ByteRange(c.start, c.end - c.start)));
        }
        return parts;
    }

    private static List<Chunk> chunks(byte[] file) throws ContainerException {
        if (file.length < SIGNATURE.length || !Arrays.equals(file, 0, 8, SIGNATURE, 0, 8)) {
            throw new ContainerException(Kind.NOT_THIS_FORMAT, "not a PNG (bad signature)");
        }
        List<Chunk> out = new ArrayList<>();
        int at = SIGNATURE.length;
        while (true) {
            if (file.length - at < 12) {
                throw new ContainerException(Kind.TRUNCATED, "PNG ends before IEND (chunk at " + at + ")");
            }
            long length = JpegReader.u32(file, at);
            if (length > file.length - at - 12L) {
                throw new ContainerException(
                        Kind.TRUNCATED,
                        "chunk at " + at + " declares " + length + " bytes; " + (file.length - at - 12) + " remain");
            }
            String type = new String(file, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            int end = at + 12 + (int) length;
            out.add(new Chunk(type, at, at + 8, (int) length, end));
            if (type.equals("IEND")) {
                return out;
            }
            at = end;
        }
    }
}
