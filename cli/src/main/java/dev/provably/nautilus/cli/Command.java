package dev.provably.nautilus.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** One subcommand of the command-line tool; {@link Main} dispatches to it by {@link #name()}. */
interface Command {

    /** The word that selects this command, e.g. {@code verify}. */
    String name();

    /** One line for the tool's command list. */
    String summary();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @param in standard input, read for an input named {@code -}
     * @return the process exit status: 0 success, 1 a negative verdict, 2 a usage error
     */
    int run(List<String> args, InputStream in, PrintStream out, PrintStream err);
}
