package dev.provably.nautilus.c2pa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads test media copied from the shared corpus into src/test/resources/media. */
public final class TestFiles {
    private TestFiles() {}

    public static byte[] media(String name) {
        try (InputStream in = TestFiles.class.getResourceAsStream("/media/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource media/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String mediaType(String name) {
        return name.endsWith(".png") ? "image/png" : "image/jpeg";
    }
}
