package dev.provably.nautilus.bench;

import dev.provably.nautilus.issuer.DevCa;
import dev.provably.nautilus.issuer.NitroDocument;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Documents as one enclave emits them, from the nitro-issuer's in-memory development CA: one chain
 * (root, regional, zonal, instance) shared by all, and per document its own leaf key and
 * certificate and its own payload (timestamp, a 32-byte public key and 32 bytes of user data, as a
 * Nautilus enclave binds its Ed25519 key and report hash; 16 PCRs of 48 bytes).
 */
final class SyntheticDocuments {
    private static final String MODULE_ID = "i-0123456789abcdef0-enc0123456789abcdef";

    private final DevCa authority;
    private final long firstTimestamp;
    private final byte[][] documents;

    private SyntheticDocuments(DevCa authority, long firstTimestamp, byte[][] documents) {
        this.authority = authority;
        this.firstTimestamp = firstTimestamp;
        this.documents = documents;
    }

    /** {@code count} documents stamped one millisecond apart from {@code first}, in one fresh chain. */
    static SyntheticDocuments issue(int count, Instant first) {
        try {
            // Every certificate starts at `first` (the CA's clock stands still), so all stay valid
            // through the last document's timestamp.
            DevCa authority = DevCa.inMemory(Clock.fixed(first, ZoneOffset.UTC));
            SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
            for (int i = 0; i < 16; i++) {
                byte[] value = new byte[48];
                value[0] = (byte) (i + 1);
                pcrs.put(i, value);
            }
            SecureRandom random = new SecureRandom();
            long start = first.toEpochMilli();
            byte[][] documents = new byte[count][];
            for (int i = 0; i < count; i++) {
                byte[] publicKey = new byte[32];
                byte[] userData = new byte[32];
                random.nextBytes(publicKey);
                random.nextBytes(userData);
                documents[i] = authority.issueDocument(
                        new NitroDocument.Claims(MODULE_ID, start + i, pcrs, publicKey, userData, null));
            }
            return new SyntheticDocuments(authority, start, documents);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the development CA could not issue benchmark documents", e);
        }
    }

    DevCa authority() {
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
