package dev.provably.nautilus.enclave.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The repository's media samples ({@code samples/}, on the test class path via the pom; from the shared provenance corpus, none with C2PA except gen-ai-es256.jpg). */
public final class Samples {
    private Samples() {}

    public static byte[] read(String name) {
        try (InputStream in = Samples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
