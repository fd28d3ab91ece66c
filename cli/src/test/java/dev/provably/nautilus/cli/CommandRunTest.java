package dev.provably.nautilus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a command's run: help, usage errors, one line per input file")
class CommandRunTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CommandRun run = new CommandRun("probe", java.io.InputStream.nullInputStream(),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("help goes to standard output as given, exit 0")
    void help() {
        assertEquals(0, run.help("usage: probe\n"));
        assertEquals("usage: probe\n", out());
        assertEquals("", err());
    }

    @Test
    @DisplayName("a usage error names the program and command, points at --help, exit 2")
    void usageError() {
        assertEquals(2, run.usageError(new UsageException("--x needs a value")));
        assertEquals("nautilus-verifier probe: --x needs a value\n"
                + "Run 'nautilus-verifier probe --help' for the options.\n", err());
        assertEquals("", out());
    }

    @Test
    @DisplayName("every file is checked in order, a directory's by name; exit 1 when any failed")
    void checkEach() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        Files.writeString(dir.resolve("b"), "pass");
        Files.writeString(dir.resolve("a"), "fail");
        Path single = Files.writeString(tmp.resolve("single"), "pass");
        int status = run.checkEach("things", List.of(single, dir), (entry, writer) -> {
            boolean pass = Files.readString(entry.path()).equals("pass");
            writer.write(entry.path().getFileName() + " " + pass + "\n");
            return pass;
        });
        assertEquals(1, status);
        assertEquals("single true\na false\nb true\n", out());
        assertEquals("", err());
    }

    @Test
    @DisplayName("exit 0 when every file passed")
    void allPass() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertEquals(0, run.checkEach("things", List.of(file, file), (entry, writer) -> true));
    }

    @Test
    @DisplayName("directories with no regular file: a message naming what was wanted, exit 2, nothing checked")
    void noFiles() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("empty"));
        int status = run.checkEach("things", List.of(dir), (entry, writer) -> {
            throw new AssertionError("nothing to check");
        });
        assertEquals(2, status);
        assertEquals("nautilus-verifier probe: no things: the directories given hold no regular files\n", err());
        assertEquals("", out());
    }

    @Test
    @DisplayName("a failure to write the results is not mistaken for a verdict")
    void writeFailure() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> run.checkEach("things", List.of(file), (entry, writer) -> {
                    throw new IOException("disk full");
                }));
        assertEquals("cannot write the results", e.getMessage());
    }
}
