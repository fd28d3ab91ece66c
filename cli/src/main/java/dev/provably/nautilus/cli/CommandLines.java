package dev.provably.nautilus.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What every command line of both jars ({@code nautilus-verifier.jar}, {@code nautilus-enclave.jar})
 * shares on top of picocli: a usage error is one line naming the command and the problem, a pointer
 * to {@code --help}, and exit status {@value #USAGE}; help and errors go to the given streams.
 */
public final class CommandLines {
    /** The exit status of every usage error: the command line was wrong and nothing was done. */
    public static final int USAGE = 2;

    private CommandLines() {}

    /**
     * Points {@code commandLine} and all its subcommands (add them first) at {@code out} and
     * {@code err}, makes every usage error exit {@value #USAGE}, and reads {@code @file} as an
     * argument like any other (picocli would otherwise expand it into the file's lines).
     */
    public static CommandLine configure(CommandLine commandLine, PrintStream out, PrintStream err) {
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        commandLine.setParameterExceptionHandler(CommandLines::usageError);
        // An input may be named @something: it is a file to check, never a file of more arguments.
        commandLine.setExpandAtFiles(false);
        return commandLine;
    }

    /** A usage error thrown by a command's own checks, reported like picocli's own. */
    public static ParameterException usageError(CommandLine.Model.CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName(" ");
        err.println(name + ": " + message(e, command));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + name + " --help' for the options.");
        err.flush();
        return USAGE;
    }

    /** picocli says "Unmatched argument" for a word that is no command and for an empty one; say what it is. */
    private static String message(ParameterException e, CommandLine command) {
        if (e instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (first.isEmpty()) {
                return "an empty argument: no option, file or value may be empty here";
            }
            if (!command.getSubcommands().isEmpty() && !first.startsWith("-")) {
                return "unknown command '" + first + "'";
            }
        }
        return e.getMessage();
    }
}
