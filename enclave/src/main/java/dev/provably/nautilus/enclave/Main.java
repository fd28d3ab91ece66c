package dev.provably.nautilus.enclave;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar nautilus-enclave.jar serve|host [options]}. {@code serve} runs the signing
 * server (inside the enclave, or with {@code --local} anywhere); {@code host} runs the parent-side
 * health server.
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: java -jar nautilus-enclave.jar serve [--local] [--port 5000] [--dev-root-out FILE]",
            "                                          [--state-dir DIR] [--max-body BYTES] [--threads N]",
            "       java -jar nautilus-enclave.jar host [--port 8080] [--local --enclave-url URL]",
            "                                         [--describe-command CMD] [--expect-cpus N --expect-memory-mib M]");

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Starts the chosen command; returns non-zero only when it could not start. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "serve":
                    ServeCommand.start(rest, out);
                    return 0;
                case "host":
                    HostCommand.start(rest, out);
                    return 0;
                case "--help":
                case "-h":
                case "help":
                    out.println(USAGE);
                    return 0;
                default:
                    throw new UsageException("unknown command " + args[0]);
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
