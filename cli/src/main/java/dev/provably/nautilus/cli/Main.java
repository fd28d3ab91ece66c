package dev.provably.nautilus.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code nautilus-verifier.jar}: {@code java -jar nautilus-verifier.jar COMMAND ...}.
 * The command line is picocli's ({@link CommandLines}); to add a subcommand, write a picocli
 * {@code @Command} and add it in {@link #commandLine}.
 */
@Command(
        name = Main.PROGRAM,
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        sortOptions = false,
        synopsisSubcommandLabel = "COMMAND",
        description = "Verifies AWS Nitro Enclaves attestation documents and enclave report responses.",
        footer = {
            "",
            "Inputs named - are read from standard input.",
            "Run 'java -jar " + Main.PROGRAM + ".jar COMMAND --help' for a command's options."
        })
public final class Main implements Callable<Integer> {

    static final String PROGRAM = "nautilus-verifier";

    @Spec
    private CommandSpec spec;

    /** The version line of {@code --version}, from the build. */
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {PROGRAM + " " + Version.of(Main.class)};
        }
    }

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs the tool without exiting the JVM, with nothing on standard input. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, InputStream.nullInputStream(), out, err);
    }

    /**
     * Runs the tool without exiting the JVM.
     *
     * @return the exit status: 0 all valid, 1 any document rejected, 2 usage error
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        int status = commandLine(in, out, err).execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** The whole command tree, reading {@code -} from {@code in}. */
    static CommandLine commandLine(InputStream in, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Main())
                .addSubcommand(new VerifyCommand(in, out))
                .addSubcommand(new GateCommand(in, out))
                .addSubcommand(new HelpCommand());
        return CommandLines.configure(commandLine, out, err);
    }

    /** No command given: the usage on standard error, exit status 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLines.USAGE;
    }
}
