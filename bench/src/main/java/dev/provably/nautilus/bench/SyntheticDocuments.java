package dev.provably.nautilus.bench;

import dev.provably.nautilus.attestation.SyntheticNitro;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Documents as one enclave emits them: one chain (root, regional, zonal, instance) shared by all,
 * and per document its own leaf key and certificate and its own payload (timestamp, a 32-byte
 * public key and 32 bytes of user data, as a Nautilus enclave binds its Ed25519 key and report hash).
 */
final class SyntheticDocuments {

    private final SyntheticNitro.Authority authority;
    private final long firstTimestamp;
    private final byte[][] documents;

    private SyntheticDocuments(SyntheticNitro.Authority authority, long firstTimestamp, byte[][] documents) {
        this.authority = authority;
        this.firstTimestamp = firstTimestamp;
        this.documents = documents;
    }

    /** {@code count} documents stamped one millisecond apart from {@code first}, in one fresh chain. */
    static SyntheticDocuments issue(int count, Instant first) {
        SyntheticNitro.Authority authority =
                SyntheticNitro.authority(first.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS));
        SecureRandom random = new SecureRandom();
        long start = first.toEpochMilli();
        byte[][] documents = new byte[count][];
        for (int i = 0; i < count; i++) {
            byte[] publicKey = new byte[32];
            byte[] userData = new byte[32];
            random.nextBytes(publicKey);
            random.nextBytes(userData);
            documents[i] = authority.document(Instant.ofEpochMilli(start + i))
                    .publicKey(publicKey)
                    .userData(userData)
                    .build();
        }
        return new SyntheticDocuments(authority, start, documents);
    }

    SyntheticNitro.Authority authority() {
        return authority;
    }

    int count() {
        return documents.length;
    }

    byte[] document(int index) {
        return documents[index].clone();
    }

    /** A verification time at which every document is fresh: just after the last timestamp. */
    Instant verificationTime() {
        return Instant.ofEpochMilli(firstTimestamp + documents.length);
    }
}
