package dev.provably.nautilus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    @DisplayName("no arguments: usage on stderr, exit 2")
    void noArguments() {
        CliRun run = CliRun.of();
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("Usage: nautilus-verifier"), run.err());
        assertTrue(run.err().contains("verify"), run.err());
        assertEquals("", run.out());
    }

    @Test
    @DisplayName("--help lists the commands on stdout, exit 0")
    void help() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("verify "), run.out());
    }

    @Test
    @DisplayName("an unknown command is named in the error, exit 2")
    void unknownCommand() {
        CliRun run = CliRun.of("frobnicate", "x");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("nautilus-verifier: unknown command 'frobnicate'\n"), run.err());
        assertTrue(run.err().endsWith("Run 'nautilus-verifier --help' for the options.\n"), run.err());
        assertEquals("", run.out());
    }

    @Test
    @DisplayName("verify --help prints every option, exit 0")
    void verifyHelp() {
        CliRun run = CliRun.of("verify", "--help");
        assertEquals(0, run.exit());
        for (String option : new String[] {
            "--at", "--profile", "--allow-debug", "--pcr", "--max-age", "--nonce", "--public-key", "--root", "--help"
        }) {
            assertTrue(run.out().contains(option), option);
        }
    }

    @Test
    @DisplayName("--version prints the build's version, exit 0")
    void version() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exit());
        assertTrue(run.out().matches("nautilus-verifier \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), run.out());
    }
}
