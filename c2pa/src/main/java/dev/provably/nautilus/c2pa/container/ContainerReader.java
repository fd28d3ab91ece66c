package dev.provably.nautilus.c2pa.container;

import java.util.List;
import java.util.Optional;

/**
 * Finds the C2PA manifest store in one media format and lists the file's top-level parts for box
 * hashing. One implementation per format (JPEG and PNG now; WebP and BMFF fit the same shape).
 */
public interface ContainerReader {
    /** The embedded manifest store, or empty if the file has none. */
    Optional<EmbeddedStore> findStore(byte[] file) throws ContainerException;

    /** The file's top-level parts with the names {@code c2pa.hash.boxes} uses, in file order. */
    List<NamedPart> parts(byte[] file) throws ContainerException;

    /** A named top-level part of a file. */
    record NamedPart(String name, ByteRange range) {}

    /** The reader for a media type, or empty when the type is not supported. */
    static Optional<ContainerReader> forMediaType(String mediaType, int maxStoreBytes) {
        String t = mediaType == null ? "" : mediaType.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "image/jpeg", "image/jpg", "jpg", "jpeg" -> Optional.of(new JpegReader(maxStoreBytes));
            case "image/png", "png" -> Optional.of(new PngReader(maxStoreBytes));
            default -> Optional.empty();
        };
    }
}
