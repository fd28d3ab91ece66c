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
import picocli.CommandLine.Model.CommandSpec;

/** One run of a command over its input files, so that every command reads and reports them alike. */
final class CommandRun {

    /** Checks one input file and writes its one line to {@code out}; returns whether the file passed. */
    @FunctionalInterface
    interface FileCheck {
        boolean check(InputFiles.Entry entry, Writer out) throws IOException;
    }

    private final CommandSpec spec;
    private final InputStream in;
    private final PrintStream out;

    /** {@code spec} is the running command's, for its usage errors. */
    CommandRun(CommandSpec spec, InputStream in, PrintStream out) {
        this.spec = spec;
        this.in = in;
        this.out = out;
    }

    /**
     * Checks every file the inputs stand for ({@link InputFiles#expand}), in order, one line each on
     * standard output.
     *
     * @param what what the files hold, plural, for the message when there are none (e.g. "documents")
     * @return 0 when every file passed, 1 when any failed
     * @throws picocli.CommandLine.ParameterException (exit status 2) when {@code -} is given twice or the
     *     directories given hold no file
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
            throw CommandLines.usageError(spec, "- (standard input) given more than once");
        }
        List<InputFiles.Entry> entries = InputFiles.expand(inputs, in);
        if (entries.isEmpty()) {
            throw CommandLines.usageError(spec, "no " + what + ": the directories given hold no regular files");
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
