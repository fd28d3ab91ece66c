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
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

@DisplayName("a command's run: one line per input file, usage errors for inputs that cannot be run")
class CommandRunTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CommandSpec spec = new CommandLine(CommandSpec.create().name("probe")).getCommandSpec();
    private final CommandRun run = new CommandRun(
            spec, java.io.InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8));

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
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
    }

    @Test
    @DisplayName("exit 0 when every file passed")
    void allPass() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertEquals(0, run.checkEach("things", List.of(file, file), (entry, writer) -> true));
    }

    @Test
    @DisplayName("directories with no regular file: a usage error naming what was wanted, nothing checked")
    void noFiles() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("empty"));
        ParameterException e = assertThrows(
                ParameterException.class,
                () -> run.checkEach("things", List.of(dir), (entry, writer) -> {
                    throw new AssertionError("nothing to check");
                }));
        assertEquals("no things: the directories given hold no regular files", e.getMessage());
        assertEquals(spec.commandLine(), e.getCommandLine());
        assertEquals("", out());
    }

    @Test
    @DisplayName("standard input given twice is a usage error, read from nothing")
    void standardInputTwice() {
        ParameterException e = assertThrows(
                ParameterException.class,
                () -> run.checkEach("things", List.of(Path.of("-"), Path.of("-")), (entry, writer) -> {
                    throw new AssertionError("nothing to check");
                }));
        assertEquals("- (standard input) given more than once", e.getMessage());
    }

    @Test
    @DisplayName("a failure to write the results is not mistaken for a verdict")
    void writeFailure() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        UncheckedIOException e = assertThrows(
                UncheckedIOException.class,
                () -> run.checkEach("things", List.of(file), (entry, writer) -> {
                    throw new IOException("disk full");
                }));
        assertEquals("cannot write the results", e.getMessage());
    }
}
