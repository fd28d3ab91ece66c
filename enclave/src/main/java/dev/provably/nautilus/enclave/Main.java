package dev.provably.nautilus.enclave;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar nautilus-enclave.jar serve|host|local-client [options]}. {@code serve} runs the
 * signing server (inside the enclave, or with {@code --local} anywhere); {@code host} runs the
 * parent-side health server; {@code local-client} plays the backend against a local enclave
 * ({@code ./run-local} drives it).
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: java -jar nautilus-enclave.jar serve [--local] [--port 5000] [--dev-root-out FILE]",
            "                                          [--state-dir DIR] [--max-body BYTES] [--threads N]",
            "                                          [--analysis-workers N] [--queue-jobs N] [--queue-bytes BYTES]",
            "                                          [--job-timeout SECONDS] [--result-ttl SECONDS]",
            "                                          [--kms-key-id ID --kms-region R --parent-url URL [--seal-new-if-none]]",
            "                                          (--local: [--kms-endpoint URL] --identity-dir DIR|--parent-url URL)",
            "       java -jar nautilus-enclave.jar host [--port 8080] [--bind IP] [--local --enclave-url URL]",
            "                                         [--describe-command CMD] [--expect-cpus N --expect-memory-mib M]",
            "                                         [--support-port P [--identity-dir DIR] [--imds-endpoint URL]]",
            "       java -jar nautilus-enclave.jar local-client --enclave-url URL --health-url URL --media FILE",
            "                                         --dev-root PEM --out DIR [--media-type TYPE] [--reference REF]",
            "       java -jar nautilus-enclave.jar local-client show GATE_OUTPUT [--sui-out FILE] [--expect OUTCOMES]",
            "       java -jar nautilus-enclave.jar local-client samples --enclave-url URL --config STACK_OUTPUTS FILE...",
            "       java -jar nautilus-enclave.jar analyze FILE...   (the shipped analyzers and policy, unsigned)",
            "       java -jar nautilus-enclave.jar kms-local --state-dir DIR --dev-root PEM --release-jar JAR [--port 4000]",
            "       java -jar nautilus-enclave.jar --version");

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The build's version, from the Maven-filtered {@code version.properties} beside this class. */
    static String version() {
        try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
            java.util.Properties properties = new java.util.Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Runs the chosen command (servers keep running after this returns); non-zero when it failed. */
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
                case "local-client":
                    return LocalClientCommand.run(rest, out);
                case "analyze":
                    return AnalyzeCommand.run(rest, out);
                case "kms-local":
                    LocalKmsCommand.start(rest, out);
                    return 0;
                case "--help":
                case "-h":
                case "help":
                    out.println(USAGE);
                    return 0;
                case "--version":
                case "-V":
                    out.println("nautilus-enclave " + version());
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
