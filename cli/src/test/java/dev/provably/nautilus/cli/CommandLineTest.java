package dev.provably.nautilus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("command-line syntax")
class CommandLineTest {

    private static final CommandLine SYNTAX =
            new CommandLine(Set.of("--help", "-h", "--flag"), Set.of("--once", "--other"), Set.of("--many"));

    /** What one read saw: the options as "name=value" (a flag alone) and the inputs. */
    private record Read(List<String> options, List<Path> inputs) {
    }

    private static Read read(String... args) throws UsageException {
        List<String> options = new ArrayList<>();
        List<Path> inputs = SYNTAX.read(List.of(args),
                (name, value) -> options.add(value == null ? name : name + "=" + value));
        return new Read(options, inputs);
    }

    private static List<Path> paths(String... names) {
        return Arrays.stream(names).map(Path::of).toList();
    }

    @Test
    @DisplayName("options in both value forms and the inputs mixed among them come out in command-line order")
    void order() throws UsageException {
        Read read = read("a", "--once", "1", "--flag", "--many=x=y", "b", "--many", "2", "-h", "--other=");
        assertEquals(List.of("--once=1", "--flag", "--many=x=y", "--many=2", "-h", "--other="), read.options());
        assertEquals(paths("a", "b"), read.inputs());
    }

    @Test
    @DisplayName("after --, and for a lone -, arguments are inputs; a second -- is an input too")
    void inputs() throws UsageException {
        Read read = read("-", "--", "--once", "-x", "--");
        assertEquals(List.of(), read.options());
        assertEquals(paths("-", "--once", "-x", "--"), read.inputs());
    }

    @Test
    @DisplayName("the value of a valued option is the next argument even when it starts with a dash")
    void dashValue() throws UsageException {
        assertEquals(List.of("--once=--flag"), read("--once", "--flag").options());
    }

    @Test
    @DisplayName("flags may repeat; only valued options outside the repeatable set are refused twice")
    void repeats() throws UsageException {
        assertEquals(List.of("--flag", "--flag"), read("--flag", "--flag").options());
        assertEquals(List.of("--many=1", "--many=2", "--many=3"),
                read("--many", "1", "--many=2", "--many", "3").options());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "--bogus x           | unknown option '--bogus'",
        "--bogus=1           | unknown option '--bogus'",
        "-x                  | unknown option '-x'",
        "-h=1                | unknown option '-h=1'",
        "--=1                | unknown option '--=1'",
        "a --once            | --once needs a value",
        "--once=1 --once 2   | --once given more than once",
        "--flag=yes          | --flag takes no value",
        "a -- <empty>        | input is an empty path",
    })
    void syntaxErrors(String commandLine, String message) {
        String[] args = Arrays.stream(commandLine.split(" ")).map(a -> a.equals("<empty>") ? "" : a)
                .toArray(String[]::new);
        UsageException e = assertThrows(UsageException.class, () -> read(args));
        assertEquals(message, e.getMessage());
    }

    @Test
    @DisplayName("the first problem on the line wins: a consumer's error stops reading before a later syntax error")
    void firstProblemWins() {
        List<String> seen = new ArrayList<>();
        UsageException e = assertThrows(UsageException.class,
                () -> SYNTAX.read(List.of("--flag", "--once", "bad", "--bogus"), (name, value) -> {
                    seen.add(name);
                    if ("bad".equals(value)) {
                        throw new UsageException("--once: bad value");
                    }
                }));
        assertEquals("--once: bad value", e.getMessage());
        assertEquals(List.of("--flag", "--once"), seen);
    }

    @Test
    @DisplayName("an empty command line yields nothing")
    void empty() throws UsageException {
        assertEquals(new Read(List.of(), List.of()), read());
    }
}
