package dev.provably.nautilus.c2pa;

import dev.provably.nautilus.c2pa.jumbf.SuperBox;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** The hash algorithms C2PA names, and hashing a JUMBF superbox as hashed URIs require. */
final class Hashes {
    private Hashes() {}

    /** A digest for a C2PA algorithm name ({@code sha256}, {@code sha384}, {@code sha512}). */
    static Optional<MessageDigest> digest(String alg) {
        String jca =
                switch (alg) {
                    case "sha256" -> "SHA-256";
                    case "sha384" -> "SHA-384";
                    case "sha512" -> "SHA-512";
                    default -> null;
                };
        if (jca == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance(jca));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jca, e);
        }
    }

    /** A hashed URI covers the superbox's contents: description and content boxes, not its own header. */
    static byte[] ofBox(MessageDigest md, SuperBox box) {
        md.update(box.source(), box.contentStart(), box.end() - box.contentStart());
        return md.digest();
    }
}
