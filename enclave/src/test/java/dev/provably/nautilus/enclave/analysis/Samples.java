package dev.provably.nautilus.enclave.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The bundled media samples (copied from the project's provenance corpus, none with C2PA except gen-ai-es256.jpg). */
final class Samples {
    private Samples() {}

    static byte[] read(String name) {
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
