package dev.provably.nautilus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;

/**
 * Writes the CLI harness's input: {@code GenerateDocuments DIR COUNT ROOT_PEM}. DIR receives COUNT
 * raw documents ({@code doc-00001.cbor}, ...) sharing one synthetic chain, ROOT_PEM that chain's
 * root (for {@code verify --root}); standard output gets the verification time to pass as
 * {@code --at}, in epoch milliseconds.
 */
public final class GenerateDocuments {

    private GenerateDocuments() {}

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        if (args.length != 3) {
            System.err.println("usage: GenerateDocuments DIR COUNT ROOT_PEM");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        if (count < 1) {
            throw new IllegalArgumentException("COUNT must be positive, got " + count);
        }
        Path rootPem = Path.of(args[2]);
        SyntheticDocuments documents = SyntheticDocuments.issue(count, Instant.now());
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            Files.write(dir.resolve(String.format("doc-%05d.cbor", i + 1)), documents.document(i));
        }
        Files.writeString(rootPem, documents.authority().rootPem(), StandardCharsets.US_ASCII);
        System.out.println(documents.verificationTime().toEpochMilli());
    }
}
