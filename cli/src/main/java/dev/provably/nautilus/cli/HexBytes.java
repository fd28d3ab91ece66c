package dev.provably.nautilus.cli;

/**
 * Bytes given in hex on the command line ({@link Converters.Hex}); a value type so that picocli takes
 * one option value per occurrence, not one element per byte. The array is copied in and out.
 */
public record HexBytes(byte[] bytes) {
    public HexBytes {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
