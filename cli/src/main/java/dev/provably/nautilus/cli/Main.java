package dev.provably.nautilus.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code nautilus-verifier.jar}: {@code java -jar nautilus-verifier.jar COMMAND ...}.
 *
 * <p>To add a subcommand, implement {@link Command} and list it in {@link #COMMANDS}.
 */
public final class Main {

    static final String PROGRAM = "nautilus-verifier";

    private static final List<Command> COMMANDS = List.of(new VerifyCommand(), new GateCommand());

    private Main() {
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
        Map<String, Command> byName = new LinkedHashMap<>();
        for (Command command : COMMANDS) {
            byName.put(command.name(), command);
        }
        if (args.length == 0) {
            err.print(usage(byName));
            return ExitStatus.USAGE;
        }
        String first = args[0];
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            out.print(usage(byName));
            return ExitStatus.OK;
        }
        if (first.equals("--version") || first.equals("-V")) {
            out.println(PROGRAM + " " + Version.of(Main.class));
            return ExitStatus.OK;
        }
        Command command = byName.get(first);
        if (command == null) {
            err.println(PROGRAM + ": unknown command '" + first + "'");
            err.print(usage(byName));
            return ExitStatus.USAGE;
        }
        return command.run(List.copyOf(Arrays.asList(args).subList(1, args.length)), in, out, err);
    }

    private static String usage(Map<String, Command> byName) {
        StringBuilder text = new StringBuilder();
        text.append("usage: java -jar ").append(PROGRAM).append(".jar COMMAND [options] ...\n\ncommands:\n");
        for (Command command : byName.values()) {
            text.append(String.format("  %-10s %s", command.name(), command.summary())).append('\n');
        }
        text.append("\nInputs named - are read from standard input.\n");
        text.append("Run 'java -jar ").append(PROGRAM).append(".jar --version' for the version; 'java -jar ").append(PROGRAM).append(".jar COMMAND --help' for a command's options.\n");
        return text.toString();
    }
}
