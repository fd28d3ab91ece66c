package dev.provably.nautilus.sui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("RegisteredEnclaves: the backend's record of keys registered on Sui")
class RegisteredEnclavesTest {
    private static final byte[] KEY_A = HexFormat.of().parseHex("11".repeat(32));
    private static final byte[] KEY_B = HexFormat.of().parseHex("22".repeat(32));

    @Test
    @DisplayName("a missing file is an empty record; record() creates it and adds keys once, in order")
    void recordAndRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("registered.txt");
        assertFalse(RegisteredEnclaves.read(file).contains(KEY_A));
        RegisteredEnclaves.record(file, KEY_A);
        RegisteredEnclaves.record(file, KEY_B);
        RegisteredEnclaves after = RegisteredEnclaves.record(file, KEY_A);
        assertEquals(List.of("11".repeat(32), "22".repeat(32)), List.copyOf(after.keys()));
        RegisteredEnclaves read = RegisteredEnclaves.read(file);
        assertTrue(read.contains(KEY_A));
        assertTrue(read.contains(KEY_B));
        assertFalse(read.contains(new byte[32]));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    @DisplayName("comments and blank lines are ignored; anything else that is not a key is refused with its line")
    void format(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(
                dir.resolve("r.txt"), "# registered 2026-12-03\n\n" + "11".repeat(32) + "  # first release\n");
        assertTrue(RegisteredEnclaves.read(file).contains(KEY_A));
        Path bad = Files.writeString(dir.resolve("bad.txt"), "11".repeat(32) + "\n" + "AB".repeat(32) + "\n");
        IOException e = assertThrows(IOException.class, () -> RegisteredEnclaves.read(bad));
        assertTrue(e.getMessage().contains("bad.txt:2"), e.getMessage());
        Path huge = Files.write(dir.resolve("huge.txt"), new byte[RegisteredEnclaves.MAX_FILE_BYTES + 1]);
        assertThrows(IOException.class, () -> RegisteredEnclaves.read(huge));
        assertThrows(IllegalArgumentException.class, () -> RegisteredEnclaves.record(file, new byte[31]));
    }
}
