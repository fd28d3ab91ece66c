package dev.provably.nautilus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

@DisplayName("help is generated from the declared options, so it cannot drift from them")
class HelpTest {

    private static final PrintStream SINK = new PrintStream(OutputStream.nullOutputStream());

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"verify", "gate"})
    @DisplayName("every option a command declares is in its --help, with its description, and the exit statuses")
    void everyOptionInHelp(String name) {
        CommandLine command = Main.commandLine(InputStream.nullInputStream(), SINK, SINK)
                .getSubcommands()
                .get(name);
        List<OptionSpec> options = command.getCommandSpec().options();
        assertTrue(options.size() >= 8, "the options are declared: " + options.size());
        CliRun run = CliRun.of(name, "--help");
        assertEquals(0, run.exit(), run.err());
        for (OptionSpec option : options) {
            for (String alias : option.names()) {
                assertTrue(run.out().contains(alias), alias + " in\n" + run.out());
            }
            String firstWords = option.description()[0].split(" ", 4).length > 3
                    ? String.join(
                            " ", List.of(option.description()[0].split(" ", 4)).subList(0, 3))
                    : option.description()[0];
            assertTrue(run.out().contains(firstWords), firstWords + " in\n" + run.out());
        }
        assertTrue(run.out().contains("2   usage error"), run.out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--help", "-h", "help"})
    @DisplayName("the tool's help lists every command with its one-line header")
    void commandList(String ask) {
        CliRun run = CliRun.of(ask);
        assertEquals(0, run.exit(), run.err());
        Map<String, CommandLine> commands =
                Main.commandLine(InputStream.nullInputStream(), SINK, SINK).getSubcommands();
        for (String name : List.of("verify", "gate")) {
            assertTrue(commands.containsKey(name), name);
            assertTrue(run.out().contains("  " + name + "  "), name + " in\n" + run.out());
            assertTrue(
                    run.out()
                            .contains(commands.get(name)
                                    .getCommandSpec()
                                    .usageMessage()
                                    .header()[0]
                                    .substring(0, 30)),
                    run.out());
        }
        assertEquals("", run.err());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"verify", "gate"})
    @DisplayName(
            "--version works on every command and the tool; an unknown option is exit 2 with the pointer to --help")
    void versionAndUnknownOption(String name) {
        CliRun version = CliRun.of(name, "--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().matches("nautilus-verifier \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), version.out());
        CliRun unknown = CliRun.of(name, "--colour", "x");
        assertEquals(2, unknown.exit());
        assertTrue(
                unknown.err().startsWith("nautilus-verifier " + name + ": Unknown option: '--colour'\n"),
                unknown.err());
        assertTrue(
                unknown.err().endsWith("Run 'nautilus-verifier " + name + " --help' for the options.\n"),
                unknown.err());
        assertFalse(unknown.out().contains("{"), unknown.out());
    }

    @org.junit.jupiter.api.Test
    @DisplayName("an argument starting with @ is an input like any other, not a file of more arguments")
    void noArgumentFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path arguments = java.nio.file.Files.writeString(dir.resolve("args"), "--help\n");
        CliRun run = CliRun.of("verify", "--any-image", "@" + arguments);
        assertEquals(1, run.exit(), run.out() + run.err());
        assertEquals("@" + arguments, run.line().get("file").getAsString());
        assertEquals("UNREADABLE", run.line().get("reason").getAsString());
    }
}
