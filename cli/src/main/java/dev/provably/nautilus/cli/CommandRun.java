package dev.provably.nautilus.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One run of a command, and what every command prints around its own work, so that all of them
 * answer {@code --help}, usage errors and their input files alike.
 */
final class CommandRun {

    /** Checks one input file and writes its one line to {@code out}; returns whether the file passed. */
    @FunctionalInterface
    interface FileCheck {
        boolean check(InputFiles.Entry entry, Writer out) throws IOException;
    }

    private final String command;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    CommandRun(String command, InputStream in, PrintStream out, PrintStream err) {
        this.command = command;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Prints the command's help on standard output; returns exit status 0. */
    int help(String usage) {
        out.print(usage);
        out.flush();
        return ExitStatus.OK;
    }

    /** Prints the problem and where to find the options on standard error; returns exit status 2. */
    int usageError(UsageException e) {
        err.println(Main.PROGRAM + " " + command + ": " + e.getMessage());
        err.println("Run '" + Main.PROGRAM + " " + command + " --help' for the options.");
        return ExitStatus.USAGE;
    }

    /**
     * Checks every file the inputs stand for ({@link InputFiles#expand}), in order, one line each on
     * standard output.
     *
     * @param what what the files hold, plural, for the message when there are none (e.g. "documents")
     * @return 0 when every file passed, 1 when any failed, 2 when the directories given hold no file
     */
    int checkEach(String what, List<Path> inputs, FileCheck check) {
        return checkEach(what, inputs, count -> check);
    }

    /**
     * As {@link #checkEach(String, List, FileCheck)}, with the check made once the number of files
     * is known (a command may set itself up differently for one file than for thousands).
     */
    int checkEach(String what, List<Path> inputs, IntFunction<FileCheck> checkFor) {
        if (inputs.stream().filter(InputFiles::isStandardInput).count() > 1) {
            return usageError(new UsageException("- (standard input) given more than once"));
        }
        List<InputFiles.Entry> entries = InputFiles.expand(inputs, in);
        if (entries.isEmpty()) {
            err.println(Main.PROGRAM + " " + command + ": no " + what
                    + ": the directories given hold no regular files");
            return ExitStatus.USAGE;
        }
        FileCheck check = checkFor.apply(entries.size());
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        boolean allPassed = true;
        try {
            for (InputFiles.Entry entry : entries) {
                allPassed &= check.check(entry, writer);
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results", e);
        }
        return allPassed ? ExitStatus.OK : ExitStatus.REJECTED;
    }
}
