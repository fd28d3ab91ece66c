package dev.provably.nautilus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("a directory stands for its regular files, sorted by name, without descending")
    void directory() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("docs"));
        Files.write(dir.resolve("b.cbor"), new byte[] {1});
        Files.write(dir.resolve("a.cbor"), new byte[] {1});
        Files.write(dir.resolve("C.txt"), new byte[] {1});
        Path sub = Files.createDirectory(dir.resolve("0-sub"));
        Files.write(sub.resolve("inner.cbor"), new byte[] {1});
        Path single = Files.write(tmp.resolve("z.cbor"), new byte[] {1});

        List<Path> paths = InputFiles.expand(List.of(single, dir), java.io.InputStream.nullInputStream()).stream()
                .map(InputFiles.Entry::path)
                .collect(Collectors.toList());

        assertEquals(List.of(single, dir.resolve("C.txt"), dir.resolve("a.cbor"), dir.resolve("b.cbor")), paths);
    }

    @Test
    @DisplayName("an empty directory contributes nothing")
    void emptyDirectory() throws IOException {
        assertTrue(InputFiles.expand(
                        List.of(Files.createDirectory(tmp.resolve("empty"))), java.io.InputStream.nullInputStream())
                .isEmpty());
    }

    @Test
    @DisplayName("a file larger than the bound is MALFORMED and not read whole")
    void oversized() throws IOException {
        Path big = Files.write(tmp.resolve("big"), new byte[DocumentDecoder.MAX_FILE_BYTES + 1]);
        InputException e = assertThrows(InputException.class, () -> InputFiles.read(big));
        assertEquals("MALFORMED", e.code());
        assertTrue(e.getMessage().contains("larger than " + DocumentDecoder.MAX_FILE_BYTES), e.getMessage());
    }

    @Test
    @DisplayName("a file of exactly the bound is read")
    void atBound() throws IOException, InputException {
        Path file = Files.write(tmp.resolve("max"), new byte[DocumentDecoder.MAX_FILE_BYTES]);
        assertEquals(DocumentDecoder.MAX_FILE_BYTES, InputFiles.read(file).length);
    }

    @Test
    @DisplayName("a missing file is UNREADABLE: no such file")
    void missing() {
        InputException e = assertThrows(InputException.class, () -> InputFiles.read(tmp.resolve("nope")));
        assertEquals("UNREADABLE", e.code());
        assertEquals("cannot read: no such file or directory", e.getMessage());
    }

    @Test
    @DisplayName("a path through a regular file is UNREADABLE")
    void throughAFile() throws IOException {
        Path file = Files.write(tmp.resolve("f"), new byte[] {1});
        InputException e = assertThrows(InputException.class, () -> InputFiles.read(file.resolve("child")));
        assertEquals("UNREADABLE", e.code());
        assertTrue(e.getMessage().startsWith("cannot read: "), e.getMessage());
    }
}
