package dev.provably.nautilus.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One verifier shared by several threads gives the same verdicts as one thread. */
class ConcurrencyTest {

    private static String verdict(AttestationVerifier verifier, byte[] document) {
        try {
            return "OK " + verifier.verifyArchived(document).moduleId();
        } catch (VerificationException e) {
            return e.reason().name();
        }
    }

    @Test
    @DisplayName("four threads over the real documents and tampered copies agree with the sequential verdicts")
    void sharedVerifier() throws Exception {
        List<byte[]> documents = new ArrayList<>();
        for (Vectors vector : Vectors.GENUINE) {
            documents.add(vector.bytes());
            byte[] tampered = vector.bytes();
            tampered[tampered.length - 10] ^= 1;
            documents.add(tampered);
        }
        // A small cache forces evictions while threads race on it.
        AttestationVerifier verifier = AttestationVerifier.builder()
                .anyEnclaveImage()
                .profile(Profile.NSM)
                .allowDebug(true)
                .chainCacheSize(4)
                .build();
        List<String> expected = new ArrayList<>();
        for (byte[] document : documents) {
            expected.add(verdict(verifier, document));
        }
        assertEquals(18, expected.stream().filter(v -> v.startsWith("OK")).count());

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread * 7;
                runs.add(pool.submit(() -> {
                    List<String> verdicts = new ArrayList<>();
                    for (int round = 0; round < 2; round++) {
                        for (int i = 0; i < documents.size(); i++) {
                            int index = (i + offset) % documents.size();
                            verdicts.add(index + " " + verdict(verifier, documents.get(index)));
                        }
                    }
                    return verdicts;
                }));
            }
            for (Future<List<String>> run : runs) {
                for (String line : run.get(60, TimeUnit.SECONDS)) {
                    int index = Integer.parseInt(line.substring(0, line.indexOf(' ')));
                    assertEquals(expected.get(index), line.substring(line.indexOf(' ') + 1), "document " + index);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
