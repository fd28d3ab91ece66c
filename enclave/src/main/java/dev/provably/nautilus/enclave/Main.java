package dev.provably.nautilus.enclave;

import dev.provably.nautilus.cli.CommandLines;
import dev.provably.nautilus.cli.Version;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar nautilus-enclave.jar COMMAND [options]}. {@code serve} runs the signing server
 * (inside the enclave, or with {@code --local} anywhere); {@code host} runs the parent-side health
 * server; {@code local-client} plays the backend against a local enclave ({@code ./run-local} drives
 * it). The command line is picocli's, set up as the verifier's ({@link CommandLines}): a usage error
 * exits 2, any other failure prints {@code error: <reason>} and exits 1.
 */
@Command(
        name = "nautilus-enclave",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "The Nautilus enclave server, the parent's health server and the local run's tools.",
        footer = {"", "Run 'java -jar nautilus-enclave.jar COMMAND --help' for a command's options."})
public final class Main implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** The version line of {@code --version}: the build's, from the Maven-filtered {@code version.properties}. */
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"nautilus-enclave " + Version.of(Main.class)};
        }
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the chosen command (servers keep running after this returns); non-zero when it failed. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        int status = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** The whole command tree. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine localClient = new CommandLine(new LocalClientCommand(out))
                .addSubcommand(new LocalClientCommand.Show(out))
                .addSubcommand(new LocalClientCommand.Samples(out));
        CommandLine commandLine = new CommandLine(new Main())
                .addSubcommand(new ServeCommand(out))
                .addSubcommand(new HostCommand(out))
                .addSubcommand(localClient)
                .addSubcommand(new AnalyzeCommand(out))
                .addSubcommand(new LocalKmsCommand(out))
                .addSubcommand(new HelpCommand());
        CommandLines.configure(commandLine, out, err);
        commandLine.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof UsageException) {
                // A rule across options, found by the command itself: reported as picocli's usage errors are.
                return command.getParameterExceptionHandler()
                        .handleParseException(new ParameterException(command, e.getMessage(), e), new String[0]);
            }
            command.getErr().println("error: " + e.getMessage());
            command.getErr().flush();
            return 1;
        });
        return commandLine;
    }

    /** No command given: the usage on standard error, exit status 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLines.USAGE;
    }
}
