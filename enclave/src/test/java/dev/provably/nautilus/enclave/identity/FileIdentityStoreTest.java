package dev.provably.nautilus.enclave.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIdentityStoreTest {
    private static final String RELEASE = "ab".repeat(48);

    @TempDir
    Path directory;

    @Test
    @DisplayName("a saved record loads back equal; an absent one is empty")
    void roundTrip() throws Exception {
        FileIdentityStore store = new FileIdentityStore(directory);
        assertTrue(store.load(RELEASE).isEmpty());
        SealedIdentity identity = new SealedIdentity(RELEASE, new byte[] {1, 2, 3}, new byte[32]);
        store.save(identity);
        assertEquals(identity, store.load(RELEASE).orElseThrow());
    }

    @Test
    @DisplayName("a corrupt, truncated, oversized or mislabelled record is an error, never 'no identity'")
    void corruptRecordsAreErrors() throws Exception {
        FileIdentityStore store = new FileIdentityStore(directory);
        Path file = directory.resolve("identity-" + RELEASE + ".json");
        String good =
                "{\"release\":\"" + RELEASE + "\",\"ciphertext\":\"AQID\",\"publicKey\":\"" + "00".repeat(32) + "\"}";
        for (String bad : new String[] {
            "",
            "{",
            good.substring(0, good.length() / 2),
            "[]",
            good.replace("AQID", "!!"),
            good.replace("\"00", "\"zz"),
            good.replace("}", ",\"extra\":1}"),
            good.replace(RELEASE, "cd".repeat(48)),
            "x".repeat(70_000)
        }) {
            Files.writeString(file, bad);
            assertThrows(IdentityException.class, () -> store.load(RELEASE), bad.length() > 80 ? "big" : bad);
        }
    }
}
