package dev.provably.nautilus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.cli.CommandLine.Token;
import java.util.ArrayList;
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

    private static List<Token> read(String... args) throws UsageException {
        List<Token> tokens = new ArrayList<>();
        SYNTAX.read(List.of(args), tokens::add);
        return tokens;
    }

    private static Token option(String name, String value) {
        return new Token(name, value);
    }

    @Test
    @DisplayName("options and inputs mixed come out in command-line order, in both value forms")
    void order() throws UsageException {
        assertEquals(
                List.of(Token.input("a"), option("--once", "1"), option("--flag", null), option("--many", "x=y"),
                        Token.input("b"), option("--many", "2"), option("-h", null), option("--other", "")),
                read("a", "--once", "1", "--flag", "--many=x=y", "b", "--many", "2", "-h", "--other="));
    }

    @Test
    @DisplayName("after --, and for a lone -, arguments are inputs; a second -- is an input too")
    void inputs() throws UsageException {
        assertEquals(List.of(Token.input("-"), Token.input("--once"), Token.input("-x"), Token.input("--")),
                read("-", "--", "--once", "-x", "--"));
        assertTrue(read("-").get(0).isInput());
    }

    @Test
    @DisplayName("the value of a valued option is the next argument even when it starts with a dash")
    void dashValue() throws UsageException {
        assertEquals(List.of(option("--once", "--flag")), read("--once", "--flag"));
    }

    @Test
    @DisplayName("flags may repeat; only valued options outside the repeatable set are refused twice")
    void repeats() throws UsageException {
        assertEquals(2, read("--flag", "--flag").size());
        assertEquals(3, read("--many", "1", "--many=2", "--many", "3").size());
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
    })
    void syntaxErrors(String commandLine, String message) {
        UsageException e = assertThrows(UsageException.class, () -> read(commandLine.split(" ")));
        assertEquals(message, e.getMessage());
    }

    @Test
    @DisplayName("the first problem on the line wins: a consumer's error stops reading before a later syntax error")
    void firstProblemWins() {
        List<Token> seen = new ArrayList<>();
        UsageException e = assertThrows(UsageException.class,
                () -> SYNTAX.read(List.of("a", "--once", "bad", "--bogus"), token -> {
                    seen.add(token);
                    if ("bad".equals(token.value())) {
                        throw new UsageException("--once: bad value");
                    }
                }));
        assertEquals("--once: bad value", e.getMessage());
        assertEquals(List.of(Token.input("a"), option("--once", "bad")), seen);
    }

    @Test
    @DisplayName("an empty command line yields nothing")
    void empty() throws UsageException {
        assertEquals(List.of(), read());
    }
}
