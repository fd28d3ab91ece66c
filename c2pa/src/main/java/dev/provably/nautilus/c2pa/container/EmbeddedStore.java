package dev.provably.nautilus.c2pa.container;

import java.util.List;

/**
 * A manifest store found in a media file.
 *
 * @param jumbf the reassembled JUMBF bytes of the store
 * @param ranges where the store's carrier segments or chunks sit in the file (whole segments,
 *     markers and headers included), in file order
 */
public record EmbeddedStore(byte[] jumbf, List<ByteRange> ranges) {
    public EmbeddedStore {
        ranges = List.copyOf(ranges);
    }
}
